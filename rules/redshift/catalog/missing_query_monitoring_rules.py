"""## What it does
Flags WLM without query monitoring rules on the metrics that catch runaway queries:
stv_wlm_qmr_config has no rule at all, or none on `query_execution_time`, on
`query_temp_blocks_to_disk`, or on Spectrum scans (`spectrum_scan_size_mb`,
`spectrum_scan_row_count`).

## Why is this bad?
Without them, a query that runs for hours, spills hundreds of gigabytes to disk or scans a whole
data lake holds its slot and memory until someone notices; a rule logs it, hops it to another
queue or aborts it, every 10 seconds, per queue.

## Example
```sql
SELECT service_class, trim(rule_name), trim(metric_name) FROM stv_wlm_qmr_config;
-- 6 | nested_loops | nested_loop_join_row_count
```

## Use instead
Add rules from the console templates, with action `log` first: `query_execution_time > 7200`
(tune to the queue), `query_temp_blocks_to_disk > 100000` (about 100 GB),
`spectrum_scan_size_mb > 1000000`, plus `nested_loop_join_row_count > 100` and
`return_row_count > 1000000`. Prefer rules to the WLM timeout.

## Evidence
`stv_wlm_qmr_config.metric_name` of all queues. Source: MCP review REC_022, the QMR guide
(25 rules, 3 predicates each).

## Known limits
Silent when the view was not read (Serverless has query limits instead). The thresholds of
existing rules are not judged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-wlm-query-monitoring-rules.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_WLM_QMR_CONFIG.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C32",
    name="missing-query-monitoring-rules",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="No query monitoring rule on execution time, spill to disk or Spectrum scans",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

WANTED = (
    ("query_execution_time", ("query_execution_time",)),
    ("query_temp_blocks_to_disk", ("query_temp_blocks_to_disk",)),
    ("spectrum_scan_size_mb", ("spectrum_scan_size_mb", "spectrum_scan_row_count")),
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    if "stv_wlm_qmr_config" not in snapshot.views:
        return
    metrics = {r.metric_name.lower() for r in snapshot.qmr_rules}
    missing = [label for label, names in WANTED if not metrics & set(names)]
    if not missing:
        return
    what = "no query monitoring rule at all" if not metrics else "no rule on " + ", ".join(missing)
    yield META.finding(
        f"WLM has {what}: runaway queries keep their slots until someone notices",
        None,
        object="wlm",
        evidence=Evidence.of(
            rules=len(snapshot.qmr_rules),
            metrics=" ".join(sorted(metrics)) or None,
            missing=" ".join(missing),
        ),
        fix=Fix.advice(
            "Add query monitoring rules (action log first): "
            + ", ".join(
                {
                    "query_execution_time": "query_execution_time > 7200",
                    "query_temp_blocks_to_disk": "query_temp_blocks_to_disk > 100000",
                    "spectrum_scan_size_mb": "spectrum_scan_size_mb > 1000000",
                }[m]
                for m in missing
            )
        ),
        anchor="wlm",
    )
