"""## What it does
Flags pages of hits that are large: `size` above 1,000, or above 100 with no `_source`
filtering (no `_source` includes, no `docvalue_fields`).

## Why is this bad?
The fetch phase loads, decompresses and serialises the `_source` of every hit returned; the
cost grows with hits × document size and lands on the coordinating node's heap.

## Example
```json
GET products/_search
{ "size": 500, "query": { "match": { "title": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "size": 50, "_source": ["sku", "title", "price"], "query": { "match": { "title": "shoes" } } }
```

## Evidence
The request body (`size`, `_source`, `docvalue_fields`).

## Known limits
Both thresholds are options (`max_size`, `max_size_with_source`).

## References
- https://docs.opensearch.org/latest/search-plugins/searching-data/paginate/
- https://github.com/opensearch-project/OpenSearch/issues/12390
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q14",
    name="oversized-page",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Large page of hits, or a full _source for many hits",
    fix_safety=FixSafety.ADVISORY,
    options={"max_size": 1000, "max_size_with_source": 100},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or search.size is None or request.endpoint not in ("_search", "_msearch"):
        return
    size = search.size
    filtered = search.source not in (None, True) or bool(search.docvalue_fields)
    if size > ctx.number("max_size"):
        message = f"size {size} fetches more than {int(ctx.number('max_size'))} hits per page"
    elif size > ctx.number("max_size_with_source") and not filtered:
        message = f"size {size} returns the whole `_source` of every hit"
    else:
        return
    yield report(
        META,
        request,
        "/size",
        message,
        evidence=Evidence.of(size=size, source_filtered=filtered),
        fix=advice('Page the hits and return only needed fields: `"_source": ["id", "title"]`'),
    )
