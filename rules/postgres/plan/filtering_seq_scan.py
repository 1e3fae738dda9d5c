"""## What it does
Flags a sequential scan that throws away most of the rows it reads: `Rows Removed by Filter` is
more than 10 times the rows it returns and more than 10,000 (from `EXPLAIN ANALYZE`).

## Why is this bad?
The scan reads every page of the table to keep a few rows. The cost grows with the table, not
with the result; an index on the filtering columns reads only the matching rows' pages.

## Example
```sql
SELECT * FROM shop.page_views WHERE url = '/p/17';
-- Seq Scan on page_views  (actual rows=16) Filter: (url = '/p/17') Rows Removed by Filter: 79984
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY ON shop.page_views (url);
```

## Evidence
The plan of `EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON)`: node type, relation, filter,
actual rows, loops and rows removed by the filter; the table's columns from the catalog name the
index columns. Options `ratio` (10) and `min_removed` (10,000).

## Known limits
Needs `--analyze-plans` (EXPLAIN ANALYZE runs the statement); silent on plain EXPLAIN. A filter
that no index can serve (a function of several columns, a leading-wildcard LIKE) still gets the
index advice.

## References
- https://www.postgresql.org/docs/current/using-explain.html#USING-EXPLAIN-ANALYZE
- https://www.postgresql.org/docs/current/indexes-types.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan
from advisor.sql.fixsql import Template, name
from rules.postgres._common import filter_columns, plan_table, scans, total_rows

_INDEX = Template(
    "CREATE INDEX CONCURRENTLY ON {table} ({columns:idents})", "postgres", composed=True
)

META = RuleMeta(
    id="PG-P01",
    name="filtering-seq-scan",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A sequential scan reads many rows only to filter most of them away",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"ratio": 10, "min_removed": 10_000},
)


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    for node in scans(plan.root):
        if node.rows_removed_by_filter is None or node.filter is None:
            continue
        removed = node.rows_removed_by_filter * (node.actual_loops or 1.0)
        kept = total_rows(node)
        if removed <= ctx.number("min_removed") or removed <= ctx.number("ratio") * kept:
            continue
        table = plan_table(node, ctx.postgres.tables)
        columns = filter_columns(node.filter, table)
        relation = table.qualified_name if table else node.relation
        if table is not None and columns:
            fix = Fix.sql(
                f"Index {relation} on the filter columns ({', '.join(columns)})",
                _INDEX.render(table=name(table.schema, table.name), columns=columns),
            )
        else:
            fix = Fix.advice(f"Index {relation} on the columns of `{node.filter}`")
        yield META.finding(
            f"Seq Scan on {relation} removed {removed:,.0f} rows by its filter to return "
            f"{kept:,.0f}",
            plan.location,
            object=relation,
            evidence=Evidence.of(
                node="Seq Scan",
                relation=relation,
                filter=node.filter,
                actual_rows=kept,
                rows_removed_by_filter=removed,
                loops=node.actual_loops,
            ),
            fix=fix,
            anchor=plan.statement,
        )
