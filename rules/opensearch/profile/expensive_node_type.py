"""## What it does
Flags a profiled search in which a costly Lucene query type (wildcard, regexp, automaton,
fuzzy, prefix, constant-score multi-term wrapper, script, block join) takes at least 20% of the
query time by itself.

## Why is this bad?
These node types scan the term dictionary or run code per document, so their cost grows with
the index rather than with the result. The profile shows they are a real share of this
search's time, not just present in it.

## Example
```json
{ "query": { "bool": { "filter": [ {
  "script": { "script": {
  "source": "doc['price'].value * doc['qty'].value > params.t",
  "params": { "t": 1000 } } } } ] } } }
```

## Use instead
```json
{ "query": { "bool": { "filter": [ { "range": { "total": { "gt": 1000 } } } ] } } }
// total computed at index time by an ingest pipeline
```

## Evidence
The profile's query tree: node `type`, `description`, `time_in_nanos` of the node and its
children. Options: `min_share` (0.2), `min_root_ms` (0.5).

## Known limits
One run's timings. The node type names are Lucene's and can change between versions.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/query-dsl/specialized/script/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import (
    EXPENSIVE_TYPES,
    MS,
    STATIC_RULE,
    anchor,
    ms,
    short,
    slowest_shard_root,
)

META = RuleMeta(
    id="OS-P03",
    name="expensive-node-type",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A costly Lucene query type takes a large share of a profiled search",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.2, "min_root_ms": 0.5},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    found = slowest_shard_root(profile)
    if found is None:
        return
    shard, root = found
    if root.time_ns < ctx.number("min_root_ms") * MS:
        return
    seen: set[str] = set()
    for node in root.walk():
        if node.type not in EXPENSIVE_TYPES or node.type in seen:
            continue
        share = node.self_ns / root.time_ns
        if share < ctx.number("min_share"):
            continue
        seen.add(node.type)
        yield META.finding(
            f"{node.type} `{short(node.description, 60)}` takes {share:.0%} of the query "
            f"time ({ms(node.self_ns)} ms)",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(
                type=node.type,
                description=short(node.description, 200),
                self_ms=ms(node.self_ns),
                query_ms=ms(root.time_ns),
                share=round(share, 3),
                shard=shard.id,
            ),
            fix=advice(
                f"Rewrite the clause as {STATIC_RULE.get(node.type, 'the static rules')} explains"
            ),
            anchor=anchor(profile, node.type),
        )
