"""## What it does
Flags a `term` filter on a `keyword` field whose value is part of the name of every index the
request targets (e.g. `tenant: "acme"` on `logs-acme-*`): a value that is constant per index.

## Why is this bad?
The filter re-checks on every document what the index name already guarantees. Mapped as
`constant_keyword` (2.14+) the field stores one value per index, and such filters cost nothing
(whole indices match or are skipped).

## Example
```json
GET logs-acme-*/_search
{ "query": { "bool": { "filter": [ { "term": { "tenant": "acme" } },
                                   { "match": { "message": "timeout" } } ] } } }
```

## Use instead
Map `tenant` as `{"type": "constant_keyword", "value": "acme"}` in the per-tenant index template;
the query can stay as it is.

## Evidence
The index mapping (field type), the request's index names and the filter value.

## Known limits
A value merely contained in the index name is taken as constant per index; the rule cannot check
the data.

## References
- https://docs.opensearch.org/latest/mappings/supported-field-types/constant-keyword/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M16",
    name="per-index-constant-filter",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Filter on a value that is constant per index",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None or not request.indices:
        return
    for visit in queries(request, "term"):
        query = visit.query
        info = ctx.field(query.field)
        value = query.value
        if info is None or info.type != "keyword" or not isinstance(value, str) or len(value) < 2:
            continue
        word = re.compile(rf"(^|[-_.]){re.escape(value.lower())}([-_.*]|$)")
        if not all(word.search(index.lower()) for index in request.indices):
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.field}: {value}` is implied by the index name "
            f"{', '.join(request.indices)}; it is constant per index",
            evidence=Evidence.of(field=query.field, value=value),
            fix=advice(f"Map `{query.field}` as `constant_keyword` in the per-index template"),
        )
