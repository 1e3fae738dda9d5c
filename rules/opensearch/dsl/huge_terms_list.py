"""## What it does
Flags a `terms` query with a long list of values: more than 10,000 is a warning, more than
`index.max_terms_count` (65,536) is an error.

## Why is this bad?
Every value is looked up in the term dictionary of every segment on every shard, and the request
itself is large to send, parse and cache. Past `index.max_terms_count` it is rejected.

## Example
```json
GET orders/_search
{ "query": { "terms": { "customer_id": ["c1", "c2", "... 20,000 ids"] } } }
```

## Use instead
```json
GET orders/_search
{ "query": { "terms": { "customer_id": { "index": "lists", "id": "42", "path": "ids" } } } }
```
(a terms lookup), or the bitmap form (`"value_type": "bitmap"`); pass long lists sorted.

## Evidence
The request body only.

## Known limits
Both thresholds are options (`warn_terms`, `max_terms_count`).

## References
- https://docs.opensearch.org/latest/query-dsl/term/terms/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q19",
    name="huge-terms-list",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="terms query with a very long list of values",
    fix_safety=FixSafety.ADVISORY,
    options={"warn_terms": 10000, "max_terms_count": 65536},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "terms"):
        query = visit.query
        if not isinstance(query.value, list) or len(query.value) <= ctx.number("warn_terms"):
            continue
        count = len(query.value)
        over = count > ctx.number("max_terms_count")
        yield report(
            META,
            request,
            query.pointer,
            f"terms on `{query.field}` lists {count} values"
            + ("; more than index.max_terms_count, the request is rejected" if over else ""),
            evidence=Evidence.of(field=query.field, values=count),
            fix=advice("Use a terms lookup or the bitmap form instead of an inline list"),
            severity=Severity.ERROR if over else None,
        )
