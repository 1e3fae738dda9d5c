"""## What it does
Flags a `bool` whose required clauses (`must`/`filter`) put two or more conditions on different
sub-fields of the same `object` path (not `nested`), such as `items.sku` and `items.qty`.

## Why is this bad?
Arrays of objects are flattened: `items.sku` and `items.qty` become two independent lists. The
query "an item with sku A and qty > 5" then also matches a document with sku A in one item and
qty 10 in another: wrong results, silently.

## Example
```json
GET orders/_search
{ "query": { "bool": { "filter": [ { "term": { "items.sku": "A-1" } },
                                   { "range": { "items.qty": { "gt": 5 } } } ] } } }
```

## Use instead
```json
GET orders/_search
{ "query": { "nested": { "path": "items", "query": { "bool": { "filter": [
  { "term": { "items.sku": "A-1" } }, { "range": { "items.qty": { "gt": 5 } } } ] } } } } }
```
with `items` mapped as `nested` (and reindexed).

## Evidence
The index mapping (object and nested paths) and the request body.

## Known limits
A mapping does not say whether an object holds an array; with single objects the query is
correct, and most objects (ECS `user_agent`, `event`, `host`...) hold one per document. So the
finding is `info`, with that "why you may not care" in its message.

## References
- https://docs.opensearch.org/latest/mappings/supported-field-types/nested/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M11",
    name="object-array-cross-match",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Several conditions on one object path can match different array elements",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "bool"):
        if visit.parent is not None and visit.parent.kind == "nested":
            continue
        required = visit.query.role_children("must") + visit.query.role_children("filter")
        groups: dict[str, set[str]] = {}
        for child in required:
            if child.field is None or "." not in child.field:
                continue
            info = ctx.field(child.field)
            if info is None or info.nested_paths or info.parent_field:
                continue
            parent = child.field.rsplit(".", 1)[0]
            holder = ctx.field(parent)
            if holder is not None and holder.type == "object":
                groups.setdefault(parent, set()).add(child.field)
        for path, fields in groups.items():
            if len(fields) < 2:
                continue
            yield report(
                META,
                request,
                visit.query.pointer,
                f"conditions on {', '.join(sorted(fields))} can be met by different elements "
                f"of `{path}` if documents hold an array of them (why you may not care: with "
                "one object per document they cannot)",
                evidence=Evidence.of(path=path, fields=len(fields)),
                severity=Severity.INFO,
                fix=advice(f"Map `{path}` as `nested` and wrap the conditions in a `nested` query"),
            )
