"""## What it does
Flags a profiled search whose aggregations take more time than its query.

## Why is this bad?
The request's cost is in building buckets, not in finding documents: large `terms` sizes,
deep nesting, high-cardinality fields, fielddata. Tuning the query will not help; the
aggregation has to shrink, be paged, or be computed ahead of time.

## Example
```json
{ "size": 0, "aggs": { "tags": { "terms": { "field": "tags", "size": 50 },
  "aggs": { "skus": { "cardinality": { "field": "sku" } } } } } }
```

## Use instead
```json
{ "size": 0, "aggs": { "tags": { "composite": { "size": 50,
  "sources": [ { "tag": { "terms": { "field": "tags.keyword" } } } ] } } } }
// or pre-aggregate with a rollup / transform job
```

## Evidence
The profile's `shards[].aggregations[].time_in_nanos` against the query trees'
`time_in_nanos`. Option: `min_aggregation_ms` (1).

## Known limits
Measures shard-level work only; the coordinating node's reduce is not in the profile. When the
request also fetches hits the fix is the request with `"size": 0` (unsafe: no hits come back).

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/aggregations/bucket/composite/
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from advisor.dsl.rulekit import advice, body_fix
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms

META = RuleMeta(
    id="OS-P08",
    name="aggregation-bound",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="Aggregations take more time than the query in a profiled search",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_aggregation_ms": 1},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    aggs = sum(s.aggregation_ns for s in profile.shards)
    query = sum(s.query_ns for s in profile.shards)
    if aggs <= query or aggs < ctx.number("min_aggregation_ms") * MS:
        return
    slowest = max((a for s in profile.shards for a in s.aggregations), key=lambda a: a.time_ns)
    yield META.finding(
        f"aggregations take {ms(aggs)} ms against {ms(query)} ms of query; slowest "
        f"{slowest.type} `{slowest.description}`",
        profile.location,
        object=profile.index,
        evidence=Evidence.of(
            aggregation_ms=ms(aggs),
            query_ms=ms(query),
            slowest_aggregator=slowest.type,
            slowest_name=slowest.description,
        ),
        fix=_fix(profile),
        anchor=anchor(profile, "aggs"),
    )


def _fix(profile: OsProfile) -> Fix:
    """`"size": 0` when the request also fetches hits; otherwise advice on the aggregation."""
    body = json.loads(profile.body)
    if isinstance(body, dict) and body.get("size", 10) != 0:
        return body_fix(
            "Skip the fetch phase and make the request cacheable: size 0 (OS-Q15)",
            FixSafety.UNSAFE,
            {**body, "size": 0},
        )
    return advice(
        "Shrink the aggregation: smaller sizes, keyword fields, composite paging (OS-Q27), "
        "or pre-aggregate"
    )
