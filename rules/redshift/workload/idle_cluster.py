"""## What it does
Flags provisioned clusters that are idle most of the day: for each 24-hour window of the
history read, the minutes in which at least one user query ran (from sys_query_history start
and end times, merged on the server); when the average busy share of those days is below
`min_busy_share` (75%), the cluster pays for hours it does not use.

## Why is this bad?
A provisioned cluster bills every hour it runs, busy or not. A workload that leaves it idle a
quarter of the day or more is often cheaper on Redshift Serverless, which bills only for the
seconds queries run (or on a cluster paused on a schedule).

## Example
```sql
SELECT count(DISTINCT date_trunc('minute', start_time)) FROM sys_query_history
WHERE start_time >= dateadd(day, -1, getdate());  -- 27 of 1,440 minutes
```

## Use instead
```text
Evaluate Redshift Serverless for this workload (restore a snapshot into a workgroup and run
the same queries), or pause the cluster on a schedule outside the busy hours.
```

## Evidence
`sys_query_history` (`start_time`, `end_time`, `user_id > 1`): each query covers the minutes
it overlaps; the spans are merged with window functions and cut into 24-hour windows on the
server. Days before the first query read are left out. Options `min_busy_share` (0.75) and
`min_days` (1).

## Known limits
On a Serverless workgroup (service class -1) the rule stays silent. Windows end at the time of
the read, not at midnight. A cluster that holds only a few hours of history counts the quiet
rest of that day as idle.

## References
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/config/queries.json
- https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-billing.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W27",
    name="idle-cluster",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="The cluster runs queries in less than 75% of the minutes of a day",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_busy_share": 0.75, "min_days": 1},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    if workload.queries and all(g.service_class == -1 for g in workload.queries):
        return
    days = list(workload.busy_days)
    while days and days[0].busy_minutes <= 0:
        days.pop(0)
    if len(days) < int(ctx.options["min_days"]) or not days:
        return
    busy = sum(d.busy_minutes for d in days)
    minutes = sum(d.minutes for d in days)
    share = busy / minutes if minutes else 1.0
    if share >= float(ctx.options["min_busy_share"]):
        return
    yield META.finding(
        f"The cluster ran queries in {share:.0%} of the minutes of the last "
        f"{words.count(len(days), 'day')} "
        f"({busy:,} of {minutes:,}); it stood idle the rest of the time",
        None,
        object="cluster",
        evidence=Evidence.of(
            days=len(days),
            busy_minutes=busy,
            minutes=minutes,
            busy_share=round(share, 3),
            busiest_day_minutes=max(d.busy_minutes for d in days),
        ),
        fix=Fix.advice(
            "Evaluate Redshift Serverless for this workload (it bills only while queries run), "
            "or pause the cluster on a schedule outside its busy hours"
        ),
        anchor="idle cluster",
    )
