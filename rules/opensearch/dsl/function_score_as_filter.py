"""## What it does
Flags a `function_score` whose every function has a `filter`, with no `min_score`, over no
query or a `match_all` query: the shape of code that expects the function filters to select
documents.

## Why is this bad?
Function filters only decide which function applies to a document. Documents matching no
filter are still returned, with the neutral score 1, so the search returns the whole index,
scores it, and sorts it.

## Example
```json
GET products/_search
{ "query": { "function_score": { "query": { "match_all": {} }, "functions": [
  { "filter": { "term": { "brand": "acme" } }, "weight": 2 },
  { "filter": { "term": { "brand": "zeta" } }, "weight": 1 } ], "score_mode": "max" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "function_score": {
  "query": { "bool": { "should": [ { "term": { "brand": "acme" } },
                                   { "term": { "brand": "zeta" } } ],
                       "minimum_should_match": 1 } },
  "functions": [ { "filter": { "term": { "brand": "acme" } }, "weight": 2 },
                 { "filter": { "term": { "brand": "zeta" } }, "weight": 1 } ],
  "score_mode": "max" } } }
```

## Evidence
The request body only.

## Known limits
The intent cannot be read from the body: returning every document boosted is valid; so the fix
is advice, and the rule stays quiet when a real query or `min_score` narrows the results.

## References
- https://docs.opensearch.org/latest/query-dsl/compound/function-score/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q35",
    name="function-score-as-filter",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="function_score filters do not exclude documents",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "function_score"):
        query = visit.query
        functions = query.param("functions")
        if not isinstance(functions, list) or not functions or "min_score" in query.params:
            continue
        if not all(isinstance(f, dict) and "filter" in f for f in functions):
            continue
        inner = query.role_children("query")
        if inner and inner[0].kind != "match_all":
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"function_score with {words.count(len(functions), 'filtered function')} and no "
            f"query: documents "
            "matching no filter are still returned (score 1)",
            evidence=Evidence.of(functions=len(functions)),
            fix=advice(
                "Select documents in `query` (a `bool` with `minimum_should_match`) and keep "
                "the functions for scoring"
            ),
        )
