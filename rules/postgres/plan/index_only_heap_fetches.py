"""## What it does
Flags an Index Only Scan that still fetched many rows from the table: `Heap Fetches` above 10% of
the rows it returned (from `EXPLAIN ANALYZE`).

## Why is this bad?
An index-only scan skips the table only for pages the visibility map marks all-visible. Pages
changed since the last VACUUM must be read from the heap, so the scan costs nearly as much as a
plain index scan while the plan promises less.

## Example
```sql
SELECT order_id FROM shop.order_lines WHERE order_id < 5000;
-- Index Only Scan  (actual rows=15000)  Heap Fetches: 14000
```

## Use instead
```sql
VACUUM shop.order_lines;
```

## Evidence
`Heap Fetches`, actual rows and loops of Index Only Scan nodes; option `ratio` (0.1).

## Known limits
Needs `--analyze-plans`. A table written continuously keeps some heap fetches however often it
is vacuumed; tune its autovacuum instead (PG-C01).

## References
- https://www.postgresql.org/docs/current/indexes-index-only-scans.html
- https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-VISIBILITY-MAP
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan
from advisor.sql.fixsql import Template, name
from rules.postgres._common import plan_table, total_rows

_VACUUM = Template("VACUUM {table}", "postgres", composed=True)

META = RuleMeta(
    id="PG-P06",
    name="index-only-heap-fetches",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="An index-only scan reads the table for many rows (visibility map out of date)",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"ratio": 0.1},
)


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    for node in plan.root.walk():
        if node.node_type != "Index Only Scan" or not node.heap_fetches:
            continue
        rows = total_rows(node)
        if rows <= 0 or node.heap_fetches <= ctx.number("ratio") * rows:
            continue
        table = plan_table(node, ctx.postgres.tables)
        relation = table.qualified_name if table else node.relation
        fix = (
            Fix.sql(
                f"Vacuum {relation} to refresh its visibility map",
                _VACUUM.render(table=name(table.schema, table.name)),
                FixSafety.SAFE,
            )
            if table is not None
            else Fix.advice(
                f"VACUUM {relation} to refresh its visibility map", safety=FixSafety.SAFE
            )
        )
        yield META.finding(
            f"Index Only Scan using {node.index_name} fetched {node.heap_fetches:,} heap rows "
            f"for {rows:,.0f} returned",
            plan.location,
            object=relation,
            evidence=Evidence.of(
                index=node.index_name,
                heap_fetches=node.heap_fetches,
                actual_rows=rows,
            ),
            fix=fix,
            anchor=plan.statement,
        )
