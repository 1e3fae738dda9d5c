"""## What it does
Flags an inner join to a small table that contributes no columns to the result: the joined
table appears only in its ON equality and in filters on itself, so the join only filters.

## Why is this bad?
AWS's query best practices: when a join exists only to filter and the joined table returns few
rows (fewer than about 200), a subquery `WHERE k IN (SELECT ...)` is cheaper; Redshift can
evaluate the small list once instead of building a hash table and redistributing rows for a
join.

## Example
```sql
SELECT s.sale_id, s.amount
FROM sales.sales s
JOIN ref.regions r ON r.region_id = s.region_id
WHERE r.zone = 'EMEA';
```

## Use instead
```sql
SELECT s.sale_id, s.amount
FROM sales.sales s
WHERE s.region_id IN (SELECT r.region_id FROM ref.regions AS r WHERE r.zone = 'EMEA');
```

## Evidence
The SQL text of the query, and the catalog: the joined table must be declared in the lint run
with `DISTSTYLE ALL`, the distribution AWS recommends for small, slowly changing dimension
tables, which stands in for "returns few rows".

## Known limits
Without row counts the rule cannot check the 200-row figure, so it stays silent unless the
joined table is declared `DISTSTYLE ALL` in the run. The rewrite is equivalent only when the
joined key is unique in the joined table (a duplicate key repeats rows in the join but not with
IN); Redshift does not enforce primary keys, so the fix is marked unsafe.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
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
    TableInfo,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.spans import span_of
from rules.redshift.query._shared import conjuncts, copy_at, qualifiers, sql, where_of

META = RuleMeta(
    id="RS-Q09",
    name="join-only-to-filter",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="A join to a small table used only as a filter; use WHERE k IN (SELECT ...)",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or not ctx.catalog.tables:
        return
    for select in stmt.nodes(exp.Select):
        for join in select.args.get("joins") or ():
            found = _filter_join(select, join, ctx)
            if found is not None:
                yield _finding(stmt, tree, select, join, *found)


def _filter_join(
    select: exp.Select, join: exp.Join, ctx: RuleContext
) -> tuple[TableInfo, exp.Column, exp.Column, list[exp.Expr]] | None:
    table = join.this
    if not isinstance(table, exp.Table) or join.side or join.args.get("using"):
        return None
    if str(join.args.get("kind") or "").upper() not in ("", "INNER"):
        return None
    info = ctx.table_info(table)
    if info is None or (info.diststyle or "").upper() != "ALL":
        return None
    on = join.args.get("on")
    if not isinstance(on, exp.EQ):
        return None
    alias = table.alias_or_name.lower()
    mine, other = on.left, on.right
    if isinstance(other, exp.Column) and other.table.lower() == alias:
        mine, other = other, mine
    if not (isinstance(mine, exp.Column) and isinstance(other, exp.Column)):
        return None
    if mine.table.lower() != alias or not other.table or other.table.lower() == alias:
        return None
    own_filters = [t for t in conjuncts(where_of(select)) if qualifiers(t) == {alias}]
    allowed = {id(c) for part in [on, *own_filters] for c in part.find_all(exp.Column)}
    for column in select.find_all(exp.Column):
        if id(column) in allowed:
            continue
        if column.table.lower() == alias or (not column.table and info.column(column.name)):
            return None
    return info, mine, other, own_filters


def _finding(
    stmt: SqlStatement,
    tree: exp.Expr,
    select: exp.Select,
    join: exp.Join,
    info: TableInfo,
    key: exp.Column,
    outer: exp.Column,
    own_filters: list[exp.Expr],
) -> Finding:
    return META.finding(
        f"{info.qualified_name} (DISTSTYLE ALL) is joined only to filter on {sql(outer)}; "
        f"`{sql(outer)} IN (SELECT {sql(key)} ...)` avoids the join",
        stmt.locate(span_of(join)),
        object=info.qualified_name,
        evidence=Evidence.of(table=info.qualified_name, diststyle="ALL", join_key=sql(key)),
        fix=Fix.sql(
            "Replace the join with an IN subquery (same result only if the key is unique)",
            _rewrite(tree, select, join, key, outer, own_filters),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _rewrite(
    tree: exp.Expr,
    select: exp.Select,
    join: exp.Join,
    key: exp.Column,
    outer: exp.Column,
    own_filters: list[exp.Expr],
) -> str:
    sub = exp.select(key.copy()).from_(join.this.copy())
    if own_filters:
        sub = sub.where(exp.and_(*(f.copy() for f in own_filters)))
    copy, target = copy_at(tree, select)
    assert isinstance(target, exp.Select)
    position = (select.args.get("joins") or []).index(join)
    joins = list(target.args.get("joins") or [])
    del joins[position]
    target.set("joins", joins or None)
    moved = {sql(f) for f in own_filters}
    rest = [t.copy() for t in conjuncts(where_of(select)) if sql(t) not in moved]
    condition = exp.In(this=outer.copy(), query=exp.Subquery(this=sub))
    target.set("where", exp.Where(this=exp.and_(condition, *rest)))
    return sql(copy) + ";"
