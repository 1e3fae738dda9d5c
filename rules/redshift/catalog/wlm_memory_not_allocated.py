"""## What it does
Flags manual WLM whose user queues (service classes 6 to 13) are given less than 100% of the
memory WLM manages: each queue's slots times its working memory per slot
(stv_wlm_service_class_config `num_query_tasks * query_working_mem`, MB per node) as a share
of the node's WLM memory, summed over the queues.

## Why is this bad?
Memory no queue owns is lent out only now and then: queries get less working memory than the
cluster has, spill joins and sorts to disk, and run slower and less predictably than with the
whole memory divided among the queues.

## Example
```sql
SELECT trim(name), num_query_tasks * query_working_mem AS mb FROM stv_wlm_service_class_config
WHERE service_class BETWEEN 6 AND 13;
-- etl | 6300, reports | 3100: 9,400 of 10,000 MB, 94%
```

## Use instead
```text
wlm_json_configuration: memory_percent_to_use of the queues summing to 100
(etl 67, reports 33)
```

## Evidence
`num_query_tasks` and `query_working_mem` of the manual queues. No system view holds the
queues' `memory_percent_to_use` or the node's WLM memory, so the rule needs option
`wlm_memory_mb` (the memory per node that WLM divides, MB; 0 = unknown, the rule stays
silent); option `min_total_pct` (100). Source: MCP review REC_016.

## Known limits
Silent until `wlm_memory_mb` is set, and on automatic WLM (memory per slot -1). The per-slot
memory is rounded down to whole MB, so the sum is rounded to whole percent before comparing.
During a WLM transition (`target_query_working_mem` differs) the current memory is judged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-defining-query-queues.html#wlm-memory-percent
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_WLM_SERVICE_CLASS_CONFIG.html
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-wlm-dynamic-memory-allocation.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot, RsWlmQueue
from rules.redshift.catalog.manual_wlm import manual_queues

META = RuleMeta(
    id="RS-C29",
    name="wlm-memory-not-allocated",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="Manual WLM queues are given less than 100% of the WLM memory",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"wlm_memory_mb": 0, "min_total_pct": 100},
)


def memory_mb(queue: RsWlmQueue) -> int:
    """The queue's working memory per node: its slots times the memory of one slot."""
    return queue.num_query_tasks * queue.query_working_mem


def to_hundred(shares: list[float]) -> list[int]:
    """Whole percentages in the same proportions as `shares`, summing to exactly 100."""
    total = sum(shares)
    wanted = [round(s * 100 / total) for s in shares]
    wanted[wanted.index(max(wanted))] += 100 - sum(wanted)
    return wanted


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    wlm_memory = ctx.number("wlm_memory_mb")
    queues = [q for q in manual_queues(snapshot) if memory_mb(q) > 0]
    if wlm_memory <= 0 or not queues:
        return
    shares = [100 * memory_mb(q) / wlm_memory for q in queues]
    total = round(sum(shares))
    if total >= ctx.number("min_total_pct"):
        return
    now = ", ".join(f"{q.name} {s:.0f}%" for q, s in zip(queues, shares, strict=True))
    proposed = to_hundred(shares)
    yield META.finding(
        f"The manual WLM queues are given {total}% of the WLM memory ({now}); "
        f"{100 - total}% belongs to no queue",
        None,
        object="wlm",
        evidence=Evidence.of(
            queue_memory_mb=sum(memory_mb(q) for q in queues),
            wlm_memory_mb=int(wlm_memory),
            allocated_pct=total,
        ),
        fix=Fix.setting(
            "Set memory_percent_to_use of the queues in wlm_json_configuration to sum to 100",
            "\n".join(
                f"{q.name}: memory_percent_to_use = {p}"
                for q, p in zip(queues, proposed, strict=True)
            ),
        ),
        anchor="wlm",
    )
