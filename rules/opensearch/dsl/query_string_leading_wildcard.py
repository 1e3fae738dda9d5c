"""## What it does
Flags a `query_string` whose query text contains a term starting with `*` or `?` (at the start,
after whitespace, a parenthesis or `field:`), while `allow_leading_wildcard` is not `false`
(it defaults to `true`).

## Why is this bad?
The leading-wildcard term is rewritten into a wildcard query that scans every term of each
field searched (see OS-Q01); with `query_string` that is often every field of the index. Users
typing `*foo` into a search box can slow the whole cluster.

## Example
```json
GET products/_search
{ "query": { "query_string": { "query": "*phone", "fields": ["title"] } } }
```

## Use instead
```json
GET products/_search
{ "query": { "query_string": { "query": "phone", "fields": ["title"],
                               "allow_leading_wildcard": false } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): disallowing leading wildcards makes such user input an error instead of
a slow query. The edit replaces only the `query_string` clause.

## Evidence
The request body only.

## Known limits
Regular expressions in the query text (`/.*x/`) are not covered by the flag and not detected.
A query text filled in by code (`{{q}}`) is not analysed; see OS-Q07.

## References
- https://docs.opensearch.org/latest/query-dsl/full-text/query-string/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q05",
    name="query-string-leading-wildcard",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="query_string with a leading wildcard term and leading wildcards allowed",
    fix_safety=FixSafety.UNSAFE,
)

_LEADING = re.compile(r"(?:^|[\s(:])([*?][^\s)]*)")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "query_string"):
        query = visit.query
        if not isinstance(query.value, str) or query.param("allow_leading_wildcard") is False:
            continue
        found = _LEADING.search(query.value)
        if found is None:
            continue
        body = dict(query.raw) if isinstance(query.raw, dict) else {}
        yield report(
            META,
            request,
            query.pointer,
            f"query_string term `{found.group(1)}` starts with a wildcard and "
            "`allow_leading_wildcard` is not false",
            evidence=Evidence.of(term=found.group(1), query=query.value),
            fix=rewrite_fix(
                "Set `allow_leading_wildcard: false` (such terms then fail to parse)",
                FixSafety.UNSAFE,
                request,
                query.pointer,
                {"query_string": {**body, "allow_leading_wildcard": False}},
            ),
        )
