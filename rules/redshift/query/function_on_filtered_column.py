"""## What it does
Flags a WHERE or ON predicate that compares a column wrapped in a function or a cast with a
constant: `DATE(ts) = '2024-01-01'`, `ts::date = ...`, `UPPER(code) = 'X'`,
`EXTRACT(year FROM ts) = 2024`.

## Why is this bad?
Redshift skips blocks using the min/max values (zone maps) it keeps for each column's blocks.
Those values are of the column itself; once the column is transformed, the planner cannot
compare the constant with them, so every block is read and the function runs on every row.
AWS's query best practices say it directly: avoid using functions in query predicates.

## Example
```sql
SELECT order_id FROM sales.orders WHERE DATE(order_ts) = '2024-03-01';
```

## Use instead
```sql
SELECT order_id FROM sales.orders
WHERE order_ts >= '2024-03-01' AND order_ts < '2024-03-02';
```

## Evidence
The SQL text of the predicate: which column is wrapped, by which function, compared with what;
and the DDL of the column's table from the same run, for its sort key.

## Known limits
Zone maps skip blocks mostly on sort key columns. With the table's DDL in the run, the rule
fires only when the wrapped column is in its sort key; when the DDL is not in the run it
gives an `info` note saying so. A column computed by a CTE, a subquery or a window function,
and the columns of system tables and views, are left alone: there are no zone maps to lose.
Only comparisons with a constant side are flagged (`=`, `<>`, `<`, `<=`, `>`, `>=`,
`BETWEEN`, `IN`); a function on both sides of a join condition is left alone. The exact
rewrite is produced only for a date cast or `DATE()`/`TRUNC()` compared for equality with a
`'YYYY-MM-DD'` literal; other cases get advice. A function the column's type makes
unnecessary (a cast to its own type) is still flagged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
"""

from __future__ import annotations

import datetime as dt
import re
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
from advisor.sql.context import RuleContext
from advisor.sql.query import sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    cte_names,
    has_column,
    is_system_relation,
    replaced,
    sql,
)

META = RuleMeta(
    id="RS-Q04",
    name="function-on-filtered-column",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="A function or cast on a filtered column defeats zone-map block skipping",
    fix_safety=FixSafety.UNSAFE,
)

