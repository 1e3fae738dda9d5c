"""## What it does
Mentions every `global` aggregation.

## Why is this bad?
A `global` aggregation ignores the query and runs over every document of the index: the shard
runs a second `match_all` search for it. That is sometimes the point (totals next to filtered
results) but it costs as much as an unfiltered aggregation.

## Example
```json
GET products/_search
{ "query": { "term": { "brand": "acme" } },
  "aggs": { "all": { "global": {}, "aggs": { "avg_price": { "avg": { "field": "price" } } } } } }
```

## Use instead
```json
GET products/_search
{ "query": { "term": { "brand": "acme" } },
  "aggs": { "avg_price": { "avg": { "field": "price" } } } }
```
when the figure over all products is not needed, or cache it separately.

## Evidence
The request body only.

## Known limits
Informational: the rule cannot know whether the global figure is needed.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/global/
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q34",
    name="global-aggregation",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.INFO,
    summary="global aggregation runs a second pass over the whole index",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    for agg, _ in search.all_aggs():
        if agg.kind == "global":
            yield report(
                META,
                request,
                agg.kind_pointer,
                f"global aggregation `{agg.name}` runs over every document, ignoring the query",
                evidence=Evidence.of(aggregation=agg.name),
                fix=advice("Keep it only if the figure over the whole index is needed"),
            )
