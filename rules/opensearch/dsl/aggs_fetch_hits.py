"""## What it does
Flags a search with aggregations that also fetches hits because `size` was left out: `aggs`
present and no `size` in the body or the query string (10 hits by default).

## Why is this bad?
When only the buckets are used, fetching hits is wasted work (a query and a fetch phase
per request), and only `size: 0` requests are cached by the shard request cache by default, so
a dashboard sending the same aggregation repeatedly never hits the cache.

## Example
```json
GET logs-*/_search
{ "aggs": { "by_status": { "terms": { "field": "status" } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "aggs": { "by_status": { "terms": { "field": "status" } } } }
```

## Evidence
The request body (`aggs`, `size`).

## Known limits
The rule cannot see whether the caller reads the hits; the fix is therefore unsafe. An explicit
`size` above 0 is taken as asking for the hits on purpose (a results page with its facets is
one round trip instead of two), so it is not flagged.

## References
- https://docs.opensearch.org/latest/search-plugins/caching/request-cache/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, body_copy, body_fix, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q15",
    name="aggs-fetch-hits",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Aggregation request that also fetches hits",
    fix_safety=FixSafety.UNSAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or not search.aggs or request.endpoint not in ("_search", "_msearch"):
        return
    # An explicit size, 0 or not, says what the caller wants from the hits.
    if "size" in search.raw or "size" in request.params:
        return
    size = 10
    body = body_copy(request)
    body["size"] = 0
    yield report(
        META,
        request,
        f"/{search.aggs_key}",
        f"aggregation request also fetches {size} hits and is not request-cached",
        evidence=Evidence.of(size=size, aggregations=len(search.aggs)),
        fix=body_fix("Set `size: 0` when only the buckets are used", FixSafety.UNSAFE, body),
    )
