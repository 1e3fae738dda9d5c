"""## What it does
Flags a `regexp` query whose pattern is longer than `index.max_regex_length` (1,000 characters
by default).

## Why is this bad?
OpenSearch rejects the request: the pattern length limit protects the node from building huge
automata. Long patterns usually come from code that joins many alternatives with `|`.

## Example
```json
GET logs-*/_search
{ "query": { "regexp": { "user": "alice|bob|carol|... (1,200 characters)" } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "terms": { "user": ["alice", "bob", "carol"] } } }
```
or split the pattern into a `bool.should` of shorter ones.

## Evidence
The request body only; the limit is the option `max_regex_length` (set it to the index's
`index.max_regex_length` when it was changed).

## Known limits
The limit is per index; the rule uses one number for every index.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
- https://docs.opensearch.org/latest/query-dsl/term/regexp/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q03",
    name="regexp-too-long",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.ERROR,
    summary="Regexp longer than index.max_regex_length is rejected",
    fix_safety=FixSafety.ADVISORY,
    options={"max_regex_length": 1000},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    limit = int(ctx.number("max_regex_length"))
    for visit in queries(request, "regexp"):
        query = visit.query
        if not isinstance(query.value, str) or len(query.value) <= limit:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"regexp on `{query.field}` is {len(query.value)} characters long; "
            f"the limit is {limit}",
            evidence=Evidence.of(field=query.field, length=len(query.value), limit=limit),
            fix=advice("Use `terms` for lists of literals, or split the pattern"),
        )
