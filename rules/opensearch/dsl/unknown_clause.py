"""## What it does
Mentions a query clause, aggregation type or top-level body option the advisor does not know.
It is kept as a generic node, so the rest of the request is still checked.

## Why is this bad?
It is not necessarily bad: plugins add clauses (neural, hybrid, ...) and new releases add
options. But rules cannot look inside a clause they do not know, so a problem there goes
unreported; and a misspelt clause name (`mach` for `match`) is rejected by the server.

## Example
```json
GET products/_search
{ "query": { "mach": { "title": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "match": { "title": "shoes" } } }
```

## Evidence
The request body only.

## Known limits
Clauses inside an unknown clause are not visited. The list of known names follows the
OpenSearch 2.x query DSL and aggregations reference.

## References
- https://docs.opensearch.org/latest/query-dsl/
- https://docs.opensearch.org/latest/aggregations/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-I01",
    name="unknown-clause",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.INFO,
    summary="Clause type the advisor does not know; kept as a generic node",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    for visit in queries(request):
        query = visit.query
        # An empty clause `{}` is accepted (and ignored) by OpenSearch; nothing to say.
        if not query.known and query.kind:
            name = query.kind
            yield report(
                META,
                request,
                query.pointer,
                f"unknown query clause `{name}`; it is not checked by other rules",
                evidence=Evidence.of(clause=name, kind="query"),
            )
    for agg, _ in search.all_aggs():
        if not agg.known:
            name = agg.kind or "(no type)"
            yield report(
                META,
                request,
                agg.pointer,
                f"unknown aggregation type `{name}` in `{agg.name}`",
                evidence=Evidence.of(clause=name, kind="aggregation"),
            )
    for option in search.unknown_options:
        yield report(
            META,
            request,
            f"/{option}",
            f"unknown search body option `{option}`",
            evidence=Evidence.of(clause=option, kind="option"),
        )
