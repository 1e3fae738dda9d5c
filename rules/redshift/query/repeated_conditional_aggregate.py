"""## What it does
Flags two or more subqueries that aggregate the same table with different filters and are
combined by UNION ALL, joins, or scalar subqueries in one select list.

## Why is this bad?
Each subquery scans the table again. AWS's best practices recommend a single pass with
conditional aggregates (`SUM(CASE WHEN ... THEN ... END)`), which reads each block once and
computes every figure in the same scan.

## Example
```sql
SELECT 'open' AS state, COUNT(*) FROM ops.tickets WHERE status = 'open'
UNION ALL
SELECT 'closed', COUNT(*) FROM ops.tickets WHERE status = 'closed';
```

## Use instead
```sql
SELECT COUNT(CASE WHEN status = 'open' THEN 1 END) AS open_count,
       COUNT(CASE WHEN status = 'closed' THEN 1 END) AS closed_count
FROM ops.tickets
WHERE status = 'open' OR status = 'closed';
```

## Evidence
The SQL text: the table each subquery aggregates and its WHERE clause.

## Known limits
Only subqueries that read a single table (no joins) with a WHERE clause are compared. The
single-pass query returns one row with one column per figure instead of one row per branch, so
the fix is advice: callers must read the new shape. The SQL is spelled out only when every
branch selects aggregates of at most one argument (plus constants).
Statements that read only system tables and views (STL, STV, SVL, SVV, SYS, the pg_ catalog)
are admin queries over small or virtual tables and are not flagged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext, table_key
from advisor.sql.query import branches, sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    is_aggregate_select,
    reads_only_system_relations,
    sql,
    table_display,
    where_of,
)

META = RuleMeta(
    id="RS-Q08",
    name="repeated-conditional-aggregate",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="The same table is scanned once per filter to compute conditional aggregates",
    fix_safety=FixSafety.ADVISORY,
    options={"min_subqueries": 2},
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or reads_only_system_relations(tree):
        return
    minimum = int(ctx.option("min_subqueries", 2))
    for container, parts in _groups(stmt.nodes(exp.SetOperation, exp.Select)):
        by_table: dict[str, list[exp.Select]] = {}
        for part in parts:
            key = _candidate(part)
            if key is not None:
                by_table.setdefault(key, []).append(part)
        for selects in by_table.values():
            filters = {sql(w) for s in selects if (w := where_of(s)) is not None}
            if len(selects) >= minimum and len(filters) >= 2:
                yield _finding(stmt, container, selects)


def _groups(nodes: list[exp.Expr]) -> Iterator[tuple[exp.Expr, list[exp.Select]]]:
    """Sets of sibling subqueries: branches of a UNION ALL, derived tables and scalar
    subqueries of one SELECT (`nodes`: the statement's set operations and SELECTs)."""
    for node in nodes:
        if isinstance(node, exp.SetOperation):
            if not isinstance(node.parent, exp.SetOperation):
                yield node, list(branches(node))
            continue
        if not isinstance(node, exp.Select):
            continue
        parts: list[exp.Select] = []
        for source in sources(node):
            if isinstance(source, exp.Subquery) and isinstance(source.this, exp.Select):
                parts.append(source.this)
        for item in node.expressions:
            for sub in item.find_all(exp.Subquery):
                if isinstance(sub.this, exp.Select) and sub.find_ancestor(exp.Select) is node:
                    parts.append(sub.this)
        if len(parts) >= 2:
            yield node, parts


def _candidate(select: exp.Select) -> str | None:
    """Key of the one table a filtered aggregate subquery reads, else None."""
    if select.args.get("joins") or where_of(select) is None or not is_aggregate_select(select):
        return None
    found = list(sources(select))
    if len(found) != 1 or not isinstance(found[0], exp.Table):
        return None
    return table_key(found[0])


def _finding(stmt: SqlStatement, container: exp.Expr, selects: list[exp.Select]) -> Finding:
    table = next(iter(sources(selects[0])))
    name = table_display(table)
    return META.finding(
        f"{len(selects)} subqueries each scan {name} with a different filter; compute the "
        "figures in one pass with conditional aggregates",
        stmt.locate(span_of(selects[0])),
        object=name,
        evidence=Evidence.of(
            table=name,
            scans=len(selects),
            filters="; ".join(sql(w) for s in selects if (w := where_of(s)) is not None),
        ),
        fix=_fix(table, selects),
        anchor=stmt.text,
    )


def _fix(table: exp.Expr, selects: list[exp.Select]) -> Fix:
    title = "Scan once with SUM/COUNT(CASE WHEN <filter> THEN ... END)"
    items: list[exp.Expr] = []
    conditions: list[exp.Expr] = []
    used: set[str] = set()
    for n, select in enumerate(selects, 1):
        where = where_of(select)
        assert where is not None
        conditions.append(exp.paren(where.copy()) if isinstance(where, exp.Or) else where.copy())
        for item in select.expressions:
            agg = item.this if isinstance(item, exp.Alias) else item
            if isinstance(agg, exp.Literal):
                continue
            if not isinstance(agg, exp.AggFunc) or len(list(agg.iter_expressions())) > 1:
                return Fix.advice(title)
            arg = agg.this
            if isinstance(arg, exp.Distinct):
                return Fix.advice(title)
            value = exp.Literal.number(1) if arg is None or isinstance(arg, exp.Star) else arg
            case = exp.Case(ifs=[exp.If(this=where.copy(), true=value.copy())])
            new = agg.copy()
            new.set("this", case)
            alias = item.alias if isinstance(item, exp.Alias) else f"{agg.key}_{n}"
            alias = f"{alias}_{n}" if alias in used else alias
            used.add(alias)
            items.append(exp.alias_(new, alias))
    single = exp.select(*items).from_(table.copy()).where(exp.or_(*conditions))
    return Fix.sql(title, sql(single) + ";")
