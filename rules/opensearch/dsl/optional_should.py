"""## What it does
Flags a `bool` with `should` clauses next to `must` or `filter` clauses and no
`minimum_should_match`.

## Why is this bad?
With a `must` or `filter` present, `minimum_should_match` defaults to 0: the `should` clauses
only raise the score, and documents matching none of them are returned too. Code written as
"must be X, and A or B" silently returns documents with neither A nor B.

## Example
```json
GET products/_search
{ "query": { "bool": { "filter": [ { "term": { "brand": "acme" } } ],
  "should": [ { "term": { "color": "red" } }, { "term": { "color": "blue" } } ] } } }
```

## Use instead
```json
GET products/_search
{ "query": { "bool": { "filter": [ { "term": { "brand": "acme" } } ],
  "should": [ { "term": { "color": "red" } }, { "term": { "color": "blue" } } ],
  "minimum_should_match": 1 } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): `minimum_should_match: 1` makes the `should` clauses required, which is
the intent this rule assumes; a query that meant them as score boosts returns more hits without it.
The edit replaces only the `bool` clause.

## Evidence
The request body only. Where nothing is scored (the `bool` sits in filter context, or the
request returns no hits or sorts them by fields only), such `should` clauses do nothing at all,
which is certainly not what was meant: `high`. Where hits are scored, yes/no clauses (`term`,
`terms`, `range`, `exists`, `ids` without a `boost`) read as a condition and stay `high`; other
`should` clauses next to `must`/`filter` are how a score boost is written, so that finding is
`info` (why you may not care: it matters only if "at least one of" was meant). `should`
clauses that only boost by nature (`distance_feature`, `rank_feature`) are not reported.

## Known limits
When the `should` clauses are meant as score boosts, the current query is right; the fix
changes which documents match and is unsafe.

## References
- https://docs.opensearch.org/latest/query-dsl/compound/bool/
- https://docs.opensearch.org/latest/query-dsl/minimum-should-match/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report, rewrite_fix, scores_computed
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q18",
    name="optional-should",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="should next to must/filter without minimum_should_match only boosts",
    fix_safety=FixSafety.UNSAFE,
)


# Clauses that match or do not: as the only `should` clauses they read as a condition.
_YES_NO = frozenset({"term", "terms", "range", "exists", "ids"})
# Clauses that exist to add to the score; as `should` they are boosts by design.
_BOOSTERS = frozenset({"distance_feature", "rank_feature"})


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    scored = scores_computed(request)
    for visit in queries(request, "bool"):
        query = visit.query
        should = query.role_children("should")
        required = query.role_children("must") + query.role_children("filter")
        if not should or not required or "minimum_should_match" in query.params:
            continue
        if all(q.kind in _BOOSTERS for q in should):
            continue
        body = dict(query.raw) if isinstance(query.raw, dict) else {}
        conditions = all(q.kind in _YES_NO and "boost" not in q.params for q in should)
        boost = scored and not visit.filter_context and not conditions
        if not scored or visit.filter_context:
            effect = "nothing is scored here, so they do nothing at all"
        elif boost:
            effect = (
                "they only raise scores (why you may not care: that is how a boost is written; "
                "it matters only if at least one was meant to match)"
            )
        else:
            effect = "they only raise scores"
        yield report(
            META,
            request,
            f"{query.pointer}/bool/should",
            f"{words.count(len(should), '`should` clause')} next to must/filter without "
            f"`minimum_should_match`: documents matching none of them are returned too, and "
            f"{effect}",
            evidence=Evidence.of(should=len(should), required=len(required), boost=boost),
            severity=Severity.INFO if boost else None,
            fix=rewrite_fix(
                'Require at least one `should` clause: `"minimum_should_match": 1`',
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {"bool": {**body, "minimum_should_match": 1}},
            ),
        )
