"""## What it does
Flags a profiled search in which the slowest shard takes at least three times the median
shard's query time.

## Why is this bad?
A search is as slow as its slowest shard. Skew points at a hot or oversized shard (custom
routing, uneven documents per shard), a node under contention, or cold caches on one copy.

## Example
```text
[n1][logs][0] 4 ms, [n1][logs][1] 5 ms, [n2][logs][2] 61 ms
```

## Use instead
```text
GET _cat/shards/logs?v&bytes=b    # compare shard sizes and nodes (OS-C01)
# even out routing (routing_partition_size), resize shards, or move the shard off a busy node
```

## Evidence
The profile's `shards[]` (`id` = `[node][index][shard]`) and the query time of each. Options:
`min_ratio` (3), `min_shards` (3), `min_max_ms` (1).

## Known limits
One run; a shard searched first may pay cold caches. Needs at least three shards.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms

META = RuleMeta(
    id="OS-P07",
    name="shard-skew",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="One shard takes far longer than the others in a profiled search",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_ratio": 3, "min_shards": 3, "min_max_ms": 1},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    if len(profile.shards) < ctx.number("min_shards"):
        return
    times = [s.query_ns + s.aggregation_ns for s in profile.shards]
    slowest = max(range(len(times)), key=lambda i: times[i])
    median = statistics.median(times)
    if times[slowest] < ctx.number("min_max_ms") * MS or median <= 0:
        return
    ratio = times[slowest] / median
    if ratio < ctx.number("min_ratio"):
        return
    shard = profile.shards[slowest]
    yield META.finding(
        f"shard {shard.id} takes {ms(times[slowest])} ms, {ratio:.1f}x the median "
        f"({ms(median)} ms) of {len(times)} shards",
        profile.location,
        object=profile.index,
        evidence=Evidence.of(
            shard=shard.id,
            slowest_ms=ms(times[slowest]),
            median_ms=ms(median),
            ratio=round(ratio, 2),
            shards=len(times),
        ),
        fix=advice("Compare shard sizes and nodes (GET _cat/shards), even out routing, resize"),
        anchor=anchor(profile, "skew"),
    )
