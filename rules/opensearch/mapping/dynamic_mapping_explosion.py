"""## What it does
Flags a request on an index whose mapping leaves `dynamic` absent or `true` while it already
holds at least 80% of `index.mapping.total_fields.limit` (1,000) fields. Reported once per file
and index.

## Why is this bad?
With dynamic mapping every new key in a document adds a field: cluster state grows, every node
applies the change, and at the limit indexing fails. Mappings near the limit are usually fed
free-form maps (labels, headers, user attributes).

## Example
```json
{ "logs": { "mappings": { "properties": {
  "labels": { "properties": { "...": "900 fields" } } } } } }
```

## Use instead
```json
{ "logs": { "mappings": { "dynamic": "strict", "properties": {
  "labels": { "type": "flat_object" } } } } }
```
or `"dynamic": false`, or dynamic templates.

## Evidence
The index mapping only (field count, `dynamic`).

## Known limits
Multi-fields are counted like other fields, as OpenSearch does. The limit and share are options
(`total_fields_limit`, `share`).

## References
- https://docs.opensearch.org/latest/mappings/mapping-explosion/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M15",
    name="dynamic-mapping-explosion",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Dynamic mapping close to the total fields limit",
    fix_safety=FixSafety.ADVISORY,
    options={"total_fields_limit": 1000, "share": 0.8},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    mapping = ctx.mapping
    if mapping is None or mapping.dynamic not in (None, True, "true"):
        return
    limit = ctx.number("total_fields_limit")
    if mapping.field_count < limit * ctx.number("share"):
        return
    earlier = next((r for r in ctx.file_requests if r.indices == request.indices), request)
    if earlier is not request:
        return
    yield report(
        META,
        request,
        None,
        f"the mapping of {', '.join(request.indices)} has {mapping.field_count} fields of "
        f"{int(limit)} allowed and dynamic mapping is on",
        evidence=Evidence.of(fields=mapping.field_count, limit=int(limit)),
        fix=advice('Set `"dynamic": "strict"` (or false) and use `flat_object` for free-form maps'),
    )
