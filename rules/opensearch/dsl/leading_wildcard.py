"""## What it does
Flags a `wildcard` query whose pattern starts with `*` or `?`, in the short form
(`{"wildcard": {"sku": "*-123"}}`) or the long form (`"value"` or `"wildcard"` key).

## Why is this bad?
A term-level pattern is matched against the field's term dictionary from its first character.
With a leading wildcard there is no prefix to seek to, so every term of the field on every shard
is scanned; the cost grows with the number of distinct values, not with the number of hits.

## Example
```json
GET products/_search
{ "query": { "wildcard": { "sku": "*-123" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "wildcard": { "sku.wc": "*-123" } } }
```
with `sku.wc` mapped as the `wildcard` field type (2.15+); or index a reversed sub-field and
query it with `prefix`, or an n-gram sub-field queried with `match` for "contains" search.

## Fix safety
Safe when the mapping names a `wildcard`-typed sub-field: `--fix` queries that sub-field with the
same pattern, which matches the same documents. Without such a sub-field the fix stays advice. The
edit replaces only the clause.

## Evidence
The request body; with a mapping, whether the field already has a `wildcard`-typed
sub-field (then the fix rewrites the query to use it).

## Known limits
Patterns built by application code (`"*{{q}}"`) are flagged only when the leading wildcard is
in the literal part. A field the mapping types as `wildcard` is not flagged: its n-gram index
is made for such patterns (it is what the fix queries). `query_string` wildcards are OS-Q05.

## References
- https://docs.opensearch.org/latest/query-dsl/term/wildcard/
- https://docs.opensearch.org/latest/mappings/supported-field-types/wildcard/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.mapping import FieldInfo
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, leading_wildcard, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q01",
    name="leading-wildcard",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Wildcard pattern starting with * or ? scans every term of the field",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "wildcard"):
        query = visit.query
        if query.field is None or not leading_wildcard(query.value):
            continue
        info = ctx.field(query.field)
        if info is not None and info.type == "wildcard":
            continue  # the `wildcard` field type is built for such patterns: the remedy itself
        yield report(
            META,
            request,
            query.pointer,
            f"wildcard pattern `{query.value}` on `{query.field}` starts with a wildcard; "
            "every term of the field is scanned",
            evidence=Evidence.of(field=query.field, pattern=str(query.value)),
            fix=_fix(request, ctx, query.pointer, query.field, query.raw),
        )


def _fix(request: DslRequest, ctx: DslContext, pointer: str, name: str, raw: object) -> Fix:
    info = ctx.field(name)
    sub: FieldInfo | None = (
        info.sub_field(ctx.mapping, frozenset({"wildcard"})) if info and ctx.mapping else None
    )
    if sub is None or not isinstance(raw, dict):
        return advice(
            f"Map `{name}` (or a sub-field) as the `wildcard` type and query that field, "
            "or use a reversed sub-field with `prefix`"
        )
    clause = {sub.path if k == name else k: v for k, v in raw.items()}
    return rewrite_fix(
        f"Query the `wildcard`-typed sub-field `{sub.path}`",
        FixSafety.SAFE,
        request,
        pointer,
        {"wildcard": clause},
    )
