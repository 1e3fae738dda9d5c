"""## What it does
Flags the use, in a sort, aggregation or query, of a `text` field whose mapping sets
`"fielddata": true`.

## Why is this bad?
Fielddata un-inverts the field into heap memory on first use, per segment, and keeps it there;
it is guarded by the fielddata circuit breaker (40% of heap by default). A popular sort or
aggregation on such a field pins large amounts of heap and can trip the breaker.

## Example
```json
PUT products
{ "mappings": { "properties": { "tags": { "type": "text", "fielddata": true } } } }

GET products/_search
{ "size": 0, "aggs": { "tags": { "terms": { "field": "tags" } } } }
```

## Use instead
```json
PUT products
{ "mappings": { "properties": { "tags": { "type": "text",
  "fields": { "keyword": { "type": "keyword" } } } } } }

GET products/_search
{ "size": 0, "aggs": { "tags": { "terms": { "field": "tags.keyword" } } } }
```

## Evidence
The index mapping (`fielddata` on text fields) and the fields the request uses.

## Known limits
The rule reports at the requests that use the field, not at the mapping file itself. If the
fielddata is unavoidable, add a `fielddata_frequency_filter`.

## References
- https://docs.opensearch.org/latest/search-plugins/caching/field-data-cache/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, field_uses, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M05",
    name="fielddata-enabled",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Request uses a text field mapped with fielddata: true",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or ctx.mapping is None:
        return
    seen: set[str] = set()
    for use in field_uses(search):
        info = ctx.field(use.field)
        if info is None or not info.is_text or info.params.get("fielddata") is not True:
            continue
        if use.field in seen:
            continue
        seen.add(use.field)
        yield report(
            META,
            request,
            use.pointer,
            f"`{use.field}` is mapped with fielddata: true; using it loads its tokens into heap",
            evidence=Evidence.of(field=use.field, used_by=use.kind),
            fix=advice(
                "Replace fielddata with a keyword sub-field; if unavoidable add "
                "`fielddata_frequency_filter`"
            ),
        )
