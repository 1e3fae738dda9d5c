"""## What it does
Flags a join where the WHERE clause restricts one table to a date range but leaves the other
table, whose leading sort key is a date or timestamp, unfiltered.

## Why is this bad?
Redshift skips blocks only for predicates on the table being scanned. A range on
`listing.listtime` prunes the listing scan, but the joined `sales` table is still read in full
and then joined. AWS's example adds the redundant filter `sales.saletime > '2008-12-01'` so that
both scans skip blocks through their sort keys before the join.

## Example
```sql
SELECT l.listid, s.pricepaid
FROM sales s
JOIN listing l ON l.listid = s.listid
WHERE l.listtime > '2008-12-01';
```

## Use instead
```sql
SELECT l.listid, s.pricepaid
FROM sales s
JOIN listing l ON l.listid = s.listid
WHERE l.listtime > '2008-12-01'
  AND s.saletime > '2008-12-01';
```

## Evidence
The SQL text of the query and the catalog: the DDL of the joined tables in the same lint run
(their leading sort key column and its type).

## Known limits
Fires only with catalog evidence: the unfiltered table must be declared in the lint run with a
DATE or TIMESTAMP leading sort key. Whether the extra predicate keeps the result the same
depends on the data (a sale never precedes its listing); the fix is advice to check that.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
"""

from __future__ import annotations

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
    TableInfo,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.query import sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import conjuncts, has_column, sql, where_of

META = RuleMeta(
    id="RS-Q06",
    name="one-sided-join-filter",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Date range filters one side of a join; the other side's date sort key is unfiltered",
    fix_safety=FixSafety.ADVISORY,
)

_RANGE = (exp.LT, exp.LTE, exp.GT, exp.GTE, exp.Between)
_TIME_TYPE = re.compile(r"^(DATE|TIMESTAMP)", re.I)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or not ctx.catalog.tables:
        return
    for select in stmt.nodes(exp.Select):
        if not select.args.get("joins"):
            continue
        tables = _known_tables(select, ctx)
        if len(tables) < 2:
            continue
        filtered = _range_filters(select)
        if not filtered:
            continue
        touched = {c.table.lower() for c in _all_predicate_columns(select)}
        for alias, info in tables.items():
            key = info.sortkey[0] if info.sortkey else None
            column = info.column(key) if key else None
            if column is None or not _TIME_TYPE.match(column.type) or alias in touched:
                continue
            other = next(((a, p) for a, p in filtered if a != alias), None)
            if other is not None:
                yield _finding(stmt, select, alias, info, column.name, other[1])


def _known_tables(select: exp.Select, ctx: RuleContext) -> dict[str, TableInfo]:
    found: dict[str, TableInfo] = {}
    for source in sources(select):
        if isinstance(source, exp.Table):
            info = ctx.table_info(source)
            if info is not None and not info.external:
                found[source.alias_or_name.lower()] = info
    return found


def _range_filters(select: exp.Select) -> list[tuple[str, exp.Expr]]:
    """(qualifier, predicate) of WHERE range terms on one qualified column vs constants."""
    out: list[tuple[str, exp.Expr]] = []
    for term in conjuncts(where_of(select)):
        if not isinstance(term, _RANGE):
            continue
        columns = list(term.find_all(exp.Column))
        bare = term.this if isinstance(term.this, exp.Column) else None
        if isinstance(term, exp.Binary) and not isinstance(term.left, exp.Column):
            bare = term.right if isinstance(term.right, exp.Column) else None
        if bare is not None and len(columns) == 1 and bare.table:
            out.append((bare.table.lower(), term))
    return out


def _all_predicate_columns(select: exp.Select) -> Iterator[exp.Column]:
    where = where_of(select)
    if where is not None:
        for term in conjuncts(where):
            if not (isinstance(term, exp.EQ) and has_column(term.left) and has_column(term.right)):
                yield from term.find_all(exp.Column)


def _finding(
    stmt: SqlStatement,
    select: exp.Select,
    alias: str,
    info: TableInfo,
    sortcol: str,
    predicate: exp.Expr,
) -> Finding:
    redundant = _same_range(predicate, exp.column(sortcol, table=alias))
    suggestion = f"AND {sql(redundant)}" if redundant is not None else ""
    return META.finding(
        f"`{sql(predicate)}` filters one side of the join, but {info.qualified_name} (sort key "
        f"{sortcol}) has no range predicate and is scanned in full",
        stmt.locate(span_of(predicate)),
        object=info.qualified_name,
        evidence=Evidence.of(
            filtered=sql(predicate), unfiltered_table=info.qualified_name, sortkey=sortcol
        ),
        fix=Fix.advice(
            f"Add a redundant range on {alias}.{sortcol} if the data allows it"
            + (f": {suggestion}" if suggestion else ""),
            suggestion,
        ),
        anchor=stmt.text,
    )


def _same_range(predicate: exp.Expr, column: exp.Column) -> exp.Expr | None:
    """The predicate with its column replaced by `column` (built from the tree)."""
    copy = predicate.copy()
    old = next(copy.find_all(exp.Column), None)
    if old is None:
        return None
    old.replace(column)
    return copy
