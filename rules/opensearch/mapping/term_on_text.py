"""## What it does
Flags term-level queries (`term`, `terms`, `prefix`, `wildcard`, `regexp`, `fuzzy`) on a field
mapped as `text`.

## Why is this bad?
A `text` field is analysed: `Active` is indexed as the token `active`, and a multi-word value as
separate tokens. Term-level queries do not analyse their input, so `{"term": {"status":
"Active"}}` matches nothing, silently; prefix and wildcard queries match single tokens, not the
value.

## Example
```json
GET products/_search
{ "query": { "term": { "status": "Active" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "term": { "status.keyword": "Active" } } }
```
or a full-text `match` query on `status`.

## Fix safety
Unsafe (`--unsafe-fixes`): querying the keyword sub-field matches the exact value, where the
analysed text field matched tokens. The edit replaces only the clause.

## Evidence
The index mapping (field type and its multi-fields) and the request body.

## Known limits
A term query with an already-lowercased single token does match on `text`; it is still flagged,
since the keyword sub-field is what the query means. The fix uses a `keyword` sub-field when the
mapping has one; the results change (that is the point), so it is unsafe.

## References
- https://docs.opensearch.org/latest/query-dsl/term/term/
- https://docs.opensearch.org/latest/query-dsl/term-vs-full-text/
- https://github.com/opensearch-project/query-insights/issues/532
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.mapping import KEYWORD_TYPES
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M01",
    name="term-on-text",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Term-level query on an analysed text field",
    fix_safety=FixSafety.UNSAFE,
)

_KINDS = ("term", "terms", "prefix", "wildcard", "regexp", "fuzzy")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, *_KINDS):
        query = visit.query
        info = ctx.field(query.field)
        if info is None or not info.is_text or query.field is None:
            continue
        sub = info.sub_field(ctx.mapping, KEYWORD_TYPES)
        if sub is not None and isinstance(query.raw, dict):
            clause = {(sub.path if k == query.field else k): v for k, v in query.raw.items()}
            fix = rewrite_fix(
                f"Query the keyword sub-field `{sub.path}`",
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {query.kind: clause},
            )
        else:
            fix = advice(f"Use a full-text `match` on `{query.field}`, or add a keyword sub-field")
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` on `{query.field}`, a `{info.type}` field: the value is compared "
            "with analysed tokens and usually matches nothing",
            evidence=Evidence.of(
                field=query.field, type=info.type, keyword=sub.path if sub else None
            ),
            fix=fix,
        )
