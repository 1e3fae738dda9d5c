"""## What it does
Flags `"track_total_hits": true`.

## Why is this bad?
By default the hit count is exact only up to 10,000, which lets shards stop counting early
(and skip whole blocks of documents when sorting by score or by an index-sorted field). `true`
forces every match to be counted.

## Example
```json
GET logs-*/_search
{ "track_total_hits": true, "query": { "match": { "message": "error" } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "match": { "message": "error" } } }
```
or `"track_total_hits": false` when the UI shows no total.

## Fix safety
Unsafe (`--unsafe-fixes`): `--fix` writes `10000` (the default) over `true`, so totals above 10,000
become a lower bound. Only the value changes in the file.

## Evidence
The request body only. A request with aggregations collects every match anyway, so an exact
count costs nothing more there; and a `size: 0` request without aggregations is a count, whose
answer is the total. Neither is flagged.

## Known limits
When the exact total is shown to users, keep it; the fix makes totals a lower bound (unsafe).

## References
- https://docs.opensearch.org/latest/im-plugin/index-sorting/
- https://docs.opensearch.org/latest/api-reference/search-apis/search/
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, body_copy, body_fix, report, value_edit
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q25",
    name="exact-total-hits",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="track_total_hits: true counts every match",
    fix_safety=FixSafety.UNSAFE,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or search.track_total_hits is not True:
        return
    # Aggregations visit every match, and a size-0 request asks for nothing but the total.
    if search.aggs or search.size == 0 or request.params.get("size") == "0":
        return
    body = body_copy(request)
    body.pop("track_total_hits", None)
    yield report(
        META,
        request,
        "/track_total_hits",
        "track_total_hits: true counts every match and prevents early termination",
        evidence=Evidence.of(track_total_hits=True),
        fix=_fix(request, body),
    )


def _fix(request: DslRequest, body: object) -> Fix:
    fix = body_fix("Leave the default (exact up to 10,000)", FixSafety.UNSAFE, body)
    # The edit writes the default explicitly, so only the value changes in the file.
    edit = value_edit(request, "/track_total_hits", _DEFAULT)
    return replace(fix, edits=(edit,)) if edit is not None else fix


_DEFAULT = 10000
