"""## What it does
Flags `term`, `prefix`, `wildcard` and `regexp` queries with `"case_insensitive": true`.

## Why is this bad?
Case-insensitive matching is done with an automaton over every case variant of the value; on
2.x its size can grow exponentially with the length of the input, costing CPU and heap on each
shard, where a lowercase normalizer makes the same match a plain term lookup.

## Example
```json
GET products/_search
{ "query": { "term": { "brand": { "value": "ACME", "case_insensitive": true } } } }
```

## Use instead
```json
GET products/_search
{ "query": { "term": { "brand": "acme" } } }
```
with `brand` mapped as `keyword` with a `lowercase` normalizer.

## Evidence
The request body only.

## Known limits
The fix needs a mapping change and a reindex, so it is advice.

## References
- https://docs.opensearch.org/latest/query-dsl/term/term/
- https://docs.opensearch.org/latest/analyzers/normalizers/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q21",
    name="case-insensitive-term",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="case_insensitive term-level query builds a large automaton",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "term", "prefix", "wildcard", "regexp"):
        query = visit.query
        if query.param("case_insensitive") is not True:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"case_insensitive `{query.kind}` on `{query.field}` matches through an automaton "
            "of every case variant",
            evidence=Evidence.of(field=query.field, clause=query.kind),
            fix=advice(
                "Lowercase at index time (keyword `normalizer` with `lowercase`) and lowercase "
                "the query value"
            ),
        )
