"""## What it does
Flags a top-level `significant_terms` (or `significant_text`) aggregation in a search with no
query or a `match_all` query.

## Why is this bad?
Significance compares term frequencies in the foreground set (the matching documents) with the
background (the whole index). With no query the two are the same set, so nothing is
significant, yet the aggregation still pays for per-term background lookups.

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "odd": { "significant_terms": { "field": "user" } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "query": { "term": { "status": 500 } },
  "aggs": { "odd": { "significant_terms": { "field": "user" } } } }
```

## Evidence
The request body only.

## Known limits
Under a `filter`/`terms` parent aggregation the foreground is that bucket; such nesting is not
flagged.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/significant-terms/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q33",
    name="significant-terms-no-foreground",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="significant_terms over the whole index finds nothing significant",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    if search.query is not None and search.query.kind != "match_all":
        return
    for agg in search.aggs:
        if agg.kind not in ("significant_terms", "significant_text"):
            continue
        yield report(
            META,
            request,
            agg.kind_pointer,
            f"`{agg.kind}` `{agg.name}` runs over all documents: foreground equals background",
            evidence=Evidence.of(aggregation=agg.name),
            fix=advice("Add a query that selects the foreground, or a `background_filter`"),
        )
