"""## What it does
Flags `"profile": true` and `"explain": true` in a search body.

## Why is this bad?
Both make every shard record extra detail (timings per clause, a score explanation per hit),
which costs time and response size; profiled requests are also not request-cached. They are
debugging switches that tend to ship by accident.

## Example
```json
GET products/_search
{ "profile": true, "query": { "match": { "title": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "match": { "title": "shoes" } } }
```

## Evidence
The request body only.

## Known limits
A request kept on purpose for debugging is flagged too; silence the rule for that file.

## References
- https://docs.opensearch.org/latest/api-reference/search-apis/profile/
- https://docs.opensearch.org/latest/api-reference/search-apis/explain/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, body_copy, body_fix, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q24",
    name="debug-flags",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="profile or explain left on in a search",
    fix_safety=FixSafety.SAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    flags = [name for name in ("profile", "explain") if search.raw.get(name) is True]
    if not flags:
        return
    body = body_copy(request)
    for name in flags:
        body.pop(name, None)
    yield report(
        META,
        request,
        f"/{flags[0]}",
        f"{' and '.join(f'`{f}`' for f in flags)} turned on: extra work on every shard",
        evidence=Evidence.of(flags=", ".join(flags)),
        fix=body_fix("Remove the debugging flags", FixSafety.SAFE, body),
    )
