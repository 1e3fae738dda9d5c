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
The request body only.

## Known limits
When the `should` clauses are meant as score boosts, the current query is right; the fix
changes which documents match and is unsafe.

## References
- https://docs.opensearch.org/latest/query-dsl/compound/bool/
- https://docs.opensearch.org/latest/query-dsl/minimum-should-match/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report, rewrite_fix
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


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "bool"):
        query = visit.query
        should = query.role_children("should")
        required = query.role_children("must") + query.role_children("filter")
        if not should or not required or "minimum_should_match" in query.params:
            continue
        body = dict(query.raw) if isinstance(query.raw, dict) else {}
        yield report(
            META,
            request,
            f"{query.pointer}/bool/should",
            f"{len(should)} `should` clause(s) next to must/filter without "
            "`minimum_should_match`: documents matching none of them are returned too",
            evidence=Evidence.of(should=len(should), required=len(required)),
            fix=rewrite_fix(
                'Require at least one `should` clause: `"minimum_should_match": 1`',
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {"bool": {**body, "minimum_should_match": 1}},
            ),
        )
