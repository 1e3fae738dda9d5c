"""## What it does
Flags a cluster on manual workload management: stv_wlm_service_class_config has user queues
in service classes 6 to 13 (automatic WLM uses 100 to 107; 14 is short query acceleration,
15 maintenance).

## Why is this bad?
Manual queues fix each queue's slots and memory: a query gets its slot's share whether it
needs more (and spills to disk) or less (and wastes it), and queries wait while other queues'
slots sit idle. Automatic WLM sizes concurrency and memory per query from its plan.

## Example
```sql
SELECT service_class, trim(name), num_query_tasks, query_working_mem
FROM stv_wlm_service_class_config WHERE service_class BETWEEN 6 AND 13;
-- 6 | etl     | 15 | 420
-- 7 | reports | 10 | 310
```

## Use instead
```text
wlm_json_configuration = [{"auto_wlm": true}]   -- in the cluster's parameter group
```
Keep the queues (user and query groups, priorities) as automatic WLM queues.

## Evidence
`stv_wlm_service_class_config.service_class` and the queues' slots and memory. Source: the MCP
operational review (WLMConfig, REC_015).

## Known limits
Provisioned clusters only: Serverless has no WLM queues (the view is missing and nothing is
reported). Workloads with hard, predictable SLAs sometimes keep manual WLM on purpose.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/automatic-wlm.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_WLM_SERVICE_CLASS_CONFIG.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot, RsWlmQueue

META = RuleMeta(
    id="RS-C28",
    name="manual-wlm",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="The cluster uses manual WLM queues (service classes 6-13)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def manual_queues(snapshot: RsSnapshot) -> list[RsWlmQueue]:
    """The user queues of manual WLM, service classes 6 to 13."""
    return [q for q in snapshot.wlm_queues if 6 <= q.service_class <= 13]


def describe(queues: list[RsWlmQueue]) -> str:
    return ", ".join(f"{q.service_class} {q.name} ({q.num_query_tasks} slots)" for q in queues)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    queues = manual_queues(snapshot)
    if not queues:
        return
    yield META.finding(
        f"The cluster runs manual WLM with {words.count(len(queues), 'user queue')}: "
        f"{describe(queues)}",
        None,
        object="wlm",
        evidence=Evidence.of(
            manual_queues=len(queues),
            slots=sum(q.num_query_tasks for q in queues),
            service_classes=" ".join(str(q.service_class) for q in queues),
        ),
        fix=Fix.setting(
            "Switch the parameter group to automatic WLM",
            'wlm_json_configuration = [{"auto_wlm": true}]',
        ),
        anchor="wlm",
    )
