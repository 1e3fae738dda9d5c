"""## What it does
Flags a Query Insights top query whose fetch phase took longer than its query phase.

## Why is this bad?
The fetch phase loads `_source` (and highlights, docvalue fields, inner hits) for every hit
returned. When it outweighs finding the documents, the request asks for too many hits or too
much of each: large `size`, whole `_source` of big documents, heavy highlighting.

## Example
```json
{ "size": 500, "query": { "match": { "body": "error" } },
  "highlight": { "fields": { "body": {} } } }
```

## Use instead
```json
{ "size": 20, "_source": ["id", "title"], "query": { "match": { "body": "error" } } }
```

## Evidence
Query Insights `_insights/top_queries` records: `phase_latency_map.fetch` and `.query`.

## Known limits
Silent without the Query Insights plugin (see OS-C07); the request slow log's
`phase_took_millis` carries the same signal but is not read.

## References
- https://docs.opensearch.org/latest/observing-your-data/query-insights/top-n-queries/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/logs/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsInsights
from rules.opensearch.profile._common import query_label

META = RuleMeta(
    id="OS-P12",
    name="fetch-bound-query",
    family="opensearch.profile",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="A top query spends longer fetching hits than finding them",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_fetch_ms": 5},
)


def check(insights: OsInsights, ctx: OsContext) -> Iterator[Finding]:
    for query in insights.top_queries:
        fetch, phase = query.phase_fetch_ms, query.phase_query_ms
        if fetch is None or phase is None or fetch <= phase:
            continue
        if fetch < ctx.number("min_fetch_ms"):
            continue
        yield META.finding(
            f"top query {query_label(query.indices, query.source)}: fetch {fetch:g} ms > "
            f"query {phase:g} ms",
            None,
            object=",".join(query.indices) or None,
            evidence=Evidence.of(
                id=query.id, fetch_ms=fetch, query_ms=phase, latency_ms=query.latency_ms
            ),
            fix=advice(
                "Return fewer hits and less of each: smaller size, _source filtering, "
                "no heavy highlighting (OS-Q14)"
            ),
            anchor=f"{query.id} {query.source}",
        )