_COMPARISONS = (exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None:
        return
    ctes = cte_names(tree)
    seen: set[int] = set()  # a subquery's WHERE sits inside the outer clause too
    for clause in _predicate_clauses(stmt.nodes(exp.Where, exp.Join)):
        for node in clause.find_all(*_COMPARISONS, exp.Between, exp.In):
            wrapped = _wrapped_column(node) if id(node) not in seen else None
            seen.add(id(node))
            if wrapped is None:
                continue
            column = wrapped.find(exp.Column)
            assert column is not None
            evidence = _sort_key_evidence(column, ctx, ctes)
            if evidence is not None:
                yield _finding(stmt, node, wrapped, column, evidence)


_SORTKEY = "sort key"
_UNKNOWN = "unknown"


def _sort_key_evidence(column: exp.Column, ctx: RuleContext, ctes: set[str]) -> str | None:
    """Whether the column is a sort key column of a declared table (`_SORTKEY`), of a table
    whose DDL is not in the run (`_UNKNOWN`), or neither (None: computed by a CTE, subquery or
    window, a system view, or a declared table's column outside its sort key)."""
    scope = column.find_ancestor(exp.Select, exp.Delete, exp.Update)
    if scope is None:
        return None
    qualifier = column.table.lower()
    candidates = [
        r for r in _scope_relations(scope) if not qualifier or r.alias_or_name.lower() == qualifier
    ]
    verdicts: list[str | None] = []
    for relation in candidates:
        if not isinstance(relation, exp.Table) or not relation.name:
            verdicts.append(None)  # a subquery or table function: a computed column
            continue
        if (not relation.db and relation.name.lower() in ctes) or is_system_relation(relation):
            verdicts.append(None)
            continue
        info = ctx.table_info(relation)
        if info is None:
            verdicts.append(_UNKNOWN)
        elif info.columns and info.column(column.name) is None:
            continue  # not this relation's column
        elif column.name.lower() in (k.lower() for k in info.sortkey):
            verdicts.append(_SORTKEY)
        else:
            verdicts.append(None)
    if qualifier and len(verdicts) != 1:
        return None
    if _SORTKEY in verdicts:
        return _SORTKEY
    return _UNKNOWN if _UNKNOWN in verdicts else None


def _scope_relations(scope: exp.Expr) -> list[exp.Expr]:
    if isinstance(scope, exp.Select):
        return list(sources(scope))
    found = [scope.this]
    for key in ("using", "from", "from_"):
        extra = scope.args.get(key)
        if isinstance(extra, exp.From):
            found.append(extra.this)
            found.extend(extra.expressions or ())
        elif isinstance(extra, list):
            found.extend(extra)
    for join in scope.args.get("joins") or ():
        found.append(join.this)
    return found


def _predicate_clauses(nodes: list[exp.Expr]) -> Iterator[exp.Expr]:
    for node in nodes:
        clause = node.this if isinstance(node, exp.Where) else node.args.get("on")
        if clause is not None:
            yield clause


def _wrapped_column(node: exp.Expr) -> exp.Expr | None:
    """The function-wrapped side of a comparison whose other side(s) are constants."""
    if isinstance(node, exp.Between):
        sides, others = [node.this], [node.args.get("low"), node.args.get("high")]
    elif isinstance(node, exp.In):
        if node.args.get("query") or not node.expressions:
            return None  # a subquery, or a driver placeholder (`IN %(ids)s`) as the list
        sides, others = [node.this], list(node.expressions)
    elif isinstance(node, exp.Binary):
        sides, others = [node.left, node.right], []
    else:
        return None
    for i, side in enumerate(sides):
        rest = others or [sides[1 - i]]
        constant = all(
            o is not None and not has_column(o) and o.find(exp.Select) is None for o in rest
        )
        if rest and constant and isinstance(side, exp.Expr) and _is_wrapped(side):
            return side
    return None


def _is_wrapped(node: exp.Expr) -> bool:
    if not isinstance(node, exp.Func | exp.Cast) or isinstance(node, exp.AggFunc):
        return False
    return node.find(exp.Column) is not None and node.find(exp.Select) is None


def _finding(
    stmt: SqlStatement, node: exp.Expr, wrapped: exp.Expr, column: exp.Column, evidence: str
) -> Finding:
    col = sql(column)
    func = "cast" if isinstance(wrapped, exp.Cast) else sql(wrapped).split("(")[0]
    if evidence == _SORTKEY:
        message = (
            f"predicate `{sql(node)}` applies {func} to sort key column {col}; zone maps on "
            f"{col} cannot skip blocks, so every block is read"
        )
        severity = None
    else:
        message = (
            f"predicate `{sql(node)}` applies {func} to {col}; if {col} is a sort key column, "
            "zone maps cannot skip blocks for it (if it is not, the function costs little: "
            "the table's DDL is not in this run)"
        )
        severity = Severity.INFO
    return META.finding(
        message,
        stmt.locate(span_of(node)),
        object=col,
        evidence=Evidence.of(column=col, function=func, predicate=sql(node), sort_key=evidence),
        fix=_fix(stmt, node, wrapped, column),
        anchor=stmt.text,
        severity=severity,
    )


def _fix(stmt: SqlStatement, node: exp.Expr, wrapped: exp.Expr, column: exp.Column) -> Fix:
    col = sql(column)
    title = f"Compare bare {col} with a transformed constant or a range"
    day = _day_literal(node, wrapped, column)
    if day is None:
        return Fix.advice(title)
    nxt = (day + dt.timedelta(days=1)).isoformat()
    rewrite = exp.and_(
        exp.GTE(this=column.copy(), expression=exp.Literal.string(day.isoformat())),
        exp.LT(this=column.copy(), expression=exp.Literal.string(nxt)),
    )
    # Unsafe: equal only when the column is a date or timestamp (not a date-like string).
    assert stmt.tree is not None
    statement = replaced(stmt.tree, node, exp.paren(rewrite))
    return Fix.sql(title, sql(statement) + ";", FixSafety.UNSAFE)


def _day_literal(node: exp.Expr, wrapped: exp.Expr, column: exp.Column) -> dt.date | None:
    if not isinstance(node, exp.EQ):
        return None
    is_date_cast = isinstance(wrapped, exp.Cast) and wrapped.to.is_type(exp.DataType.Type.DATE)
    is_date_func = isinstance(wrapped, exp.Date | exp.TsOrDsToDate | exp.Trunc) and (
        wrapped.this is column and sum(1 for v in wrapped.args.values() if v) == 1
    )
    if not (is_date_cast or is_date_func):
        return None
    other = node.right if node.left is wrapped else node.left
    if not isinstance(other, exp.Literal) or not other.is_string:
        return None
    if not _ISO_DATE.fullmatch(other.this):
        return None
    try:
        return dt.date.fromisoformat(other.this)
    except ValueError:
        return None
