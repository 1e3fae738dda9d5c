"""## What it does
Flags a yes/no clause (term, terms, range, exists) in the scoring part (`must`) of a profiled
bool query whose iterator visits many more documents than the search returns.

## Why is this bad?
In `must` the clause is scored and its results are not cached; a low-selectivity clause there
makes the query iterate and score large numbers of documents. In `filter` it is unscored,
cacheable, and can be skipped over with `advance`.

## Example
```json
{ "query": { "bool": { "must": [ { "match": { "name": "steel" } },
                                  { "term": { "category": "garden" } } ] } } }
```

## Use instead
```json
{ "query": { "bool": { "must": [ { "match": { "name": "steel" } } ],
                       "filter": [ { "term": { "category": "garden" } } ] } } }
```

## Evidence
The profile's bool node description (`+` marks required scoring clauses, `#` filters) and each
child's `next_doc_count` + `advance_count` against the search's total hits. Options:
`min_ratio` (10), `min_iterations` (1000).

## Known limits
Recognises yes/no clauses by their Lucene type; a deliberate scoring term is reported too. The
rewritten request (fix safety: unsafe) keeps the same hits but no longer scores the clause.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/query-dsl/query-filter-context/
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from advisor.dsl.rulekit import advice, body_fix
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsProfile
from rules.opensearch.profile._common import anchor, move_to_filter, short, slowest_shard_root

META = RuleMeta(
    id="OS-P06",
    name="low-selectivity-scoring-clause",
    family="opensearch.profile",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A scored yes/no clause iterates far more documents than the search returns",
    fix_safety=FixSafety.UNSAFE,
    live=True,
    options={"min_ratio": 10, "min_iterations": 1000},
)

YES_NO_TYPES = frozenset(
    {"TermQuery", "TermInSetQuery", "PointRangeQuery", "IndexOrDocValuesQuery",
     "FieldExistsQuery", "DocValuesFieldExistsQuery", "NormsFieldExistsQuery",
     "PointInSetQuery", "IndexSortSortedNumericDocValuesRangeQuery"}
)  # fmt: skip


def check(profile: OsProfile, ctx: OsContext) -> Iterator[Finding]:
    found = slowest_shard_root(profile)
    if found is None:
        return
    shard, root = found
    hits = max(profile.hits or 0, 1)
    for node in root.walk():
        if node.type != "BooleanQuery":
            continue
        for child in node.children:
            if child.type not in YES_NO_TYPES or f"+{child.description}" not in node.description:
                continue
            visits = child.breakdown.get("next_doc_count", 0) + child.breakdown.get(
                "advance_count", 0
            )
            if visits < ctx.number("min_iterations") or visits < ctx.number("min_ratio") * hits:
                continue
            yield META.finding(
                f"scored {child.type} `{short(child.description, 60)}` visits {visits:,} "
                f"documents for {profile.hits or 0:,} hits; it belongs in bool.filter",
                profile.location,
                object=profile.index,
                evidence=Evidence.of(
                    type=child.type,
                    description=short(child.description, 200),
                    iterations=visits,
                    hits=profile.hits,
                    shard=shard.id,
                ),
                fix=_fix(profile, child.description),
                anchor=anchor(profile, child.description),
            )


def _fix(profile: OsProfile, description: str) -> Fix:
    """The request with the clause moved to bool.filter, when the field can be found in it."""
    field = description.split(":", 1)[0].lstrip("+#")
    rewritten = move_to_filter(json.loads(profile.body), field) if field else None
    title = f"Move the clause on `{field}` from bool.must to bool.filter (OS-Q17)"
    if rewritten is None:
        return advice(title)
    return body_fix(title, FixSafety.UNSAFE, rewritten)
