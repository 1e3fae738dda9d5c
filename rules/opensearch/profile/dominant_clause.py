"""## What it does
Flags a profiled search in which one clause of a compound query takes at least half of the
query time by itself (its time minus its children's).

## Why is this bad?
The clause that dominates is where rewriting pays: a script, a multi-term expansion, a scored
clause over many documents. Everything else in the query is noise next to it.

## Example
```json
{ "query": { "bool": {
  "must": [ { "match": { "name": "steel" } } ],
  "filter": [ { "script": { "script": "doc['price'].value * doc['qty'].value > 1000" } } ] } } }
```

## Use instead
```json
{ "query": { "bool": {
  "must": [ { "match": { "name": "steel" } } ],
  "filter": [ { "range": { "total": { "gt": 1000 } } } ] } } }
```

## Evidence
The profile of the request (`"profile": true`): `shards[].searches[].query`, each node's
`time_in_nanos` and its children's. Options: `min_share` (0.5), `min_root_ms` (1.0).

## Known limits
Timings of one run on a warm or cold node; run the profile twice when numbers are close. The
rewritten Lucene description is shown; map it back to the DSL clause by field.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, STATIC_RULE, anchor, ms, short, slowest_shard_root

META = RuleMeta(
    id="OS-P01",
    name="dominant-clause",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="One clause takes most of a profiled query's time",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.5, "min_root_ms": 1.0},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    found = slowest_shard_root(profile)
    if found is None:
        return
    shard, root = found
    if not root.children or root.time_ns < ctx.number("min_root_ms") * MS:
        return
    nodes = [n for n in root.walk() if n is not root]
    node = max(nodes, key=lambda n: n.self_ns)
    share = node.self_ns / root.time_ns
    if share < ctx.number("min_share"):
        return
    related = STATIC_RULE.get(node.type)
    yield META.finding(
        f"{node.type} `{short(node.description, 60)}` takes {share:.0%} of the query time "
        f"({ms(node.self_ns)} of {ms(root.time_ns)} ms)",
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
            f"Rewrite that clause first{f' (see {related})' if related else ''}; keep "
            "yes/no conditions in bool.filter"
        ),
        anchor=anchor(profile, node.type),
    )
