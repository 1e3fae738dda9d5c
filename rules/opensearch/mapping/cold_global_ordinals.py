"""## What it does
Flags a `keyword` field used by `terms` aggregations in at least `min_requests` requests of
the same file on the same indices, and by most (more than half) of that file's requests with a
`terms` aggregation there, whose mapping does not set `eager_global_ordinals`. Reported once,
on the first such request.

## Why is this bad?
A `terms` aggregation on a keyword field needs global ordinals, built lazily on the first search
after each refresh. On a frequently refreshed index the first dashboard query after every
refresh pays the build, which can take seconds on high-cardinality fields.

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "services": { "terms": { "field": "service" } } } }
```

## Use instead
Set `"eager_global_ordinals": true` on `service` so ordinals are built at refresh time.

## Evidence
The index mapping (`eager_global_ordinals`) and the requests of the file.

## Known limits
The refresh rate is not known statically; eager ordinals slow refreshes down, so the finding is
`info` (why you may not care: ordinals are built once per refresh and then cached, so on an
index refreshed rarely, or a read-only backing index of a data stream, the query-time build is
paid once; on a write-heavy index eager ordinals add it to every refresh).

## References
- https://docs.opensearch.org/latest/mappings/mapping-parameters/eager_global_ordinals/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M18",
    name="cold-global-ordinals",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Keyword field aggregated often without eager_global_ordinals",
    fix_safety=FixSafety.ADVISORY,
    options={"min_requests": 2},
)


def _terms_fields(request: DslRequest) -> dict[str, str]:
    if request.search is None:
        return {}
    out: dict[str, str] = {}
    for agg, _ in request.search.all_aggs():
        if agg.kind == "terms" and agg.field:
            out.setdefault(agg.field, f"{agg.kind_pointer}/field")
    return out


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    mine = _terms_fields(request)
    siblings = [r for r in ctx.file_requests if r.indices == request.indices] or [request]
    for name, pointer in mine.items():
        info = ctx.field(name)
        if info is None or info.type != "keyword" or info.params.get("eager_global_ordinals"):
            continue
        users = [r for r in siblings if name in _terms_fields(r)]
        if len(users) < ctx.number("min_requests") or users[0] is not request:
            continue
        # The field most terms aggregations of the file need, not one of many panels' fields.
        if 2 * len(users) <= sum(1 for r in siblings if _terms_fields(r)):
            continue
        yield report(
            META,
            request,
            pointer,
            f"`{name}` is aggregated by {len(users)} requests in this file and builds its "
            "global ordinals at query time (why you may not care: they are cached until the "
            "next refresh; eager ordinals move the build into every refresh)",
            evidence=Evidence.of(field=name, requests=len(users)),
            severity=Severity.INFO,
            fix=advice(f'Set `"eager_global_ordinals": true` on `{name}`'),
        )
