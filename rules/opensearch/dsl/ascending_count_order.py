"""## What it does
Flags a `terms` aggregation ordered by ascending count (`"order": {"_count": "asc"}`).

## Why is this bad?
Each shard returns its own rarest terms; a term rare on one shard can be common on another, so
the merged "rarest" list is wrong, and the error is unbounded. The docs strongly discourage it.

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "rare_users": { "terms": { "field": "user",
                                                "order": { "_count": "asc" } } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "aggs": { "rare_users": { "rare_terms": { "field": "user", "max_doc_count": 1 } } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): `rare_terms` returns the rare terms approximately and in its own
response shape. The edit replaces only the aggregation.

## Evidence
The request body only.

## Known limits
`rare_terms` returns terms below a document count, not the N rarest; the rewrite is unsafe.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/terms/
- https://docs.opensearch.org/latest/aggregations/bucket/rare-terms/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, as_list, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q28",
    name="ascending-count-order",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="terms ordered by ascending count is inaccurate; use rare_terms",
    fix_safety=FixSafety.UNSAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    for agg, _ in search.all_aggs():
        if agg.kind != "terms":
            continue
        orders = as_list(agg.params.get("order"))
        if not any(isinstance(o, dict) and o.get("_count") == "asc" for o in orders):
            continue
        rare = {"rare_terms": {"field": agg.field or "<field>", "max_doc_count": 1}}
        yield report(
            META,
            request,
            f"{agg.kind_pointer}/order",
            f"terms aggregation `{agg.name}` ordered by ascending count gives wrong results "
            "across shards",
            evidence=Evidence.of(aggregation=agg.name, field=agg.field),
            fix=rewrite_fix("Use `rare_terms`", FixSafety.UNSAFE, request, agg.pointer, rare),
        )
