"""## What it does
Flags a profiled query node that spends a large share (30% or more) of its time in
`breakdown.match`: the second-phase check of candidate documents.

## Why is this bad?
Two-phase queries first find candidates cheaply, then verify each one: phrase positions,
scripts run per document, regular expressions on doc values. When verification dominates, the
query runs code for every candidate; the cost grows with the number of candidates, not hits.

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
// or, for phrases: "index_phrases": true on the text field
```

## Evidence
The profile's `breakdown.match` against each node's `time_in_nanos`. Options: `min_share`
(0.3), `min_node_ms` (0.5).

## Known limits
One run's timings. A parent node includes its children's match time, so the innermost
matching node is reported.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, STATIC_RULE, anchor, ms, short, slowest_shard_root

META = RuleMeta(
    id="OS-P05",
    name="two-phase-verification",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A profiled query spends much of its time verifying candidates (match phase)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.3, "min_node_ms": 0.5},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    found = slowest_shard_root(profile)
    if found is None:
        return
    shard, root = found
    candidates = [
        n
        for n in root.walk()
        if n.time_ns >= ctx.number("min_node_ms") * MS
        and n.breakdown.get("match", 0) / n.time_ns >= ctx.number("min_share")
    ]
    # The innermost: a node none of whose children is itself a candidate.
    inner = [n for n in candidates if not any(c in candidates for c in n.children)]
    for node in inner[:1]:
        match = node.breakdown.get("match", 0)
        related = STATIC_RULE.get(node.type)
        yield META.finding(
            f"{node.type} `{short(node.description, 60)}` spends {match / node.time_ns:.0%} "
            f"of its {ms(node.time_ns)} ms verifying candidates (match)",
            profile.location,
            object=profile.index,
            evidence=Evidence.of(
                type=node.type,
                match_ms=ms(match),
                match_count=node.breakdown.get("match_count", 0),
                node_ms=ms(node.time_ns),
                shard=shard.id,
            ),
            fix=advice(
                "Avoid per-document verification: precompute script values (OS-Q08), add "
                f"index_phrases for phrases, tighten patterns{f' ({related})' if related else ''}"
            ),
            anchor=anchor(profile, node.type, "match"),
        )
