"""## What it does
Flags a `date_histogram` that uses the deprecated `interval` parameter.

## Why is this bad?
`interval` mixes calendar units (a month of 28 to 31 days) and fixed units (a number of
milliseconds) under one name and is deprecated; it may be removed, and its meaning for a value
such as `1d` versus `24h` surprises people.

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "per_day": { "date_histogram": { "field": "@timestamp",
                                                        "interval": "1d" } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "aggs": { "per_day": { "date_histogram": { "field": "@timestamp",
                                                        "calendar_interval": "1d" } } } }
```

## Fix safety
Safe: `calendar_interval`/`fixed_interval` is what the deprecated `interval` meant for the value
written. The edit replaces only the aggregation's parameters.

## Evidence
The request body only.

## Known limits
Single calendar units (`1d`, `1M`, `month`...) become `calendar_interval`, anything else
`fixed_interval`; both keep today's bucket boundaries.

## References
- https://docs.opensearch.org/latest/aggregations/bucket/date-histogram/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q30",
    name="legacy-interval",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="date_histogram uses the deprecated interval parameter",
    fix_safety=FixSafety.SAFE,
)

_CALENDAR = re.compile(r"^(?:1[mhdwMqy]|minute|hour|day|week|month|quarter|year)$")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    for agg, _ in search.all_aggs():
        if agg.kind != "date_histogram" or "interval" not in agg.params:
            continue
        interval = agg.params["interval"]
        key = "calendar_interval" if _CALENDAR.match(str(interval)) else "fixed_interval"
        params = {(key if k == "interval" else k): v for k, v in agg.params.items()}
        yield report(
            META,
            request,
            f"{agg.kind_pointer}/interval",
            f"date_histogram `{agg.name}` uses the deprecated `interval`",
            evidence=Evidence.of(aggregation=agg.name, interval=str(interval)),
            fix=rewrite_fix(f"Use `{key}`", FixSafety.SAFE, request, agg.kind_pointer, params),
        )
