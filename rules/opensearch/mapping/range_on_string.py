"""## What it does
Flags a `range` query on a field mapped as `keyword` or `text`.

## Why is this bad?
Ranges on strings compare lexicographically (`"10" < "9"`), which is rarely what numbers or dates
need, and a string range visits every term between the bounds: it is listed among the expensive
queries blocked when `search.allow_expensive_queries` is false.

## Example
```json
GET products/_search
{ "query": { "range": { "price_text": { "gte": "10", "lte": "20" } } } }
```

## Use instead
```json
GET products/_search
{ "query": { "range": { "price": { "gte": 10, "lte": 20 } } } }
```
with `price` mapped as a numeric type (and dates as `date`), after a reindex.

## Evidence
The index mapping (field type) and the request body.

## Known limits
Ranges over real strings (names from A to F) are legitimate but still expensive.

## References
- https://docs.opensearch.org/latest/query-dsl/
- https://docs.opensearch.org/latest/query-dsl/term/range/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.mapping import STRING_TYPES
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M03",
    name="range-on-string",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Range query on a keyword or text field",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "range"):
        query = visit.query
        info = ctx.field(query.field)
        if info is None or info.type not in STRING_TYPES:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"range on `{query.field}`, a `{info.type}` field, compares strings "
            "lexicographically and visits every term in between",
            evidence=Evidence.of(field=query.field, type=info.type),
            fix=advice("Map the values as a numeric or `date` type and reindex"),
        )
