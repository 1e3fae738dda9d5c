"""## What it does
Flags a profiled query node that spends at least 60% of its time in `create_weight` and
`build_scorer`: setting up the query rather than matching documents.

## Why is this bad?
Setup cost comes from the term dictionary and per-field work: huge `terms` lists, queries over
many fields (`*` or long field lists), multi-term expansion, or cold caches. It is paid per
segment on every search whatever the number of hits.

## Example
```json
{ "query": { "query_string": { "query": "steel" } } }   // over every field of the index
```

## Use instead
```json
{ "query": { "multi_match": { "query": "steel", "fields": ["name^2", "category"] } } }
```

## Evidence
The profile's `breakdown.create_weight` and `breakdown.build_scorer` of each node against its
`time_in_nanos`. Options: `min_share` (0.6), `min_node_ms` (5).

## Known limits
The first search after a restart or refresh pays cold-cache setup; profile twice before acting.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms, short, slowest_shard_root

META = RuleMeta(
    id="OS-P04",
    name="setup-bound-query",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A profiled query spends most of its time creating weights and scorers",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.6, "min_node_ms": 5},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    found = slowest_shard_root(profile)
    if found is None:
        return
    shard, root = found
    for node in root.walk():
        if node.time_ns < ctx.number("min_node_ms") * MS:
            continue
        setup = node.breakdown.get("create_weight", 0) + node.breakdown.get("build_scorer", 0)
        share = setup / node.time_ns
        if share < ctx.number("min_share"):
            continue
        yield META.finding(
            f"{node.type} `{short(node.description, 60)}` spends {share:.0%} of its "
            f"{ms(node.time_ns)} ms in create_weight/build_scorer",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(
                type=node.type,
                create_weight_ms=ms(node.breakdown.get("create_weight", 0)),
                build_scorer_ms=ms(node.breakdown.get("build_scorer", 0)),
                node_ms=ms(node.time_ns),
                share=round(share, 3),
                shard=shard.id,
            ),
            fix=advice(
                "Cut setup work: list fields explicitly (OS-Q06), shorten terms lists (OS-Q19), "
                "anchor patterns (OS-Q01)"
            ),
            anchor=anchor(profile, node.type, "setup"),
        )
        return  # the outermost node explains its children
