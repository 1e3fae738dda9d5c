"""## What it does
Flags a node whose disk use has reached a disk watermark: low (85%: no new shards allocated to
it), high (90%: shards are moved away) or flood stage (95%: indices with a shard there become
read-only).

## Why is this bad?
Past the high watermark the cluster spends I/O relocating shards; at flood stage writes fail
with `cluster_block_exception` until space is freed and the block is removed.

## Example
```text
GET _cat/allocation?v  ->  disk.percent 96
```

## Use instead
```json
// free space: delete or shrink old indices, force-merge read-only ones, add disk; then
PUT */_settings
{ "index.blocks.read_only_allow_delete": null }
```

## Evidence
`_cat/allocation` (`disk.percent` per node) and the cluster settings
`cluster.routing.allocation.disk.watermark.{low,high,flood_stage}` and `.threshold_enabled`.

## Known limits
Watermarks given as absolute free space (`50gb`) are read as the defaults.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/cluster-settings/
- https://docs.opensearch.org/latest/api-reference/cat/cat-allocation/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import as_bool, percent

META = RuleMeta(
    id="OS-C14",
    name="disk-watermark",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="A node's disk use has reached a disk watermark",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

PREFIX = "cluster.routing.allocation.disk."


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    cluster = snapshot.cluster
    if not as_bool(cluster.setting(PREFIX + "threshold_enabled"), True):
        return
    levels = (
        ("flood_stage", percent(cluster.setting(PREFIX + "watermark.flood_stage"), 95.0),
         Severity.HIGH, "indices with a shard here are made read-only"),
        ("high", percent(cluster.setting(PREFIX + "watermark.high"), 90.0), Severity.HIGH,
         "shards are being moved away"),
        ("low", percent(cluster.setting(PREFIX + "watermark.low"), 85.0), Severity.MEDIUM,
         "no new shards are allocated here"),
    )  # fmt: skip
    for node in snapshot.allocations:
        used = node.disk_percent
        if used is None:
            continue
        hit = next((level for level in levels if used >= level[1]), None)
        if hit is None:
            continue
        name, threshold, severity, effect = hit
        yield META.finding(
            f"node {node.node}: disk {used:g}% used, at the {name} watermark ({threshold:g}%): "
            f"{effect}",
            None,
            object=node.node,
            evidence=Evidence.of(
                disk_percent=used,
                watermark=name,
                threshold_percent=threshold,
                disk_used_bytes=node.disk_used_bytes,
                disk_total_bytes=node.disk_total_bytes,
            ),
            fix=Fix.advice(
                "Free disk (delete or shrink old indices, force-merge read-only ones) or add "
                "disk; after flood stage remove the read_only_allow_delete block"
            ),
            anchor=node.node,
            severity=severity,
        )
