"""## What it does
Flags a node whose JVM heap is more than 85% used.

## Why is this bad?
A nearly full heap means long and frequent garbage collections (latency spikes for every
search on the node), breaker trips, and in the end an out-of-memory crash.

## Example
```text
GET _nodes/stats/jvm  ->  "heap_used_percent": 93
```

## Use instead
```text
Find what holds the heap: fielddata (OS-C08, OS-M05), large aggregations (OS-Q31), too many
shards (OS-C02); then fix those, or add memory/nodes.
```

## Evidence
`_nodes/stats` `jvm.mem.heap_used_percent`. Option: `max_percent` (85).

## Known limits
One reading: the heap saw-tooths between collections, so a single high value can be a moment
before a collection. Read twice (two snapshots) before acting.

## References
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import gib

META = RuleMeta(
    id="OS-C12",
    name="heap-pressure",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="A node's JVM heap is more than 85% used",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_percent": 85},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    for node in snapshot.nodes:
        if node.heap_used_percent <= ctx.number("max_percent"):
            continue
        yield META.finding(
            f"node {node.name}: heap {node.heap_used_percent:g}% used of "
            f"{gib(node.heap_max_bytes)} GiB",
            None,
            object=node.name,
            evidence=Evidence.of(
                heap_used_percent=node.heap_used_percent,
                heap_max_gib=gib(node.heap_max_bytes),
                fielddata_bytes=node.fielddata_bytes,
            ),
            fix=Fix.advice(
                "Cut what holds the heap (fielddata OS-C08, big aggregations OS-Q31, shard "
                "count OS-C02) or add memory"
            ),
            anchor=node.name,
        )
