"""## What it does
Flags a `multi_match` of type `best_fields` (the default) or `most_fields` with
`"operator": "and"` or a `minimum_should_match`.

## Why is this bad?
In these types the operator applies inside each field separately: "all terms" means all terms
in one single field. A document with `red` in the title and `shoes` in the description does not
match `red shoes` with `operator: and`, which is rarely what was meant, and the query falls back
to returning fewer, odder results.

## Example
```json
GET products/_search
{ "query": { "multi_match": { "query": "red shoes", "fields": ["title", "description"],
                              "operator": "and" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "multi_match": { "query": "red shoes", "fields": ["title", "description"],
                              "operator": "and", "type": "cross_fields" } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): `cross_fields` scores terms across fields, so hits and their order may
change. The edit replaces only the `multi_match` clause.

## Evidence
The request body only.

## Known limits
When per-field matching is intended the query is right; the rewrite changes matches (unsafe).

## References
- https://docs.opensearch.org/latest/query-dsl/full-text/multi-match/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q36",
    name="multi-match-per-field-operator",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="multi_match operator/minimum_should_match applies per field",
    fix_safety=FixSafety.UNSAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "multi_match"):
        query = visit.query
        kind = query.param("type", "best_fields")
        if kind not in ("best_fields", "most_fields"):
            continue
        operator = str(query.param("operator", "or")).lower()
        if operator != "and" and "minimum_should_match" not in query.params:
            continue
        setting = "operator: and" if operator == "and" else "minimum_should_match"
        body = dict(query.raw) if isinstance(query.raw, dict) else {}
        yield report(
            META,
            request,
            query.pointer,
            f"multi_match `{kind}` applies {setting} within each field, not across fields",
            evidence=Evidence.of(type=kind, setting=setting),
            fix=rewrite_fix(
                'Use `"type": "cross_fields"` to require the terms across fields',
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {"multi_match": {**body, "type": "cross_fields"}},
            ),
        )
