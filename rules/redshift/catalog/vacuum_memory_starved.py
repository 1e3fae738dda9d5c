"""## What it does
Flags a table whose VACUUM ran short of memory: in `svv_vacuum_summary` its sort phase cut the
unsorted rows into 90 or more sort partitions, or its merge phase needed 90 or more merge
increments (close to or above 100).

## Why is this bad?
VACUUM sorts the unsorted region in pieces that fit the memory of its WLM slot and then merges
them; with one slot's memory a large table yields many partitions and many merge passes, each
rewriting blocks, so the vacuum runs for hours, holds its locks and competes with the
workload. More slots for the session give the vacuum more memory and fewer passes.

## Example
```sql
SELECT table_name, sort_partitions, merge_increments FROM svv_vacuum_summary;
-- events_unsorted | 140 | 9
```

## Use instead
```sql
SET wlm_query_slot_count TO 3;
VACUUM rs_demo.events_unsorted;
SET wlm_query_slot_count TO 1;
```

## Evidence
`svv_vacuum_summary.sort_partitions` and `merge_increments` (the most per table in the log
window), and the manual WLM queues' slot counts (`stv_wlm_service_class_config`) to cap the
suggestion. Option `min_partitions` (90: "close to or above 100" in amazon-redshift-utils'
Analyze & Vacuum utility notes). The slot count suggested aims at about 50 partitions (the
slot memory grows with the count): `max(2, ceil(partitions / 50))`, at most 50 and at most the
largest manual queue's slots.

## Known limits
Provisioned clusters only (Serverless logs vacuums in `sys_vacuum_history`, without
partition counts). `wlm_query_slot_count` applies to manual WLM; with automatic WLM, run the
vacuum at low load instead. The table is named without its schema in the view; it is
qualified when the catalog has a single table of that name.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_wlm_query_slot_count.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_VACUUM_SUMMARY.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AnalyzeVacuumUtility/README.md
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot, RsVacuumSummary
from advisor.sql.fixsql import Template, dotted
from rules.redshift._fixes import VACUUM
from rules.redshift.catalog._catalog import table_ref

_SLOTS = Template("SET wlm_query_slot_count TO {slots:num}", composed=True)
_VACUUM = VACUUM

META = RuleMeta(
    id="RS-C36",
    name="vacuum-starved-of-memory",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="VACUUM needed about 100 sort partitions or merge increments",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_partitions": 90},
)

# The documented range of wlm_query_slot_count.
MAX_SLOTS = 50


def slot_count(run: RsVacuumSummary, snapshot: RsSnapshot) -> int:
    pieces = max(run.sort_partitions, run.merge_increments)
    slots = min(MAX_SLOTS, max(2, math.ceil(pieces / 50)))
    manual = [q.num_query_tasks for q in snapshot.wlm_queues if 6 <= q.service_class <= 13]
    if manual and max(manual) > 0:
        slots = min(slots, max(manual))
    return slots


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    floor = ctx.number("min_partitions")
    for run in snapshot.vacuums:
        if max(run.sort_partitions, run.merge_increments) < floor:
            continue
        table = snapshot.table(run.table)
        name = table.qualified_name if table else run.table
        target = table_ref(table) if table else dotted(run.table)
        slots = slot_count(run, snapshot)
        yield META.finding(
            f"VACUUM of {name} needed {run.sort_partitions} sort partitions and "
            f"{run.merge_increments} merge increments: it runs short of memory in one slot",
            None,
            object=name,
            evidence=Evidence.of(
                vacuums=run.vacuums,
                sort_partitions=run.sort_partitions,
                merge_increments=run.merge_increments,
                max_merge_partitions=run.max_merge_partitions,
                slots=slots,
            ),
            fix=Fix.sql(
                f"Give the next VACUUM of {name} {slots} slots of memory",
                "\n".join(
                    (
                        _SLOTS.render(slots=slots),
                        _VACUUM.render(table=target),
                        _SLOTS.render(slots=1),
                    )
                ),
            ),
            anchor=name,
        )
