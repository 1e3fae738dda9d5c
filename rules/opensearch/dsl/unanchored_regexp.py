"""## What it does
Flags a `regexp` query whose pattern begins with `.*`, `.+` or `.?`, i.e. has no literal prefix.

## Why is this bad?
Lucene turns the pattern into an automaton and intersects it with the term dictionary. A
literal prefix lets it skip straight to the matching region; without one every term of the
field is visited, on every shard, and large automata also cost heap to build.

## Example
```json
GET logs-*/_search
{ "query": { "regexp": { "path": ".*admin.*" } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "regexp": { "path": "/admin.*" } } }
```
or map the field as the `wildcard` type for infix search; keep `max_determinized_states` at
its default.

## Evidence
The request body only.

## Known limits
Patterns that start with a character class (`[a-z].*`) are barely better but are not flagged.

## References
- https://docs.opensearch.org/latest/query-dsl/term/regexp/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report, unanchored_regexp
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q02",
    name="unanchored-regexp",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Regexp without a literal prefix visits every term of the field",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "regexp"):
        query = visit.query
        if query.field is None or not unanchored_regexp(query.value):
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"regexp `{query.value}` on `{query.field}` has no literal prefix; "
            "every term of the field is visited",
            evidence=Evidence.of(field=query.field, pattern=str(query.value)),
            fix=advice(
                "Start the pattern with literal characters, or map a `wildcard`-typed "
                "sub-field for infix search"
            ),
        )
