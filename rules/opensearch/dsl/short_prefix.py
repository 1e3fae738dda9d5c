"""## What it does
Flags prefix matching on a very short prefix: a `prefix` value, or the last term of a
`match_phrase_prefix`/`match_bool_prefix` text, shorter than 3 characters.

## Why is this bad?
A one- or two-character prefix expands to a large share of the field's terms, each becoming a
clause (bounded by `max_expansions`), so the query is slow and its results arbitrary.

## Example
```json
GET products/_search
{ "query": { "prefix": { "title": "a" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "prefix": { "title": "ada" } } }
```
(require 3 characters in the UI), or map `index_prefixes` or `search_as_you_type` (OS-M09).

## Evidence
The request body only.

## Known limits
Template values (`{{q}}`) are not checked; the minimum is the option `min_chars`.

## References
- https://docs.opensearch.org/latest/query-dsl/term/prefix/
- https://docs.opensearch.org/latest/query-dsl/full-text/match-phrase-prefix/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, is_template, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q22",
    name="short-prefix",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Prefix shorter than 3 characters expands to many terms",
    fix_safety=FixSafety.ADVISORY,
    options={"min_chars": 3},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    minimum = ctx.number("min_chars")
    for visit in queries(request, "prefix", "match_phrase_prefix", "match_bool_prefix"):
        query = visit.query
        if not isinstance(query.value, str) or is_template(query.value):
            continue
        words = query.value.split()
        prefix = query.value if query.kind == "prefix" else (words[-1] if words else "")
        if len(prefix) >= minimum:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` on `{query.field}` expands the {len(prefix)}-character prefix "
            f"`{prefix}` to many terms",
            evidence=Evidence.of(field=query.field, prefix=prefix),
            fix=advice(
                f"Require at least {int(minimum)} characters, or map `index_prefixes` / "
                "`search_as_you_type`"
            ),
        )
