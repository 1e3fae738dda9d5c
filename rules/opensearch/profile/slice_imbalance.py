"""## What it does
Flags a profiled query node under concurrent segment search whose slowest slice takes at least
three times the average slice time.

## Why is this bad?
Concurrent segment search splits a shard's segments into slices searched in parallel; the
shard waits for the slowest slice. Imbalance means one slice holds a very large segment (or
many), so the parallelism buys little.

## Example
```text
BooleanQuery  max_slice_time_in_nanos 41,000,000  avg_slice_time_in_nanos 9,000,000
```

## Use instead
```text
POST logs-2026.10/_forcemerge?max_num_segments=1     # read-only indices (OS-C16)
# or review search.concurrent.max_slice_count / the slicing mechanism
```

## Evidence
The profile's `max_slice_time_in_nanos` and `avg_slice_time_in_nanos` of query nodes (present
only when concurrent segment search ran). Options: `min_ratio` (3), `min_max_ms` (1).

## Known limits
Silent when concurrent segment search is off (the default on 2.x), because the profile then
has no slice timings.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/search-plugins/concurrent-segment-search/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms, roots

META = RuleMeta(
    id="OS-P11",
    name="slice-imbalance",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="Concurrent segment search slices are unbalanced in a profiled search",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_ratio": 3, "min_max_ms": 1},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    for shard, root in roots(profile):
        longest, average = root.max_slice_ns, root.avg_slice_ns
        if not longest or not average or longest < ctx.number("min_max_ms") * MS:
            continue
        ratio = longest / average
        if ratio < ctx.number("min_ratio"):
            continue
        yield META.finding(
            f"shard {shard.id}: slowest slice {ms(longest)} ms, {ratio:.1f}x the average "
            f"({ms(average)} ms)",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(
                shard=shard.id, max_slice_ms=ms(longest), avg_slice_ms=ms(average)
            ),
            fix=advice("Force-merge read-only indices (OS-C16) or review slice settings"),
            anchor=anchor(profile, shard.id, "slices"),
        )
        return
