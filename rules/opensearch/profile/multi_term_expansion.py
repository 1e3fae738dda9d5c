"""## What it does
Flags a profiled search whose query rewrite takes at least half of the query time, or more
than 10 ms: the cost of expanding wildcard, prefix, regexp or fuzzy patterns into terms.

## Why is this bad?
Multi-term queries are rewritten by walking the term dictionary of every segment of every
shard. With leading wildcards or loose patterns that walk touches every term, before a single
document is scored, and it is repeated on every search.

## Example
```json
{ "query": { "wildcard": { "sku": { "value": "*-001*" } } } }
```

## Use instead
```json
{ "query": { "wildcard": { "sku.wc": { "value": "*-001*" } } } }
// sku.wc mapped with the `wildcard` field type; or a prefix on a reversed sub-field
```

## Evidence
The profile's `searches[].rewrite_time` against the query tree's `time_in_nanos`. Options:
`min_share` (0.5), `max_rewrite_ms` (10), `min_rewrite_ms` (1).

## Known limits
Rewrite time also includes other rewrites (e.g. of `terms` lists); cold JIT on a fresh node
inflates the first run.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/query-dsl/term/wildcard/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms

META = RuleMeta(
    id="OS-P02",
    name="multi-term-expansion-cost",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="Query rewrite (multi-term expansion) takes much of a profiled search",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.5, "max_rewrite_ms": 10, "min_rewrite_ms": 1},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    searches = [(shard, s) for shard in profile.shards for s in shard.searches]
    if not searches:
        return
    shard, search = max(searches, key=lambda pair: pair[1].rewrite_ns)
    rewrite, query = search.rewrite_ns, search.query_ns
    share = rewrite / (rewrite + query) if rewrite + query else 0.0
    heavy = rewrite > ctx.number("max_rewrite_ms") * MS
    large = share >= ctx.number("min_share") and rewrite >= ctx.number("min_rewrite_ms") * MS
    if not (heavy or large):
        return
    yield META.finding(
        f"query rewrite takes {ms(rewrite)} ms ({share:.0%} of rewrite plus query time): "
        "multi-term expansion",
        profile.location,
        object=profile.index,
        evidence=Evidence.of(
            rewrite_ms=ms(rewrite), query_ms=ms(query), share=round(share, 3), shard=shard.id
        ),
        fix=advice(
            "Anchor the pattern or use a wildcard-typed / prefix-indexed field "
            "(OS-Q01, OS-Q02, OS-Q04, OS-Q22)"
        ),
        anchor=anchor(profile, "rewrite"),
    )
