"""## What it does
Flags a `term` or `terms` value longer than the `ignore_above` of the keyword field it is
compared with (dynamic mappings set 256 on `.keyword` sub-fields).

## Why is this bad?
Values longer than `ignore_above` are kept in `_source` but not indexed, so an exact match on
such a value can never find the document: the query silently returns nothing.

## Example
```json
GET logs-*/_search
{ "query": { "term": { "url.keyword": "https://example.com/... (300 characters)" } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "match_phrase": { "url": "https://example.com/... (300 characters)" } } }
```
or raise `ignore_above` on the field (and reindex).

## Evidence
The index mapping (`ignore_above`) and the request body.

## Known limits
`ignore_above` counts characters; the rule does too.

## References
- https://docs.opensearch.org/latest/mappings/mapping-parameters/ignore-above/
- https://docs.opensearch.org/latest/mappings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, as_list, number, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M06",
    name="value-over-ignore-above",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Exact match on a value longer than the field's ignore_above",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "term", "terms"):
        query = visit.query
        info = ctx.field(query.field)
        limit = number(info.params.get("ignore_above")) if info is not None else None
        if info is None or limit is None:
            continue
        values = as_list(query.value) if query.kind == "terms" else [query.value]
        long_values = [v for v in values if isinstance(v, str) and len(v) > limit]
        if not long_values:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"value of {len(long_values[0])} characters on `{query.field}`, whose ignore_above "
            f"is {int(limit)}: such values are not indexed and never match",
            evidence=Evidence.of(
                field=query.field, length=len(long_values[0]), ignore_above=int(limit)
            ),
            fix=advice("Query the text field, or raise `ignore_above` and reindex"),
        )
