"""## What it does
Flags a WLM set-up that leaves the workloads mixed or capped: a single user queue, automatic
WLM queues that all share one priority, or no user queue with concurrency scaling set to
`auto` (stv_wlm_service_class_config). One finding lists the smells found.

## Why is this bad?
With one queue, ETL, dashboards and ad hoc queries compete for the same slots; with one
priority, automatic WLM cannot favour the queries that matter; without concurrency scaling,
bursts wait in the queue instead of running on transient capacity.

## Example
```sql
SELECT service_class, trim(name), trim(query_priority), trim(concurrency_scaling)
FROM stv_wlm_service_class_config WHERE service_class BETWEEN 6 AND 13;
-- 6 | etl     | normal | off
-- 7 | reports | normal | off
```

## Use instead
Separate queues per workload (user or query groups), set priorities on automatic WLM queues,
and `"concurrency_scaling": "auto"` on the queues that see bursts (with a usage limit).

## Evidence
`stv_wlm_service_class_config.name`, `query_priority`, `concurrency_scaling` of the user queues
(service classes 6-13 and 100-107). Sources: MCP review REC_018 (queues), REC_021
(priorities), REC_019 (concurrency scaling).

## Known limits
Priorities exist only on automatic WLM, so manual queues are not judged on them. Concurrency
scaling costs money beyond the free credits: set a usage limit.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-defining-query-queues.html
- https://docs.aws.amazon.com/redshift/latest/dg/query-priority.html
- https://docs.aws.amazon.com/redshift/latest/dg/concurrency-scaling.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C33",
    name="wlm-setup-smells",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="WLM has one user queue, one priority for all queues, or no concurrency scaling",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    queues = [
        q
        for q in snapshot.wlm_queues
        if 6 <= q.service_class <= 13 or 100 <= q.service_class <= 107
    ]
    if not queues:
        return
    smells = []
    if len(queues) == 1:
        smells.append(f"one user queue ({queues[0].name}) for every workload")
    auto = [q for q in queues if q.service_class >= 100]
    priorities = {q.query_priority.lower() for q in auto}
    if len(auto) > 1 and len(priorities) == 1:
        smells.append(f"every automatic queue has priority {auto[0].query_priority}")
    if not any(q.concurrency_scaling.lower() == "auto" for q in queues):
        smells.append("no queue has concurrency scaling on auto")
    if not smells:
        return
    yield META.finding(
        "WLM set-up: " + "; ".join(smells),
        None,
        object="wlm",
        evidence=Evidence.of(
            user_queues=len(queues),
            priorities=" ".join(sorted(priorities)) or None,
            concurrency_scaling=" ".join(sorted({q.concurrency_scaling for q in queues})),
        ),
        fix=Fix.advice(
            "Separate queues per workload, give automatic queues priorities, and set "
            '"concurrency_scaling": "auto" (with a usage limit) on bursty queues in '
            "wlm_json_configuration"
        ),
        anchor="wlm",
    )
