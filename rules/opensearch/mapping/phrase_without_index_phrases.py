"""## What it does
Flags `match_phrase` queries on a `text` field whose mapping does not set
`"index_phrases": true`.

## Why is this bad?
A phrase query reads the positions of every term and checks their order document by document.
With `index_phrases` two-term shingles are indexed, so common phrases become plain term lookups.

## Example
```json
GET products/_search
{ "query": { "match_phrase": { "description": "stainless steel" } } }
```

## Use instead
Map `description` with `"index_phrases": true` (and reindex); the query stays the same.

## Evidence
The index mapping (type, `index_phrases`) and the request body.

## Known limits
Worth it for phrases that are searched often; one request cannot show frequency, so the
finding is `info`. The index grows.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
- https://docs.opensearch.org/latest/mappings/supported-field-types/text/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M10",
    name="phrase-without-index-phrases",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Phrase search on a text field without index_phrases",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "match_phrase"):
        query = visit.query
        info = ctx.field(query.field)
        if info is None or info.type != "text" or info.params.get("index_phrases") is True:
            continue
        if not isinstance(query.value, str) or len(query.value.split()) < 2:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"phrase search on `{query.field}` checks positions per document; "
            "the field has no `index_phrases` (why you may not care: it pays off only for "
            "two-word phrases searched often, and it grows the index)",
            evidence=Evidence.of(field=query.field),
            severity=Severity.INFO,
            fix=advice('Map the field with `"index_phrases": true`'),
        )
