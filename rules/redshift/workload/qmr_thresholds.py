"""## What it does
Proposes query monitoring rules (QMR) from the cluster's own history: for each WLM service
class and QMR metric in svl_query_metrics_summary, the median (p50), 99th percentile (p99) and
maximum per query, and a candidate threshold just above p99: `(first digit of p99 + 1) x
10^(digits of p99 / 10)` (p99 = 44 gives 50; p99 = 4,567 gives 5,000). A candidate is kept
when p99 >= `min_p99`, `p50 + p99 < max` and the candidate is below the maximum (it catches
the outliers and leaves the bulk alone); the best `max_per_queue` per queue are proposed,
ranked by how far the maximum lies beyond the candidate.

## Why is this bad?
Without a rule, one runaway query (a cross join, a scan of a year of data, a spill of
terabytes) holds its slot and memory for as long as it runs while its queue waits. Thresholds
guessed without looking at the workload either never fire or cancel normal queries.

## Example
```sql
SELECT service_class, percentile_cont(0.99) WITHIN GROUP (ORDER BY query_execution_time),
       max(query_execution_time)
FROM svl_query_metrics_summary GROUP BY 1;  -- 6 | 44 | 5400
```

## Use instead
```json
{"rule_name": "log_query_execution_time_6", "action": "log",
 "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 50}]}
```
Add it to the queue's `rules` in `wlm_json_configuration` with the `log` action, check which
queries it records in stl_wlm_rule_action, then change the action to `hop` or `abort`.

## Evidence
`svl_query_metrics_summary` (user queries), p50 and p99 computed on the server with
`percentile_cont ... WITHIN GROUP`, one UNION ALL branch per metric; `stv_wlm_qmr_config`
(queues that already have a rule on the metric are left out). Options `min_p99` (10) and
`max_per_queue` (3).

## Known limits
svl_query_metrics_summary holds the few days STL keeps and only user-defined queues; it is not
on Serverless (use query limits of the workgroup there). Units are the metric's own (seconds,
1 MB blocks, rows, percent).

## References
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/wlm_qmr_rule_candidates.sql
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-wlm-query-monitoring-rules.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_METRICS_SUMMARY.html
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsMetricPercentiles, RsWorkload

META = RuleMeta(
    id="RS-W25",
    name="qmr-thresholds",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="Query monitoring rule thresholds proposed from the queue's own metric history",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_p99": 10, "max_per_queue": 3},
)

UNITS = {
    "query_cpu_time": "s",
    "query_execution_time": "s",
    "segment_execution_time": "s",
    "query_blocks_read": "MB",
    "query_temp_blocks_to_disk": "MB",
    "spectrum_scan_size_mb": "MB",
    "query_cpu_usage_percent": "%",
}


def candidate(p99: float) -> int:
    """The next round number above p99: its first digit plus one, times a power of ten."""
    lead = int(str(int(p99))[0])
    digits = len(str(int(p99 / 10)))
    return (lead + 1) * int(10**digits)


def _kept(m: RsMetricPercentiles, min_p99: float) -> int | None:
    if m.p99 is None or m.max is None or m.p99 < min_p99:
        return None
    threshold = candidate(m.p99)
    if (m.p50 or 0) + m.p99 >= m.max or threshold >= m.max:
        return None
    return threshold


def _finding(m: RsMetricPercentiles, threshold: int) -> Finding:
    unit = UNITS.get(m.metric, "")
    shown = f"{threshold:,} {unit}".strip()
    rule = {
        "rule_name": f"log_{m.metric}_{m.service_class}",
        "predicate": [{"metric_name": m.metric, "operator": ">", "value": threshold}],
        "action": "log",
    }
    top, p99 = m.max or 0.0, m.p99 or 0.0
    return META.finding(
        f"Service class {m.service_class}: a query monitoring rule {m.metric} > {shown} would "
        f"catch the outliers (p50 {m.p50 or 0:,.0f}, p99 {p99:,.0f}, max {top:,.0f} over "
        f"{m.queries} queries)",
        None,
        object=f"service_class {m.service_class} {m.metric}",
        evidence=Evidence.of(
            service_class=m.service_class,
            metric=m.metric,
            queries=m.queries,
            p50=m.p50,
            p99=m.p99,
            max=m.max,
            candidate=threshold,
            max_over_candidate=round(top / threshold, 2),
        ),
        fix=Fix.setting(
            f"Add a LOG rule on {m.metric} > {threshold} to service class {m.service_class}, "
            "review what stl_wlm_rule_action records, then change it to hop or abort",
            "wlm_json_configuration: add to the queue's rules " + json.dumps(rule),
        ),
        anchor=f"qmr {m.service_class} {m.metric}",
    )


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    covered = {(r.service_class, r.metric_name) for r in ctx.redshift.qmr_rules}
    by_queue: dict[int, list[tuple[float, RsMetricPercentiles, int]]] = {}
    for m in workload.metric_percentiles:
        if (m.service_class, m.metric) in covered:
            continue
        threshold = _kept(m, float(ctx.options["min_p99"]))
        if threshold is None or m.max is None:
            continue
        by_queue.setdefault(m.service_class, []).append((m.max / threshold, m, threshold))
    for service_class in sorted(by_queue):
        ranked = sorted(by_queue[service_class], key=lambda c: (-c[0], c[1].metric))
        for _, m, threshold in ranked[: int(ctx.options["max_per_queue"])]:
            yield _finding(m, threshold)
