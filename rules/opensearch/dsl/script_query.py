"""## What it does
Flags every `script` query, in query or filter context.

## Why is this bad?
A script query cannot use the index: it runs the script for every candidate document, loading
doc values as it goes. Its cost grows with the number of documents the rest of the query lets
through, and it is among the expensive queries blocked when
`search.allow_expensive_queries` is false.

## Example
```json
GET orders/_search
{ "query": { "bool": { "filter": { "script": { "script": {
  "source": "doc['price'].value * doc['qty'].value > params.min",
  "params": { "min": 100 } } } } } } }
```

## Use instead
```json
GET orders/_search
{ "query": { "bool": { "filter": { "range": { "total": { "gt": 100 } } } } } }
```
with `total` computed at index time (an ingest pipeline `script` processor).

## Evidence
The request body only.

## Known limits
The rule cannot tell whether other clauses already narrow the candidates to a few documents,
where a script is cheap enough.

## References
- https://docs.opensearch.org/latest/query-dsl/specialized/script/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q08",
    name="script-query",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Script query runs per document and cannot use the index",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "script"):
        query = visit.query
        script = query.value
        source = script.get("source") if isinstance(script, dict) else script
        yield report(
            META,
            request,
            query.pointer,
            "script query runs its script for every candidate document",
            evidence=Evidence.of(
                source=str(source)[:200] if source is not None else None,
                context="filter" if visit.filter_context else "query",
            ),
            fix=advice(
                "Compute the value at index time (ingest pipeline) and query it with "
                "`range` or `term`"
            ),
        )
