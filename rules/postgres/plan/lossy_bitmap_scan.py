"""## What it does
Flags a Bitmap Heap Scan whose bitmap became lossy: `Lossy Heap Blocks` above 0 (from
`EXPLAIN ANALYZE`).

## Why is this bad?
When the bitmap of matching rows does not fit in `work_mem`, PostgreSQL keeps only the pages,
not the rows, and must re-check every row of those pages against the condition. The scan reads
and filters far more rows than it matches.

## Example
```sql
SELECT * FROM shop.events WHERE created_at >= now() - interval '30 days';
-- Bitmap Heap Scan  Heap Blocks: exact=1200 lossy=48000
```

## Use instead
```sql
SET work_mem = '64MB';  -- for the session or role that runs this query
```

## Evidence
`Lossy Heap Blocks` and `Exact Heap Blocks` of Bitmap Heap Scan nodes.

## Known limits
Needs `--analyze-plans`. A large lossy scan over most of a table may be better as a sequential
scan; the rule does not judge that.

## References
- https://www.postgresql.org/docs/current/using-explain.html
- https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan
from advisor.sql.fixsql import Template

_WORK_MEM = Template("SET work_mem = {size:str}", "postgres", composed=True)

META = RuleMeta(
    id="PG-P05",
    name="lossy-bitmap-scan",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A bitmap heap scan went lossy and re-checks whole pages",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    for node in plan.root.walk():
        if not node.lossy_heap_blocks:
            continue
        yield META.finding(
            f"Bitmap Heap Scan on {node.relation} went lossy on {node.lossy_heap_blocks:,} "
            "pages: work_mem could not hold the bitmap",
            plan.location,
            object=node.relation,
            evidence=Evidence.of(
                relation=node.relation,
                lossy_heap_blocks=node.lossy_heap_blocks,
                recheck_cond=node.index_cond,
                work_mem_kb=ctx.postgres.settings.get("work_mem"),
            ),
            fix=Fix.sql("Give this query more work_mem", _WORK_MEM.render(size="64MB")),
            anchor=plan.statement,
        )
