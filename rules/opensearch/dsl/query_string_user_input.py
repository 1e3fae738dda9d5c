"""## What it does
Flags a `query_string` query whose query text is filled in by application code: a template
value such as `{{q}}`, `{{#toJson}}q{{/toJson}}`, `$q`, `${q}` or `<query>` in the request body.

## Why is this bad?
`query_string` has a full syntax (fields, boolean operators, wildcards, regular expressions)
and rejects malformed input with an error. Fed with what users type, it fails on a stray
quote or bracket and lets users run expensive wildcard and regexp queries.
`simple_query_string` accepts the same everyday syntax and silently drops invalid parts.

## Example
```json
GET products/_search
{ "query": { "query_string": { "query": "{{q}}", "fields": ["title"] } } }
```

## Use instead
```json
GET products/_search
{ "query": { "simple_query_string": { "query": "{{q}}", "fields": ["title"],
                                      "default_operator": "and" } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): `simple_query_string` reads the query syntax differently (and never
fails on it). The edit replaces only the clause.

## Evidence
The request body only: the query text must look like a template value.

## Known limits
The rule cannot see application code: a literal query text that the application replaces
before sending is not recognised, and a template value that only ever holds trusted input is
still flagged. The rewrite changes the accepted syntax (no field names or regexps), so it is
unsafe.

## References
- https://docs.opensearch.org/latest/query-dsl/full-text/simple-query-string/
- https://docs.opensearch.org/latest/query-dsl/full-text/query-string/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, is_template, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q07",
    name="query-string-user-input",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="query_string fed with end-user text",
    fix_safety=FixSafety.UNSAFE,
)

_KEPT = ("query", "fields", "default_operator", "analyzer", "lenient", "boost", "_name")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "query_string"):
        query = visit.query
        if not is_template(query.value):
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"query_string takes its text from `{query.value}`; user input with a stray "
            "quote or bracket makes the request fail",
            evidence=Evidence.of(query=str(query.value)),
            fix=rewrite_fix(
                "Use `simple_query_string`, which ignores invalid syntax",
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {"simple_query_string": _params(query.params)},
            ),
        )


def _params(params: Any) -> dict[str, Any]:
    out = {k: v for k, v in params.items() if k in _KEPT}
    if "fields" not in out and isinstance(params.get("default_field"), str):
        out["fields"] = [params["default_field"]]
    out.setdefault("default_operator", "and")
    return out
