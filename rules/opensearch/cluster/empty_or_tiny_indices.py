"""## What it does
Flags indices that hold no documents, and a cluster with many tiny indices (20 or more under
100 MiB of primary data each).

## Why is this bad?
Every index carries fixed costs whatever its size: shards with their heap and file handles,
mapping and settings in the cluster state, a task per shard in every search that matches the
index pattern. Empty and tiny indices pay those costs for nothing.

## Example
```text
GET _cat/indices?v  ->  orders-2026.11.27  docs.count 0
```

## Use instead
```text
DELETE orders-2026.11.27
# and for many small ones: reindex them into one index (or roll over by size, not by day)
POST _reindex { "source": { "index": "orders-2026.11.*" }, "dest": { "index": "orders-2026.11" } }
```

## Evidence
`_cat/indices` (`docs.count`, `pri.store.size`) of every non-system index. Options:
`tiny_mib` (100), `min_tiny_indices` (20).

## Known limits
An index created ahead of time for tomorrow's data is empty on purpose; ignore it per object.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/7.x/size-your-shards.html
- https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf01-bp01.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.dsl.console import request
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import MIB, call_fix, user_indices

META = RuleMeta(
    id="OS-C21",
    name="empty-or-tiny-indices",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="Indices with no documents, or many tiny indices",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"tiny_mib": 100, "min_tiny_indices": 20},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    indices = user_indices(snapshot.indices)
    for index in indices:
        if index.docs_count == 0 and index.status != "close":
            yield META.finding(
                f"{index.name} holds no documents but keeps "
                f"{words.count(index.primaries, 'primary shard')}",
                None,
                object=index.name,
                evidence=Evidence.of(docs_count=0, primaries=index.primaries),
                fix=call_fix(
                    f"Delete {index.name} if nothing will write to it",
                    request("DELETE", index.name),
                ),
                anchor=f"{index.name} empty",
            )
    tiny_bytes = ctx.number("tiny_mib") * MIB
    tiny = [i for i in indices if i.docs_count > 0 and i.pri_store_bytes < tiny_bytes]
    if len(tiny) < ctx.number("min_tiny_indices"):
        return
    yield META.finding(
        f"{len(tiny)} indices hold under {ctx.number('tiny_mib'):g} MiB each "
        f"({sum(i.primaries for i in tiny)} primary shards between them)",
        None,
        object=snapshot.cluster.name or None,
        evidence=Evidence.of(
            tiny_indices=len(tiny),
            primaries=sum(i.primaries for i in tiny),
            examples=", ".join(i.name for i in tiny[:5]),
        ),
        fix=Fix.advice(
            "Merge small indices into larger ones (reindex, or roll over by size with ISM)"
        ),
        anchor="tiny indices",
    )
