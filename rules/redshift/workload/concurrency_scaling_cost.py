"""## What it does
Flags clusters that ran many queries on concurrency scaling clusters: per hour, the execution
time of user queries whose `compute_type` in sys_query_history is not `primary`, summed on the
server; any hour above `max_burst_seconds` (600 s) fires one finding for the cluster.

## Why is this bad?
Concurrency scaling is billed per second of scaling cluster time beyond the free credits a
cluster earns (one hour a day). Sustained bursts turn into a bill nobody approved, and they
often hide a queue set-up that sends long reports to scaling clusters instead of tuning them.

## Example
```sql
SELECT date_trunc('hour', start_time), sum(execution_time) / 1e6
FROM sys_query_history WHERE compute_type <> 'primary' GROUP BY 1;  -- 00:00 | 720
```

## Use instead
```bash
aws redshift create-usage-limit --cluster-identifier <cluster> \
  --feature-type concurrency-scaling --limit-type time --amount 12 --period daily \
  --breach-action log
```
Start with the `log` action, then `emit-metric` or `disable` once the limit is right.

## Evidence
`sys_query_history` (`compute_type`, `execution_time`, `user_id > 1`) per hour on the server,
hours with burst queries only. Option `max_burst_seconds` (600 per hour).

## Known limits
The cluster identifier is not in the system views: put yours in the command. The suggested
daily amount is the busiest day's burst minutes read, a starting point to lower. Free credits
are not subtracted. Provisioned clusters only (Serverless has no concurrency scaling).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/concurrency-scaling.html
- https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-usage-limits.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/config/signals.json
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W26",
    name="concurrency-scaling-cost",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="Queries ran more than 10 minutes an hour on concurrency scaling clusters",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_burst_seconds": 600},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    limit = float(ctx.options["max_burst_seconds"])
    over = [h for h in workload.burst_hours if h.burst_us / 1e6 > limit]
    if not over:
        return
    worst = max(over, key=lambda h: (h.burst_us, h.hour))
    per_day: dict[str, int] = {}
    for hour in workload.burst_hours:
        per_day[hour.hour[:10]] = per_day.get(hour.hour[:10], 0) + hour.burst_us
    amount = max(1, math.ceil(max(per_day.values()) / 60e6))
    command = (
        "aws redshift create-usage-limit --cluster-identifier <cluster> "
        "--feature-type concurrency-scaling --limit-type time "
        f"--amount {amount} --period daily --breach-action log"
    )
    yield META.finding(
        f"Concurrency scaling ran {worst.burst_us / 1e6:,.0f} s of queries in the hour "
        f"{worst.hour} ({words.count(worst.burst_queries, 'query', 'queries')}); "
        f"{words.count(len(over), 'hour')} over "
        f"{limit:,.0f} s",
        None,
        object="concurrency scaling",
        evidence=Evidence.of(
            hour=worst.hour,
            burst_seconds=round(worst.burst_us / 1e6, 1),
            burst_queries=worst.burst_queries,
            queries=worst.queries,
            hours_over=len(over),
            busiest_day_minutes=amount,
        ),
        fix=Fix.setting(
            "Set a concurrency scaling usage limit on the cluster (log first, then disable)",
            command,
        ),
        anchor="concurrency scaling",
    )
