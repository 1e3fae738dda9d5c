"""## What it does
Flags a `terms` aggregation with `size` above 1,000.

## Why is this bad?
Each shard returns `shard_size` (about `size × 1.5 + 10`) buckets and the coordinating node
merges them all: memory and time grow with `size`, and the counts of the last buckets are the
least accurate. A large `size` is usually an export in disguise.

## Example
```json
GET orders/_search
{ "size": 0, "aggs": { "customers": { "terms": { "field": "customer_id", "size": 50000 } } } }
```

## Use instead
```json
GET orders/_search
{ "size": 0, "aggs": { "customers": { "composite": { "size": 1000,
  "sources": [ { "customer_id": { "terms": { "field": "customer_id" } } } ] } } } }
```
then page with `"after"`; or split with `"include": {"partition": p, "num_partitions": n}`.

## Fix safety
Unsafe (`--unsafe-fixes`): a `composite` aggregation pages through buckets and returns them in
another shape; the caller must follow `after_key`. The edit replaces only the aggregation.

## Evidence
The request body only.

## Known limits
The threshold is the option `max_size`. A top-level `terms` below `export_size` (10,000) with no
bucket aggregation under it is a large top-N rather than an export, and its cost is bounded, so
that finding is `info` (why you may not care: a few thousand buckets merge quickly); where
sizes multiply (under a multi-bucket parent, or with buckets below it) it keeps its severity.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/composite/
- https://docs.opensearch.org/latest/aggregations/bucket/terms/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.model import Aggregation
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, get_at, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q27",
    name="terms-agg-export",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="terms aggregation with a very large size",
    fix_safety=FixSafety.UNSAFE,
    options={"max_size": 1000, "export_size": 10000},
)


# Parents that make one bucket: they do not multiply the buckets of what is under them.
_SINGLE_BUCKET = frozenset(
    {"filter", "nested", "reverse_nested", "global", "sampler", "diversified_sampler", "missing"}
)

# Aggregations under a terms that multiply its buckets.
_MULTI_BUCKET = frozenset(
    {"terms", "multi_terms", "composite", "significant_terms", "rare_terms", "histogram",
     "date_histogram", "auto_date_histogram", "range", "date_range", "ip_range", "filters",
     "geohash_grid", "geotile_grid", "geohex_grid", "adjacency_matrix"}
)  # fmt: skip


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    limit = ctx.number("max_size")
    for agg, parents in search.all_aggs():
        if agg.kind != "terms" or agg.size is None or agg.size <= limit:
            continue
        below = (a for a, _ in agg.walk() if a is not agg)
        multiplied = any(p.kind not in _SINGLE_BUCKET for p in parents) or any(
            a.kind in _MULTI_BUCKET for a in below
        )
        bounded = agg.size < ctx.number("export_size") and not multiplied
        note = (
            " (why you may not care: a top-N of a few thousand buckets merges quickly)"
            if bounded
            else ""
        )
        yield report(
            META,
            request,
            f"{agg.kind_pointer}/size",
            f"terms aggregation `{agg.name}` asks for {agg.size} buckets{note}",
            evidence=Evidence.of(aggregation=agg.name, size=agg.size),
            severity=Severity.INFO if bounded else None,
            fix=rewrite_fix(
                "Page the buckets with a `composite` aggregation",
                FixSafety.UNSAFE,
                request,
                agg.pointer,
                _composite(agg, get_at(request.value, agg.pointer)),
            ),
        )


def _composite(agg: Aggregation, raw: Any) -> dict[str, Any]:
    """The same buckets as a composite aggregation paged 1,000 at a time; sub-aggs are kept."""
    source = {k: v for k, v in agg.params.items() if k in ("field", "script", "missing_bucket")}
    out: dict[str, Any] = {"composite": {"size": 1000, "sources": [{agg.name: {"terms": source}}]}}
    for key in ("aggs", "aggregations"):
        if isinstance(raw, dict) and key in raw:
            out[key] = raw[key]
    return out
