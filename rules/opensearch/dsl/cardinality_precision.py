"""## What it does
Flags a `cardinality` aggregation with `precision_threshold` above 40,000.

## Why is this bad?
Values above 40,000 are capped, so they buy no accuracy, while the memory of the HyperLogLog++
sketch grows with the threshold (about 8 bytes per unit, per bucket, per shard).

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "users": { "cardinality": { "field": "user",
                                                   "precision_threshold": 100000 } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "aggs": { "users": { "cardinality": { "field": "user",
                                                   "precision_threshold": 3000 } } } }
```

## Fix safety
Safe: above the cap OpenSearch counts with the cap's precision anyway, so `--fix` writes the cap
over the value and the answer does not change. Only the value changes in the file.

## Evidence
The request body only.

## Known limits
The cap is the option `max_precision`; the fix sets the cap itself, which keeps accuracy.

## References
- https://docs.opensearch.org/latest/aggregations/metric/cardinality/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, number, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q29",
    name="cardinality-precision",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="cardinality precision_threshold above the 40,000 cap",
    fix_safety=FixSafety.SAFE,
    options={"max_precision": 40000},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    cap = int(ctx.number("max_precision"))
    for agg, _ in search.all_aggs():
        value = number(agg.params.get("precision_threshold")) if agg.kind == "cardinality" else None
        if value is None or value <= cap:
            continue
        yield report(
            META,
            request,
            f"{agg.kind_pointer}/precision_threshold",
            f"cardinality `{agg.name}` precision_threshold {int(value)} is above the cap {cap}",
            evidence=Evidence.of(aggregation=agg.name, precision_threshold=int(value)),
            fix=rewrite_fix(
                f"Set precision_threshold to at most {cap}",
                FixSafety.SAFE,
                request,
                f"{agg.kind_pointer}/precision_threshold",
                cap,
            ),
        )
