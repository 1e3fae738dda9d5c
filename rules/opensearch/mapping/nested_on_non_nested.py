"""## What it does
Flags a `nested` query whose `path` is not mapped as `nested`.

## Why is this bad?
OpenSearch rejects the request (`[nested] nested object under path [...] is not of nested
type`), unless `ignore_unmapped` is set and the path is absent, in which case it matches
nothing.

## Example
```json
GET orders/_search
{ "query": { "nested": { "path": "customer", "query": { "term": { "customer.id": "c1" } } } } }
```

## Use instead
```json
GET orders/_search
{ "query": { "term": { "customer.id": "c1" } } }
```
or map `customer` as `nested`.

## Fix safety
Unsafe (`--unsafe-fixes`): without the `nested` wrapper, conditions on several fields may match
across different objects of the array. The edit replaces only the clause.

## Evidence
The index mapping (the path's type) and the request body.

## Known limits
With several indices merged, the first mapping that defines the path decides.

## References
- https://docs.opensearch.org/latest/query-dsl/joining/nested/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, clause, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M12",
    name="nested-on-non-nested",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.ERROR,
    summary="nested query on a path that is not mapped as nested",
    fix_safety=FixSafety.UNSAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "nested"):
        query = visit.query
        path = query.param("path")
        if not isinstance(path, str):
            continue
        info = ctx.field(path)
        if info is not None and info.type == "nested":
            continue
        if info is None and query.param("ignore_unmapped") is True:
            continue
        inner = query.role_children("query")
        fix = (
            rewrite_fix(
                "Drop the `nested` wrapper",
                FixSafety.UNSAFE,
                request,
                query.pointer,
                clause(inner[0]),
            )
            if inner
            else None
        )
        kind = info.type if info is not None else "unmapped"
        yield report(
            META,
            request,
            query.pointer,
            f"nested query on `{path}`, which is {kind}, not `nested`: the request fails",
            evidence=Evidence.of(path=path, type=kind),
            fix=fix,
        )
