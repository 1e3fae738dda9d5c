"""## What it does
Flags a `text` field that the request searches only in filter context (`bool.filter`,
`must_not`, `constant_score`), never where scores count.

## Why is this bad?
A `text` field stores term frequencies, positions and norms for scoring and phrase queries. For
log messages searched only as filters, `match_only_text` (2.12+) drops them and saves a large
part of the index; queries still work (phrases become slower).

## Example
```json
GET logs-*/_search
{ "query": { "bool": { "filter": [ { "match": { "message": "timeout" } } ] } },
  "sort": [ { "@timestamp": "desc" } ] }
```

## Use instead
Map `message` as `match_only_text` in the index template; the query stays the same.

## Evidence
The index mapping (field type) and how this request uses the field.

## Known limits
Only this request is seen; another request that ranks by relevance on the field makes `text`
right.

## References
- https://docs.opensearch.org/latest/mappings/supported-field-types/match-only-text/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, field_uses, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M17",
    name="scored-text-never-scored",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Text field only used in filters; match_only_text would do",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or ctx.mapping is None:
        return
    filtered: dict[str, str] = {}
    scored: set[str] = set()
    for use in field_uses(search):
        info = ctx.field(use.field)
        if info is None or info.type != "text" or use.role != "query":
            continue
        if use.filter_context:
            filtered.setdefault(use.field, use.pointer)
        else:
            scored.add(use.field)
    for name, pointer in filtered.items():
        if name in scored:
            continue
        yield report(
            META,
            request,
            pointer,
            f"text field `{name}` is only searched in filter context here; its scoring data "
            "is unused",
            evidence=Evidence.of(field=name),
            fix=advice(f"Map `{name}` as `match_only_text` if it is never ranked by relevance"),
        )
