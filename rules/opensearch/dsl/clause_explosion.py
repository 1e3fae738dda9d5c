"""## What it does
Flags a `bool` with many `term` clauses on the same field in `should` or `must_not`, and query
trees whose leaf clauses exceed `indices.query.bool.max_clause_count` (1,024).

## Why is this bad?
Each `term` is its own scorer; hundreds of them cost far more than one `terms` query, which is
a single set lookup. Past the clause limit the request is rejected.

## Example
```json
GET products/_search
{ "query": { "bool": { "should": [ { "term": { "color": "red" } }, { "term": { "color": "blue" } },
  { "term": { "color": "green" } }, "... 10 or more" ] } } }
```

## Use instead
```json
GET products/_search
{ "query": { "bool": { "should": [ { "terms": { "color": ["red", "blue", "green"] } } ] } } }
```

## Fix safety
Safe for `must_not` (excluding any of the terms is the same as excluding each); unsafe
(`--unsafe-fixes`) elsewhere, where a `terms` query does not score like the clauses it replaces.
The edit replaces only the `bool` clause.

## Evidence
The request body only.

## Known limits
`terms` does not score per value, so in `should` the scores change (unsafe); in `must_not` the
rewrite is exact. The thresholds are options (`min_same_field_terms`, `max_clause_count`).

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
- https://docs.opensearch.org/latest/query-dsl/term/terms/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.model import Query
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, clause, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q20",
    name="clause-explosion",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Many term clauses on one field, or more clauses than the limit",
    fix_safety=FixSafety.UNSAFE,
    options={"min_same_field_terms": 10, "max_clause_count": 1024},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    minimum = ctx.number("min_same_field_terms")
    for visit in queries(request, "bool"):
        for role in ("should", "must_not"):
            groups: dict[str, list[Query]] = {}
            for child in visit.query.role_children(role):
                if child.kind == "term" and child.field and not isinstance(child.value, dict):
                    groups.setdefault(child.field, []).append(child)
            for name, terms in groups.items():
                if len(terms) < minimum:
                    continue
                yield report(
                    META,
                    request,
                    terms[0].pointer,
                    f"{len(terms)} `term` clauses on `{name}` in `{role}`; one `terms` query "
                    "does the same work once",
                    evidence=Evidence.of(field=name, clauses=len(terms), occur=role),
                    fix=rewrite_fix(
                        f"Collapse them into one `terms` query on `{name}`",
                        FixSafety.SAFE if role == "must_not" else FixSafety.UNSAFE,
                        request,
                        visit.query.pointer,
                        _collapsed(visit.query, role, terms),
                    ),
                )
    if search.query is not None:
        leaves = sum(1 for v in search.query.walk() if not v.query.children)
        if leaves > ctx.number("max_clause_count"):
            yield report(
                META,
                request,
                "/query",
                f"the query has {leaves} leaf clauses; more than max_clause_count "
                f"{int(ctx.number('max_clause_count'))} is rejected",
                evidence=Evidence.of(clauses=leaves),
                fix=advice("Collapse term clauses into `terms` queries"),
                severity=Severity.ERROR,
            )


def _collapsed(bool_query: Query, role: str, terms: list[Query]) -> dict[str, Any]:
    body = dict(bool_query.raw) if isinstance(bool_query.raw, dict) else {}
    gone = {q.pointer for q in terms}
    kept = [clause(q) for q in bool_query.role_children(role) if q.pointer not in gone]
    field = terms[0].field or ""
    body[role] = [*kept, {"terms": {field: [q.value for q in terms]}}]
    return {"bool": body}
