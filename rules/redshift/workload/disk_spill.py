"""## What it does
Flags queries whose steps ran disk-based: rows of svl_query_summary with `is_diskbased = 't'`
(a hash, sort or aggregate that outgrew its memory and spilled to disk), or, where the SVL
views are missing (Serverless, Multi-AZ), steps of sys_query_detail with spilled blocks;
summed per query on the server and ranked by the slowest step.

## Why is this bad?
A step that spills writes its intermediate rows to disk and reads them back: it is many times
slower than in memory and takes disk space other queries need. Usual causes are a queue slot
with too little memory, joins or aggregates over wide VARCHARs (memory is sized by declared
width), and joins that are not filtered before they build their hash table.

## Example
```sql
SELECT query, step, label, is_diskbased, workmem FROM svl_query_summary
WHERE is_diskbased = 't';  -- 6001 | 2 | hash tbl=142 | t | 10485760
```

## Use instead
```sql
SET wlm_query_slot_count TO 3;  -- manual WLM: give the query more slots' memory
-- or narrow the VARCHAR columns it hashes, and filter both join inputs first
```

## Evidence
`svl_query_summary` (`is_diskbased`, `label`, `workmem`, `maxtime`) grouped by query on the
server, top queries by step time; without it, `sys_query_detail` (`spilled_block_local_disk`,
`spilled_block_remote_disk`, `step_name`, `duration`). Option `min_steps` (1 disk-based step).

## Known limits
Neither view has the query text: look the query id up in sys_query_history.
sys_query_detail has no working-memory column, so the evidence then gives the spilled blocks
instead.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_SUMMARY.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W08",
    name="disk-spill",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Query steps ran disk-based: a hash, sort or aggregate spilled past its memory",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_steps": 1},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for spill in workload.spills:
        if spill.diskbased_steps < float(ctx.options["min_steps"]):
            continue
        kind = f" ({spill.label})" if spill.label else ""
        spilled = f", {spill.spilled_blocks:,} MB spilled" if spill.spilled_blocks else ""
        yield META.finding(
            f"Query {spill.query_id} ran {spill.diskbased_steps} of its {spill.steps} steps "
            f"disk-based{kind}{spilled}; slowest step {spill.max_time_us / 1e6:,.1f} s",
            None,
            object=f"query {spill.query_id}",
            evidence=Evidence.of(
                diskbased_steps=spill.diskbased_steps,
                steps=spill.steps,
                label=spill.label,
                max_workmem=spill.max_workmem or None,
                spilled_blocks=spill.spilled_blocks or None,
                max_time_us=spill.max_time_us,
            ),
            fix=Fix.advice(
                f"Give query {spill.query_id} more memory (SET wlm_query_slot_count TO n; on "
                "manual WLM), narrow the VARCHARs it hashes or sorts, filter join inputs first"
            ),
            anchor=f"spill query {spill.query_id}",
        )
