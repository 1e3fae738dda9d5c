"""## What it does
Flags leading-wildcard `wildcard` queries and unanchored `regexp` queries (the patterns of
OS-Q01 and OS-Q02) on a field mapped as `keyword`, when the file holds at least `min_hits` of
them on that field.

## Why is this bad?
Repeated infix searches on a keyword field scan its whole term dictionary each time. The
`wildcard` field type (2.15+) indexes n-grams for exactly this kind of search and answers it
without the scan.

## Example
```json
GET logs-*/_search
{ "query": { "wildcard": { "path": "*login*" } } }
```

## Use instead
Add a sub-field `"wc": {"type": "wildcard"}` to `path` and query `path.wc`; keep `keyword` for
exact filters.

## Evidence
The index mapping (field type) and the requests of the file.

## Known limits
Repetition is counted within one file; the threshold is the option `min_hits`. The advice is
about the field's mapping, so it is given once per field and file, at the field's first such
search (each search itself is OS-Q01/OS-Q02's finding).

## References
- https://docs.opensearch.org/latest/mappings/supported-field-types/wildcard/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.model import Query
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import (
    DslContext,
    advice,
    leading_wildcard,
    queries,
    report,
    unanchored_regexp,
)
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M13",
    name="substring-search-on-keyword",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Infix wildcard or regexp search on a keyword field",
    fix_safety=FixSafety.ADVISORY,
    options={"min_hits": 1},
)


def _infix(query: Query) -> bool:
    if query.kind == "wildcard":
        return leading_wildcard(query.value)
    return query.kind == "regexp" and unanchored_regexp(query.value)


def _hits(request: DslRequest) -> list[Query]:
    return [v.query for v in queries(request, "wildcard", "regexp") if _infix(v.query)]


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    mine = [q for q in _hits(request) if (i := ctx.field(q.field)) and i.type == "keyword"]
    if not mine:
        return
    counts: dict[str, int] = {}
    first: dict[str, str] = {}  # field -> pointer of its first search, in this request only
    for other in ctx.file_requests or (request,):
        if other.indices == request.indices:
            for query in _hits(other):
                name = query.field or ""
                counts[name] = counts.get(name, 0) + 1
                if name not in first:
                    first[name] = query.pointer if other is request else ""
    for query in mine:
        name = query.field or ""
        total = counts.get(name, 1)
        if total < ctx.number("min_hits") or first.get(name, query.pointer) != query.pointer:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"infix `{query.kind}` on keyword field `{query.field}` "
            f"({total} such search(es) in this file) scans every term",
            evidence=Evidence.of(field=query.field, hits=total),
            fix=advice(f"Add a `wildcard`-typed sub-field to `{query.field}` and query it"),
        )
