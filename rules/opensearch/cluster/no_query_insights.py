"""## What it does
Reports that Query Insights is not available: `GET _insights/top_queries` has no handler (the
plugin is not installed), or the plugin is there but top-query collection is switched off.

## Why is this bad?
Query Insights keeps the top N searches by latency, CPU and memory with their bodies, indices
and phase timings. Without it the heaviest queries of a live cluster are invisible to the
advisor (the OS-P12..OS-P15 rules stay silent) and to the people running the cluster.

## Example
```text
GET _insights/top_queries  ->  400 no handler found for uri [/_insights/top_queries]
```

## Use instead
```json
// bin/opensearch-plugin install query-insights   (bundled in the full distribution)
PUT _cluster/settings
{ "persistent": { "search.insights.top_queries.latency.enabled": true,
                  "search.insights.top_queries.latency.window_size": "5m",
                  "search.insights.top_queries.latency.top_n_size": 10 } }
```

## Evidence
The answer of `GET _insights/top_queries` and the cluster setting
`search.insights.top_queries.latency.enabled`.

## Known limits
Informational: a cluster that traces queries with another tool does not need the plugin.

## References
- https://docs.opensearch.org/latest/observing-your-data/query-insights/top-n-queries/
- https://docs.opensearch.org/latest/observing-your-data/query-insights/index/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsInsights
from rules.opensearch.cluster._common import settings_fix

META = RuleMeta(
    id="OS-C07",
    name="no-query-insights",
    family="opensearch.cluster",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="Query Insights is not installed or not collecting top queries",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

ENABLED = "search.insights.top_queries.latency.enabled"


def check(insights: OsInsights, ctx: OsContext) -> Iterator[Finding]:
    cluster = ctx.opensearch.cluster
    enabled = cluster.setting(ENABLED)
    if insights.available and (enabled or "true").lower() == "true":
        return
    what = insights.note if not insights.available else f"{ENABLED} is false"
    settings = {ENABLED: True, "search.insights.top_queries.latency.top_n_size": 10}
    fix = settings_fix(
        "Install the query-insights plugin if missing, then collect top queries by latency",
        "_cluster",
        settings,
    )
    yield META.finding(
        f"{cluster.name or 'cluster'}: {what}; the top-query rules have nothing to read",
        None,
        object=cluster.name or None,
        evidence=Evidence.of(available=insights.available, note=insights.note, enabled=enabled),
        fix=fix,
        anchor="query-insights",
    )
