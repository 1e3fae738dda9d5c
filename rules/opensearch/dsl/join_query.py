"""## What it does
Flags join queries: `nested` (medium), and `has_child`, `has_parent`, `parent_id` (high).

## Why is this bad?
A nested query joins each hidden nested document to its parent and can make a query several
times slower; parent/child joins go through global ordinals of the join field and can be
hundreds of times slower. All of them are blocked when `search.allow_expensive_queries` is
false.

## Example
```json
GET qa/_search
{ "query": { "has_child": { "type": "answer", "query": { "match": { "body": "index" } } } } }
```

## Use instead
```json
GET qa/_search
{ "query": { "match": { "answers_body": "index" } } }
```
with the answers copied into the question at index time, when the question allows it.

## Evidence
The request body only.

## Known limits
Denormalising is a data-model change; sometimes the join is the right tool. The rule states the
cost, it cannot weigh it.

## References
- https://docs.opensearch.org/latest/query-dsl/joining/has-child/
- https://docs.opensearch.org/latest/query-dsl/joining/nested/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q23",
    name="join-query",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="nested and parent/child join queries",
    fix_safety=FixSafety.ADVISORY,
)

_PARENT_CHILD = ("has_child", "has_parent", "parent_id")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    for visit in queries(request, "nested", *_PARENT_CHILD):
        query = visit.query
        heavy = query.kind in _PARENT_CHILD
        target = query.param("path") or query.param("type") or query.param("parent_type")
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` join"
            + (f" on `{target}`" if isinstance(target, str) else "")
            + (" is far slower than a plain query" if heavy else " costs a join per match"),
            evidence=Evidence.of(clause=query.kind, target=str(target) if target else None),
            fix=advice("Denormalise the joined fields into the searched document when possible"),
            severity=Severity.HIGH if heavy else None,
        )
