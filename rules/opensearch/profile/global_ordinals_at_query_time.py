"""## What it does
Flags a profiled `terms` aggregation on global ordinals whose set-up (`initialize` plus
`build_leaf_collector`) takes as long as collecting the documents or longer.

## Why is this bad?
Global ordinals map each segment's terms to one shard-wide numbering. They are built lazily on
the first aggregation after each refresh, so on a frequently refreshed index searches keep
paying for the build instead of the collection.

## Example
```json
{ "size": 0, "aggs": { "hosts": { "terms": { "field": "host" } } } }
// index refreshed every second, field not eager
```

## Use instead
```json
PUT logs/_mapping
{ "properties": { "host": { "type": "keyword", "eager_global_ordinals": true } } }
// for small filtered sets, "execution_hint": "map" on the terms aggregation
```

## Evidence
The profile's aggregation nodes whose `type` names global ordinals, and their
`breakdown.initialize`, `build_leaf_collector` and `collect`. Options: `min_ratio` (1.0),
`min_setup_ms` (1).

## Known limits
One run; right after a refresh the build is paid once and then cached until the next one.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/terms/
- https://docs.opensearch.org/latest/mappings/mapping-parameters/eager_global_ordinals/
- https://github.com/opensearch-project/OpenSearch/issues/12390
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import MS, anchor, ms

META = RuleMeta(
    id="OS-P09",
    name="global-ordinals-at-query-time",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A terms aggregation spends as long building global ordinals as collecting",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_ratio": 1.0, "min_setup_ms": 1},
)


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    seen: set[str] = set()
    for shard in profile.shards:
        for root in shard.aggregations:
            for agg in root.walk():
                if "GlobalOrdinals" not in agg.type or agg.description in seen:
                    continue
                setup = agg.breakdown.get("initialize", 0) + agg.breakdown.get(
                    "build_leaf_collector", 0
                )
                collect = agg.breakdown.get("collect", 0)
                if setup < ctx.number("min_setup_ms") * MS:
                    continue
                if setup < ctx.number("min_ratio") * collect:
                    continue
                seen.add(agg.description)
                yield META.finding(
                    f"terms aggregation `{agg.description}` spends {ms(setup)} ms setting up "
                    f"global ordinals against {ms(collect)} ms collecting",
                    profile.location,
                    object=profile.index,
                    evidence=Evidence.of(
                        aggregator=agg.type,
                        name=agg.description,
                        setup_ms=ms(setup),
                        collect_ms=ms(collect),
                        shard=shard.id,
                    ),
                    fix=advice(
                        "Map the field with eager_global_ordinals: true (OS-M18), or try "
                        'execution_hint: "map" for small filtered sets'
                    ),
                    anchor=anchor(profile, agg.description),
                )
