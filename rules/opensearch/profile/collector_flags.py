"""## What it does
Reports the collectors of a profiled search that change its results or add a pass: timeout
(`search_timeout`), `terminate_after` (`search_terminate_after_count`), `min_score`
(`search_min_score`) and global aggregations (`global_aggregation`).

## Why is this bad?
A timeout or terminate-after collector can return partial results without an error; min_score
drops hits after scoring them all; a global aggregation runs a second match-all pass over the
index. Each is fine when intended and surprising when not.

## Example
```json
{ "timeout": "10ms", "terminate_after": 100, "aggs": { "all": { "global": {} } } }
```

## Use instead
```json
{ "timeout": "2s", "aggs": { "by_cat": { "terms": { "field": "category" } } } }
// check "timed_out" and "terminated_early" in responses when keeping them
```

## Evidence
The profile's `searches[].collector[]` tree: `name` and `reason` of each collector.

## Known limits
Informational; the rule cannot know whether partial results are acceptable for the caller.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import anchor

META = RuleMeta(
    id="OS-P10",
    name="collector-flags",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.INFO,
    summary="A profiled search uses a timeout, terminate_after, min_score or global collector",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

EFFECTS = {
    "search_timeout": "a timeout collector: results may be partial (timed_out: true)",
    "search_terminate_after_count": "terminate_after: shards stop early, counts are partial",
    "search_min_score": "min_score: every match is scored, then low scores are dropped",
    "global_aggregation": "a global aggregation: a second match-all pass over the index",
}


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    reasons: dict[str, str] = {}
    for shard in profile.shards:
        for search in shard.searches:
            for top in search.collectors:
                for collector in top.walk():
                    if collector.reason in EFFECTS:
                        reasons.setdefault(collector.reason, collector.name)
    for reason, name in sorted(reasons.items()):
        yield META.finding(
            f"collector {name} ({reason}): {EFFECTS[reason]}",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(collector=name, reason=reason),
            fix=advice("Keep it only if intended; check timed_out / terminated_early in responses"),
            anchor=anchor(profile, reason),
        )
