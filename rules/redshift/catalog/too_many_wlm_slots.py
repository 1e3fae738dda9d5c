"""## What it does
Flags manual WLM queues with more than 20 slots in total: the sum of
stv_wlm_service_class_config `num_query_tasks` over the user queues (service classes 6 to 13).

## Why is this bad?
Each slot gets a fixed share of its queue's memory: many slots mean little memory per query,
so joins and sorts spill to disk, and more concurrent queries than the cluster can run well
only make each of them slower. AWS recommends at most 15 slots with short query acceleration.

## Example
```sql
SELECT service_class, trim(name), num_query_tasks FROM stv_wlm_service_class_config
WHERE service_class BETWEEN 6 AND 13;
-- 6 | etl | 15
-- 7 | reports | 10
```

## Use instead
Lower the queues' `query_concurrency` in `wlm_json_configuration` so they total 15 or fewer
(or switch to automatic WLM, RS-C28).

## Evidence
`stv_wlm_service_class_config.num_query_tasks` per user queue. Option `max_slots` (20, MCP
REC_017).

## Known limits
The slots of the superuser (5), short query (14) and maintenance (15) classes are not counted.
A few light queries may run well at high concurrency; RS-W14 shows the queues' waits.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-defining-query-queues.html
- https://docs.aws.amazon.com/redshift/latest/dg/wlm-short-query-acceleration.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from rules.redshift.catalog.manual_wlm import describe, manual_queues

META = RuleMeta(
    id="RS-C30",
    name="too-many-wlm-slots",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="Manual WLM queues have more than 20 slots in total",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_slots": 20},
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    queues = manual_queues(snapshot)
    slots = sum(q.num_query_tasks for q in queues)
    if slots <= ctx.number("max_slots"):
        return
    yield META.finding(
        f"The manual WLM queues have {slots} slots in total ({describe(queues)}): each query "
        "gets a thin slice of memory",
        None,
        object="wlm",
        evidence=Evidence.of(slots=slots, max_slots=int(ctx.number("max_slots"))),
        fix=Fix.advice(
            f"Lower query_concurrency of {', '.join(q.name for q in queues)} in "
            "wlm_json_configuration to 15 slots or fewer in total (or use automatic WLM)"
        ),
        anchor="wlm",
    )
