"""## What it does
Flags sorting on a `text` field, and `terms`, `cardinality`, `significant_terms`, `rare_terms`
and `multi_terms`-style aggregations on a `text` field.

## Why is this bad?
Text fields have no doc values. Without `fielddata: true` the request fails; with it, the field's
tokens are un-inverted into heap memory (guarded by the fielddata breaker) and the buckets are
tokens (`new`, `york`), not values (`New York`).

## Example
```json
GET products/_search
{ "size": 0, "aggs": { "categories": { "terms": { "field": "category" } } } }
```

## Use instead
```json
GET products/_search
{ "size": 0, "aggs": { "categories": { "terms": { "field": "category.keyword" } } } }
```

## Evidence
The index mapping (type, `fielddata`, multi-fields) and the request body.

## Known limits
With `fielddata: true` the request works and is reported as high; without it as an error.

## References
- https://docs.opensearch.org/latest/aggregations/
- https://docs.opensearch.org/latest/mappings/supported-field-types/text/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.mapping import KEYWORD_TYPES, FieldInfo
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, body_fix, field_uses, get_at, report, rewrite
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M04",
    name="sort-or-agg-on-text",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Sort or aggregation on a text field",
    fix_safety=FixSafety.SAFE,
)

_AGGS = frozenset({"terms", "cardinality", "significant_terms", "rare_terms", "value_count"})


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or ctx.mapping is None:
        return
    for use in field_uses(search):
        if use.role == "sort" or (use.role == "agg" and use.kind in _AGGS):
            info = ctx.field(use.field)
            if info is None or info.type != "text":
                continue
            fielddata = info.params.get("fielddata") is True
            what = "sort" if use.role == "sort" else f"`{use.kind}` aggregation"
            yield report(
                META,
                request,
                use.pointer,
                f"{what} on text field `{use.field}` "
                + (
                    "loads its tokens into heap (fielddata)"
                    if fielddata
                    else "fails: text fields have no doc values"
                ),
                evidence=Evidence.of(field=use.field, fielddata=fielddata, used_by=use.kind),
                fix=_fix(request, ctx, use.pointer, use.role, info),
                severity=None if fielddata else Severity.ERROR,
            )


def _fix(request: DslRequest, ctx: DslContext, pointer: str, role: str, info: FieldInfo) -> Fix:
    sub = info.sub_field(ctx.mapping, KEYWORD_TYPES) if ctx.mapping else None
    if sub is None:
        return advice(f"Add a keyword sub-field to `{info.path}` and use it")
    if role == "agg":
        body = rewrite(request, pointer, sub.path)
    else:
        parent, _, _ = pointer.rpartition("/")
        item = get_at(request.value, parent) if parent else None
        if isinstance(item, dict):
            renamed = {(sub.path if k == info.path else k): v for k, v in item.items()}
            body = rewrite(request, parent, renamed)
        else:
            body = rewrite(request, pointer, sub.path)
    return body_fix(f"Use the keyword sub-field `{sub.path}`", FixSafety.SAFE, body)
