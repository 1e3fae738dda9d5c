"""## What it does
Flags a node whose shard request cache almost never hits: many misses and a hit ratio under 5%.

## Why is this bad?
The request cache keeps whole shard-level results of `size: 0` searches (aggregation
dashboards) until the shard refreshes. When it never hits, repeated dashboard queries are
recomputed from scratch every time: they fetch hits, use `now` without rounding, or the index
refreshes too often for any entry to survive.

## Example
```json
GET logs/_search
{ "aggs": { "per_host": { "terms": { "field": "host" } } },
  "query": { "range": { "ts": { "gte": "now-15m" } } } }
```

## Use instead
```json
GET logs/_search
{ "size": 0, "aggs": { "per_host": { "terms": { "field": "host" } } },
  "query": { "range": { "ts": { "gte": "now-15m/m" } } } }
```

## Evidence
`_nodes/stats` `indices.request_cache` (`hit_count`, `miss_count`). Options: `min_misses`
(1000), `min_hit_ratio` (0.05).

## Known limits
A cluster that serves no repeated aggregations has nothing to cache; the rule cannot know the
workload's intent.

## References
- https://docs.opensearch.org/latest/search-plugins/caching/request-cache/
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot

META = RuleMeta(
    id="OS-C11",
    name="request-cache-idle",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="The shard request cache almost never hits",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_misses": 1000, "min_hit_ratio": 0.05},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    for node in snapshot.nodes:
        misses, hits = node.request_cache_misses, node.request_cache_hits
        if misses < ctx.number("min_misses"):
            continue
        ratio = hits / (hits + misses)
        if ratio >= ctx.number("min_hit_ratio"):
            continue
        yield META.finding(
            f"node {node.name}: request cache hit ratio {ratio:.1%} ({hits:,} hits, "
            f"{misses:,} misses)",
            None,
            object=node.name,
            evidence=Evidence.of(hit_count=hits, miss_count=misses, hit_ratio=round(ratio, 4)),
            fix=Fix.advice(
                "Send dashboards' aggregations with size: 0 (OS-Q15) and rounded `now` "
                "(OS-Q16) so their shard results can be cached"
            ),
            anchor=node.name,
        )
