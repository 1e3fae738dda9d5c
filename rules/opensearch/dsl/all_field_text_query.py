"""## What it does
Flags `query_string`, `simple_query_string` and `multi_match` queries that name no `fields`
(and no `default_field`).

## Why is this bad?
Without fields the query runs over `index.query.default_field`, which defaults to `*`: every
eligible field of the index. Each term becomes one clause per field, multiplying work and
pushing the query toward the 1,024-clause limit; scores also mix fields that were never meant
to be searched.

## Example
```json
GET products/_search
{ "query": { "multi_match": { "query": "red shoes" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "multi_match": { "query": "red shoes", "fields": ["title^3", "description"] } } }
```

## Evidence
The request body only. A `query_string` whose every term names its field
(`status:active AND code:[500 TO 599]`, as dashboards write filters) never reaches the default
fields and is not flagged; neither is an empty query or `*`, which searches no field.

## Known limits
An index whose `index.query.default_field` setting already names a few fields is fine; the rule
cannot see index settings. In filter context (no scores), only the number of fields searched
matters, which that setting governs; log shippers' index templates set it, and dashboards' free
text search is sent this way, so such a finding is `info` with that "why you may not care".

## References
- https://docs.opensearch.org/latest/query-dsl/full-text/multi-match/
- https://docs.opensearch.org/latest/query-dsl/full-text/query-string/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.querystring import has_unqualified_term
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q06",
    name="all-field-text-query",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Text query without fields runs over every field of the index",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "query_string", "simple_query_string", "multi_match"):
        query = visit.query
        if query.param("fields") or query.param("default_field"):
            continue
        text = query.param("query")
        if isinstance(text, str):
            if not text.strip():
                continue  # an empty query searches no field
            if query.kind == "query_string" and not has_unqualified_term(text):
                continue
        note = (
            " (why you may not care: in filter context nothing is scored, and an index whose "
            "`index.query.default_field` names its fields keeps the search narrow)"
            if visit.filter_context
            else ""
        )
        what = (
            "its terms without a `field:` prefix search"
            if query.kind == "query_string"
            else "it searches"
        )
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` names no fields, so {what} `index.query.default_field` "
            f"(every field by default){note}",
            evidence=Evidence.of(clause=query.kind, filter_context=visit.filter_context),
            severity=Severity.INFO if visit.filter_context else None,
            fix=advice('List the fields to search, e.g. `"fields": ["title^3", "body"]`'),
        )
