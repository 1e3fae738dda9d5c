"""## What it does
Flags `match` and `match_phrase` queries on a field mapped as `keyword`.

## Why is this bad?
A keyword field is not analysed, so a full-text query on it is an exact, case-sensitive match of
the whole value: `match` for `red shoes` finds only the value `red shoes`. It works, but it
scores and reads like a text search, which misleads readers and is not cached as a filter.

## Example
```json
GET products/_search
{ "query": { "match": { "brand": "Acme" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "bool": { "filter": { "term": { "brand": "Acme" } } } } }
```
or add a `normalizer` (lowercase) or a `text` sub-field when case-insensitive search is meant.

## Evidence
The index mapping (field type) and the request body.

## Known limits
The fix is advice: whether exact or full-text matching is meant is a product decision. On a
keyword field the query runs as a `term` query at the same cost, so only a `match` of several
words (which reads as if it expected analysis) is `low`; a one-word value or a `match_phrase`
in a scored clause is `info` (why you may not care: it finds exactly that value, which is
usually what was meant); in filter context (how dashboards write a filter on a value: cached,
unscored, exact by intent) it is not reported.

## References
- https://docs.opensearch.org/latest/query-dsl/term-vs-full-text/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M02",
    name="match-on-keyword",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Full-text query on a keyword field is an exact match",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "match", "match_phrase"):
        query = visit.query
        info = ctx.field(query.field)
        if info is None or info.type != "keyword":
            continue
        value = query.value
        words = query.kind == "match" and isinstance(value, str) and len(value.split()) > 1
        if visit.filter_context and not words:
            continue  # a filter on one value: cached, unscored, and exact is what it means
        note = (
            ""
            if words
            else " (why you may not care: it runs as a `term` query, at the same cost, and "
            "finds exactly this value)"
        )
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` on keyword field `{query.field}` is an exact, case-sensitive "
            f"match{note}",
            evidence=Evidence.of(field=query.field, type=info.type),
            severity=None if words else Severity.INFO,
            fix=advice(
                "Use `term` in `bool.filter`, or add a lowercase normalizer or text sub-field"
            ),
        )
