"""## What it does
Flags a node whose request or parent circuit breaker has tripped (`tripped > 0` since the node
started).

## Why is this bad?
A tripped breaker fails the search (HTTP 429 `circuit_breaking_exception`) to save the node from
running out of heap. Trips mean requests were heavy enough to threaten the node: huge
aggregations, deep pages, or a heap that is already nearly full.

## Example
```json
GET logs-*/_search
{ "size": 0, "aggs": { "u": { "terms": { "field": "user.id", "size": 500000 } } } }
```

## Use instead
```json
GET logs-*/_search
{ "size": 0, "aggs": { "u": { "composite": { "size": 1000,
  "sources": [ { "user": { "terms": { "field": "user.id" } } } ] } } } }
```

## Evidence
`_nodes/stats` `breakers.request.tripped`, `breakers.parent.tripped` (and
`in_flight_requests`), with their limits and current estimates.

## Known limits
Counters are cumulative since the node started, so an old incident keeps firing until a
restart; compare two snapshots to see whether trips are still happening.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot

META = RuleMeta(
    id="OS-C09",
    name="breaker-trips",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="The request or parent circuit breaker has tripped",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

BREAKERS = ("request", "parent", "in_flight_requests")


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    for node in snapshot.nodes:
        for name in BREAKERS:
            breaker = node.breaker(name)
            if breaker is None or breaker.tripped <= 0:
                continue
            yield META.finding(
                f"node {node.name}: the {name} breaker tripped "
                f"{words.count(breaker.tripped, 'time')}; "
                "searches were rejected to protect the heap",
                None,
                object=node.name,
                evidence=Evidence.of(
                    breaker=name,
                    tripped=breaker.tripped,
                    limit_bytes=breaker.limit_bytes,
                    estimated_bytes=breaker.estimated_bytes,
                    heap_used_percent=node.heap_used_percent,
                ),
                fix=Fix.advice(
                    "Shrink the heavy requests: page terms aggregations with composite "
                    "(OS-Q27), cut bucket counts (OS-Q31) and page sizes (OS-Q14)"
                ),
                anchor=f"{node.name} {name}",
            )
