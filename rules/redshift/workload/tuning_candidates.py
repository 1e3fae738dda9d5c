"""## What it does
Lists the statements worth tuning first: query groups (sys_query_history grouped by
`generic_query_hash`, or stl_query by the md5 of the text) ranked by their total elapsed time
over the history window, the top 10 that took at least 5 minutes in all.

## Why is this bad?
It is not a fault but a work list: a few statements usually take most of a cluster's time, and
a query run a thousand times a day at two seconds costs more than one nightly report. Tuning
goes furthest where the total is largest.

## Example
```sql
SELECT generic_query_hash, count(*), sum(elapsed_time) / 60e6 AS minutes
FROM sys_query_history GROUP BY 1 ORDER BY 3 DESC;  -- a1b2... | 40 | 6.0
```

## Use instead
```text
Work the listed statements first: EXPLAIN them (advisor explain), check their plans for
broadcasts and redistribution, their tables' keys and statistics.
```

## Evidence
The query groups the connector reads, already grouped and ranked on the server (runs, total
and average elapsed time, queue time), and their share of all the read groups' time. Options
`top` (10), `min_minutes` (5).

## Known limits
The share is of the top groups read (the connector's `top_queries` cut), not of the whole
history. Alerts are not attached: alert query ids are single runs, the groups span many.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/top_queries.sql
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W28",
    name="tuning-candidates",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="The statements that took the most total time: tune them first",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"top": 10, "min_minutes": 5},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    total = sum(g.total_elapsed_us for g in workload.queries)
    ranked = sorted(workload.queries, key=lambda g: (-g.total_elapsed_us, g.query_hash))
    floor = float(ctx.options["min_minutes"]) * 60e6
    for rank, group in enumerate(ranked[: int(ctx.options["top"])], 1):
        if group.total_elapsed_us < floor or group.runs <= 0:
            continue
        minutes = group.total_elapsed_us / 60e6
        share = group.total_elapsed_us / total if total else 0.0
        label = f"query {group.sample_query_id}" if group.sample_query_id else group.query_hash
        statement = " ".join(group.query_text.split())
        yield META.finding(
            f"#{rank} by total time: {label} ran {group.runs} times for {minutes:,.1f} min "
            f"({share:.0%} of the read workload): {statement[:80]}",
            None,
            object=label,
            evidence=Evidence.of(
                rank=rank,
                query_hash=group.query_hash,
                runs=group.runs,
                total_minutes=round(minutes, 2),
                avg_seconds=round(group.total_elapsed_us / group.runs / 1e6, 2),
                queue_minutes=round(group.total_queue_us / 60e6, 2),
                share=round(share, 3),
            ),
            fix=Fix.advice(
                f"Tune {label} first: EXPLAIN it and check its joins' distribution, its tables' "
                "keys and statistics"
            ),
            anchor=f"tuning {group.query_hash}",
        )
