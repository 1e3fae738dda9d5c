"""## What it does
Estimates the number of buckets an aggregation tree can create and flags it above
`search.max_buckets` (65,535): the product of `terms`/`multi_terms`/`composite` sizes along a
path of nested aggregations (10 when `size` is absent), and for a `date_histogram`/`histogram`
with `min_doc_count: 0` (the default) and `extended_bounds`, the span divided by the interval:
numbers for a `histogram`; for a `date_histogram`, epoch milliseconds, ISO-8601 dates or date
math (`now-10y`) over a fixed or calendar interval (`1m`, `1h`, `day`, `1M`).

## Why is this bad?
Buckets live in memory on the coordinating node and on every shard; past `search.max_buckets`
the request fails with `too_many_buckets_exception`, after the cluster has done the work.

## Example
```json
GET orders/_search
{ "size": 0, "aggs": { "by_customer": { "terms": { "field": "customer_id", "size": 5000 },
  "aggs": { "by_product": { "terms": { "field": "sku", "size": 100 } } } } } }
```

## Use instead
```json
GET orders/_search
{ "size": 0, "aggs": { "pairs": { "composite": { "size": 1000, "sources": [
  { "customer_id": { "terms": { "field": "customer_id" } } },
  { "sku": { "terms": { "field": "sku" } } } ] } } } }
```

## Evidence
The request body only.

## Known limits
The estimate is an upper bound: fewer distinct values mean fewer buckets, so the finding is
`high` and becomes `error` only when a single aggregation alone exceeds the limit. Calendar
intervals are taken at their mean length; bounds in a custom `format`, or one bound relative to
`now` and the other absolute, are not estimated.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/search-settings/
- https://docs.opensearch.org/latest/aggregations/bucket/composite/
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from advisor.dsl.model import Aggregation
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, number, report
from advisor.dsl.timeunits import interval_millis, span_millis
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q31",
    name="bucket-explosion",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Aggregation tree can create more buckets than search.max_buckets",
    fix_safety=FixSafety.ADVISORY,
    options={"max_buckets": 65535},
)


def _buckets(agg: Aggregation) -> float:
    if agg.kind in ("terms", "multi_terms", "composite", "significant_terms"):
        return float(agg.size if agg.size is not None else 10)
    # Empty buckets across the extended bounds exist only with min_doc_count 0, the default.
    if agg.kind not in ("date_histogram", "histogram") or agg.params.get("min_doc_count", 0) != 0:
        return 1.0
    bounds = agg.params.get("extended_bounds")
    if not isinstance(bounds, dict):
        return 1.0
    span = _span(agg, bounds)
    # hard_bounds cut the buckets to their range, extended or not.
    hard = agg.params.get("hard_bounds")
    hard_span = _span(agg, hard) if isinstance(hard, dict) else None
    if span is not None and hard_span is not None:
        span = min(span, hard_span)
    if agg.kind == "histogram":
        interval = number(agg.params.get("interval"))
    else:
        raw = next(
            (agg.params[k] for k in ("fixed_interval", "calendar_interval", "interval")
             if k in agg.params),
            None,
        )  # fmt: skip
        interval = interval_millis(raw)
    if not interval or span is None:
        return 1.0
    return max(1.0, span / interval)


def _span(agg: Aggregation, bounds: Mapping[str, Any]) -> float | None:
    if agg.kind == "histogram":
        low, high = number(bounds.get("min")), number(bounds.get("max"))
        return high - low if low is not None and high is not None else None
    return span_millis(bounds.get("min"), bounds.get("max"))


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    limit = ctx.number("max_buckets")
    for top in search.aggs:
        worst: tuple[float, Aggregation, float] | None = None
        for agg, parents in top.walk():
            single = _buckets(agg)
            total = single
            for parent in parents:
                total *= _buckets(parent)
            if total > limit and (worst is None or total > worst[0]):
                worst = (total, agg, single)
        if worst is None:
            continue
        total, agg, single = worst
        yield report(
            META,
            request,
            top.pointer,
            f"aggregation `{top.name}` can create about {int(total):,} buckets "
            f"(down to `{agg.name}`); the limit is {int(limit):,}",
            evidence=Evidence.of(aggregation=top.name, estimated_buckets=int(total)),
            fix=advice("Cut sizes, coarsen intervals, or page with a `composite` aggregation"),
            severity=Severity.ERROR if single > limit else None,
        )
