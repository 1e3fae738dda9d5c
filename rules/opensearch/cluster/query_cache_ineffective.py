"""## What it does
Flags a node whose query (filter) cache hit ratio is under 10% over many lookups while it keeps
evicting entries.

## Why is this bad?
The node query cache holds the doc-id sets of filter clauses that repeat. A low hit ratio with
evictions means filters are not reused (scored clauses instead of filters, `now` without
rounding, ever-changing values) and the cache churns memory for nothing.

## Example
```json
{ "query": { "bool": { "must": [ { "range": { "ts": { "gte": "now-1h" } } } ] } } }
```

## Use instead
```json
{ "query": { "bool": { "filter": [ { "range": { "ts": { "gte": "now-1h/m" } } } ] } } }
```

## Evidence
`_nodes/stats` `indices.query_cache` (`hit_count`, `miss_count`, `evictions`). Options:
`min_lookups` (10000), `min_hit_ratio` (0.1).

## Known limits
Counters since node start; small segments are never cached, so small test indices show low
ratios without meaning much (hence the minimum number of lookups).

## References
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot

META = RuleMeta(
    id="OS-C10",
    name="query-cache-ineffective",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="The query cache hit ratio is low while it keeps evicting",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_lookups": 10000, "min_hit_ratio": 0.1},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    for node in snapshot.nodes:
        lookups = node.query_cache_hits + node.query_cache_misses
        if lookups < ctx.number("min_lookups") or node.query_cache_evictions <= 0:
            continue
        ratio = node.query_cache_hits / lookups
        if ratio >= ctx.number("min_hit_ratio"):
            continue
        yield META.finding(
            f"node {node.name}: query cache hit ratio {ratio:.1%} over {lookups:,} lookups, "
            f"{node.query_cache_evictions:,} evictions",
            None,
            object=node.name,
            evidence=Evidence.of(
                hit_count=node.query_cache_hits,
                miss_count=node.query_cache_misses,
                evictions=node.query_cache_evictions,
                hit_ratio=round(ratio, 4),
            ),
            fix=Fix.advice(
                "Make filters reusable: yes/no clauses in bool.filter (OS-Q17), round `now` "
                "(OS-Q16), reuse the same filter values"
            ),
            anchor=node.name,
        )
