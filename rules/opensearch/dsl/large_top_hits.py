"""## What it does
Flags a `top_hits` aggregation with `size` above `index.max_inner_result_window` (100), an
error, and a `top_hits` below a `terms` aggregation of more than 100 buckets, a warning.

## Why is this bad?
`top_hits` fetches documents per bucket: its cost is buckets × size documents loaded and
serialised. Above the inner result window the request is rejected.

## Example
```json
GET products/_search
{ "size": 0, "aggs": { "brands": { "terms": { "field": "brand", "size": 500 },
  "aggs": { "best": { "top_hits": { "size": 3 } } } } } }
```

## Use instead
```json
GET products/_search
{ "query": { "match_all": {} }, "collapse": { "field": "brand" }, "size": 50 }
```

## Evidence
The request body only.

## Known limits
Both numbers are options (`max_inner_result_window`, `max_parent_buckets`).

## References
- https://docs.opensearch.org/latest/aggregations/metric/top-hits/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q32",
    name="large-top-hits",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="top_hits with many hits or under many buckets",
    fix_safety=FixSafety.ADVISORY,
    options={"max_inner_result_window": 100, "max_parent_buckets": 100},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    window = ctx.number("max_inner_result_window")
    for agg, parents in search.all_aggs():
        if agg.kind != "top_hits":
            continue
        size = agg.size if agg.size is not None else 3
        big_parent = next(
            (
                p
                for p in parents
                if p.kind == "terms" and (p.size or 10) > ctx.number("max_parent_buckets")
            ),
            None,
        )
        if size > window:
            message = f"top_hits `{agg.name}` size {size} exceeds max_inner_result_window"
            severity: Severity | None = Severity.ERROR
        elif big_parent is not None:
            message = (
                f"top_hits `{agg.name}` fetches {size} documents for each of up to "
                f"{big_parent.size} `{big_parent.name}` buckets"
            )
            severity = None
        else:
            continue
        yield report(
            META,
            request,
            agg.kind_pointer,
            message,
            evidence=Evidence.of(aggregation=agg.name, size=size),
            fix=advice('For the best document per group, use `"collapse"` on the search'),
            severity=severity,
        )
