"""## What it does
Flags sorting by `_script`, and bucket aggregations (`terms`, `histogram`, `date_histogram`,
`range`, `significant_terms`, and `composite` sources) computed from a `script`.

## Why is this bad?
A script sort or aggregation evaluates the script for every matching document, instead of
reading precomputed doc values; on large result sets it dominates the request time.

## Example
```json
GET orders/_search
{ "size": 0, "aggs": { "by_total": { "terms": {
  "script": { "source": "doc['price'].value * doc['qty'].value" } } } } }
```

## Use instead
```json
GET orders/_search
{ "size": 0, "aggs": { "by_total": { "terms": { "field": "total" } } } }
```
with `total` indexed at ingest time.

## Evidence
The request body only.

## Known limits
Metric aggregations with scripts (`avg` of a script) are not flagged.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
- https://docs.opensearch.org/latest/aggregations/bucket/terms/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q10",
    name="script-sort-or-agg",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Sort or bucket aggregation computed by a script",
    fix_safety=FixSafety.ADVISORY,
)

_BUCKETS = frozenset(
    {"terms", "histogram", "date_histogram", "range", "significant_terms", "multi_terms"}
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    fix = advice("Index the derived value and sort or aggregate on that field")
    for key in search.sort:
        if key.is_script:
            yield report(
                META,
                request,
                key.pointer,
                "sort by `_script` evaluates the script for every matching document",
                evidence=Evidence.of(where="sort"),
                fix=fix,
            )
    for agg, _ in search.all_aggs():
        scripted = agg.kind in _BUCKETS and "script" in agg.params
        if agg.kind == "composite" and isinstance(agg.params.get("sources"), list):
            scripted = any(
                isinstance(src, dict)
                and any(
                    isinstance(v, dict)
                    and any(isinstance(s, dict) and "script" in s for s in v.values())
                    for v in src.values()
                )
                for src in agg.params["sources"]
            )
        if scripted:
            yield report(
                META,
                request,
                agg.kind_pointer,
                f"`{agg.kind}` aggregation `{agg.name}` is computed by a script for every "
                "matching document",
                evidence=Evidence.of(where="aggregation", aggregation=agg.name),
                fix=fix,
            )
