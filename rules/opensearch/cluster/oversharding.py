"""## What it does
Flags a data node holding more shards than its heap supports: over 25 shards per GiB of heap,
or at 80% or more of `cluster.max_shards_per_node` (1,000 by default).

## Why is this bad?
Each shard keeps segment metadata, mappings and caches on the heap and adds a task to every
search that spans it. Past the rule of thumb, heap pressure, slow cluster-state updates and
long searches follow; at the hard limit new indices cannot be created.

## Example
```text
node-1: heap 1 GiB, 900 shards (daily indices with 5 primaries each)
```

## Use instead
```json
PUT _index_template/logs
{ "index_patterns": ["logs-*"], "template": { "settings": { "index.number_of_shards": 1 } } }
// and roll over by size (ISM) instead of by day; shrink or reindex old indices
```

## Evidence
`_cat/allocation` (shards per node), `_nodes/stats` (`jvm.mem.heap_max_in_bytes`, roles) and the
cluster setting `cluster.max_shards_per_node`. Options: `shards_per_heap_gib` (25),
`max_shards_share` (0.8).

## Known limits
Counts shards on each node when read; a rebalance in progress moves the numbers.

## References
- https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf01-bp01.html
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/cluster-settings/
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import GIB, as_int

META = RuleMeta(
    id="OS-C02",
    name="oversharding",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="A data node holds more shards than its heap (or the shard limit) allows",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"shards_per_heap_gib": 25, "max_shards_share": 0.8},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    per_heap = ctx.number("shards_per_heap_gib")
    limit = as_int(snapshot.cluster.setting("cluster.max_shards_per_node"), 1000)
    counted = Counter(s.node for s in snapshot.shards if s.node)
    allocated = {a.node: a.shards for a in snapshot.allocations}
    for node in snapshot.data_nodes:
        shards = allocated.get(node.name, counted.get(node.name, 0))
        heap_gib = node.heap_max_bytes / GIB
        budget = per_heap * heap_gib
        over_heap = heap_gib > 0 and shards > budget
        near_limit = shards >= ctx.number("max_shards_share") * limit
        if not (over_heap or near_limit):
            continue
        reason = (
            f"over {per_heap:g} per GiB of its {heap_gib:.1f} GiB heap ({budget:.0f})"
            if over_heap
            else f"{shards / limit:.0%} of cluster.max_shards_per_node ({limit})"
        )
        busiest = Counter(s.index for s in snapshot.shards if s.node == node.name)
        top = ", ".join(f"{name} ({count})" for name, count in busiest.most_common(3))
        yield META.finding(
            f"node {node.name} holds {shards} shards, {reason}",
            None,
            object=node.name,
            evidence=Evidence.of(
                shards=shards,
                heap_gib=round(heap_gib, 2),
                shard_budget=round(budget),
                max_shards_per_node=limit,
                most_shards=top,
            ),
            fix=Fix.advice(
                "Consolidate: fewer primaries per index (shrink), merge small indices, roll "
                f"over by size; start with {top}"
            ),
            anchor=node.name,
        )
