"""## What it does
Flags searches that fan out to very many shards (1,000 or more): Query Insights top queries by
their `total_shards`, and profiled requests by the shards in their profile.

## Why is this bad?
Every shard searched is a task on a search thread, a round trip, and a partial result to merge.
Wide index patterns over daily indices, or oversharded indices, multiply that cost per request
and cause search rejections under load.

## Example
```text
GET logs-*/_search   ->   total_shards 3,650 (ten years of daily indices, 1 shard each)
```

## Use instead
```text
GET logs-2026.11.*/_search        # narrow the pattern to the time range asked for
# and consolidate small indices (OS-C02, OS-C21)
```

## Evidence
Query Insights records' `total_shards`, and the number of `profile.shards` of profiled
requests. Option: `max_shards` (1000).

## Known limits
Without the Query Insights plugin only the profiled requests are seen (OS-C07).

## References
- https://github.com/opensearch-project/OpenSearch/issues/16990
- https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf01-bp01.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsInsights
from rules.opensearch.profile._common import query_label

META = RuleMeta(
    id="OS-P15",
    name="shard-fan-out",
    family="opensearch.profile",
    target=TargetKind.WORKLOAD,
    severity=Severity.HIGH,
    summary="A search fans out to a very large number of shards",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_shards": 1000},
)

FIX = "Narrow the index pattern to what the search needs; consolidate small indices (OS-C02)"


def check(insights: OsInsights, ctx: OsContext) -> Iterator[Finding]:
    limit = ctx.number("max_shards")
    for query in insights.top_queries:
        if query.total_shards < limit:
            continue
        yield META.finding(
            f"top query searches {query.total_shards:,} shards: "
            f"{query_label(query.indices, query.source)}",
            None,
            object=",".join(query.indices) or None,
            evidence=Evidence.of(id=query.id, total_shards=query.total_shards),
            fix=advice(FIX),
            anchor=f"{query.id} {query.source}",
        )
    for profile in ctx.opensearch.profiles:
        if len(profile.shards) < limit:
            continue
        yield META.finding(
            f"the search on {profile.index} reaches {len(profile.shards):,} shards",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(total_shards=len(profile.shards)),
            fix=advice(FIX),
            anchor=f"{profile.index} fan-out",
        )
