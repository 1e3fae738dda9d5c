"""## What it does
Flags service classes (WLM queues) whose queries spend more than 5% of their elapsed time
waiting in the queue in some hour: `sum(queue_time) / sum(elapsed_time)` from
sys_query_history, per hour and service class, user queries only.

## Why is this bad?
Queue time is pure waiting: the cluster had no free slot or memory for the query. It adds to
every query's latency and shows a queue sized below its workload.

## Example
```sql
SELECT service_class_id, sum(queue_time)::float / sum(elapsed_time)
FROM sys_query_history GROUP BY 1;  -- 6 | 0.50
```

## Use instead
```sql
-- Enable concurrency scaling and short query acceleration for the queue, or move the
-- workload to its own queue (or data-sharing consumer).
```

## Evidence
`sys_query_history` (`queue_time`, `elapsed_time`, `service_class_id >= 5`, `user_id > 1`)
aggregated per hour and service class on the server. Options `max_queue_share` (0.05),
`min_queries` (10 per hour).

## Known limits
STL-only clusters (no sys_query_history) give no queue times through this connector.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W14",
    name="queue-wait",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="A WLM queue's queries wait more than 5% of their time in the queue",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_queue_share": 0.05, "min_queries": 10},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    worst: dict[int, tuple[float, int, str]] = {}
    for hour in workload.queue_hours:
        if hour.elapsed_us <= 0 or hour.queries < float(ctx.options["min_queries"]):
            continue
        share = hour.queue_us / hour.elapsed_us
        if share <= float(ctx.options["max_queue_share"]):
            continue
        best = worst.get(hour.service_class)
        if best is None or share > best[0]:
            worst[hour.service_class] = (share, hour.queries, hour.hour)
    for service_class, (share, queries, when) in sorted(worst.items()):
        yield META.finding(
            f"Service class {service_class}: queries waited {share:.0%} of their time in the "
            f"queue (hour {when}, {queries} queries)",
            None,
            object=f"service_class {service_class}",
            evidence=Evidence.of(
                service_class=service_class,
                queue_share=round(share, 3),
                hour=when,
                queries=queries,
            ),
            fix=Fix.advice(
                "Enable concurrency scaling or short query acceleration for this queue, add "
                "slots, or move part of the workload to another queue"
            ),
            anchor=f"service_class {service_class}",
        )
