"""## What it does
Flags a node whose search thread pool has rejected requests.

## Why is this bad?
When all search threads are busy and the queue is full, new shard-level searches are rejected:
users see partial results or errors. The pool is overloaded by fan-out to many shards, heavy
queries, or too few nodes for the traffic.

## Example
```text
GET _nodes/stats/thread_pool  ->  "search": { "queue": 1000, "rejected": 5123 }
```

## Use instead
```text
Cut the fan-out (narrower index patterns, fewer shards: OS-P15, OS-C02), fix the heaviest
queries (Query Insights top queries), add replicas and nodes for read throughput.
```

## Evidence
`_nodes/stats` `thread_pool.search.rejected` and `queue`. Option: `min_rejected` (1).

## Known limits
The counter is cumulative since the node started; compare two snapshots to see whether it is
still increasing.

## References
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/thread-pool-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot

META = RuleMeta(
    id="OS-C13",
    name="search-rejections",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="The search thread pool has rejected requests",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rejected": 1},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    for node in snapshot.nodes:
        if node.search_rejected < ctx.number("min_rejected"):
            continue
        yield META.finding(
            f"node {node.name}: {node.search_rejected:,} search requests rejected "
            f"(queue {node.search_queue})",
            None,
            object=node.name,
            evidence=Evidence.of(
                rejected=node.search_rejected,
                queue=node.search_queue,
                query_total=node.search_queries,
            ),
            fix=Fix.advice(
                "Reduce shard fan-out and heavy queries, or add replicas/nodes for reads"
            ),
            anchor=node.name,
        )
