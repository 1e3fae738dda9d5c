"""## What it does
Flags a Nested Loop whose outer side returns more than 10,000 rows while its inner side is not
an index lookup (from `EXPLAIN ANALYZE`).

## Why is this bad?
A nested loop runs its inner side once per outer row. With an index lookup inside, that is a
few page reads per row; with a scan, a sort or a materialised subquery inside, it is the whole
inner input again and again: the cost is the product of the two sides.

## Example
```sql
SELECT * FROM shop.orders o JOIN shop.order_items i ON i.order_id = o.id;
-- Nested Loop -> Seq Scan on orders (rows=20000) -> Seq Scan on order_items
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY ON shop.order_items (order_id);
-- and check the row estimates (PG-P02): a hash join is usually chosen when they are right
```

## Evidence
The Nested Loop node and its two children (`Parent Relationship` Outer/Inner), their actual
rows and loops. Option `min_outer_rows` (10,000).

## Known limits
Needs `--analyze-plans`. The inner side counts as an index lookup when an Index Scan, Index Only
Scan or Bitmap Heap Scan is anywhere under it.

## References
- https://www.postgresql.org/docs/current/planner-optimizer.html
- https://www.postgresql.org/docs/current/using-explain.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan
from rules.postgres._common import total_rows

META = RuleMeta(
    id="PG-P03",
    name="large-nested-loop",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="A nested loop repeats a non-index inner side for many outer rows",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_outer_rows": 10_000},
)

_LOOKUPS = {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    for node in plan.root.walk():
        if node.node_type != "Nested Loop" or len(node.children) != 2:
            continue
        outer, inner = node.children
        if outer.parent_relationship == "Inner":
            outer, inner = inner, outer
        rows = total_rows(outer)
        if rows <= ctx.number("min_outer_rows"):
            continue
        if any(n.node_type in _LOOKUPS for n in inner.walk()):
            continue
        inner_name = inner.relation or inner.node_type
        yield META.finding(
            f"Nested Loop runs its inner side ({inner.node_type}"
            f"{' on ' + inner.relation if inner.relation else ''}) for {rows:,.0f} outer rows",
            plan.location,
            object=inner_name,
            evidence=Evidence.of(
                outer_node=outer.node_type,
                outer_relation=outer.relation,
                outer_rows=rows,
                inner_node=inner.node_type,
                inner_relation=inner.relation,
                inner_loops=inner.actual_loops,
            ),
            fix=Fix.advice(
                f"Index the join key of {inner_name}, or fix the row estimates that made the "
                "planner choose a nested loop (PG-P02)"
            ),
            anchor=plan.statement,
        )
