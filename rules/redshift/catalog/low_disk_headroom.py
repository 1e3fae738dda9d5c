"""## What it does
Flags a cluster whose free disk space is less than 2.5 times its largest table: free blocks of
all nodes in `stv_partitions` against the largest `svv_table_info.size`.

## Why is this bad?
VACUUM, deep copies, `ALTER TABLE` that rewrites a table and large sorts and hash joins all
write a second copy of their data before they drop the first. Without room for the largest
table they fail part-way (disk full), queries spill and abort, and the table can no longer
be re-sorted or defragmented, so scans slow down as it decays.

## Example
```sql
SELECT sum(capacity) - sum(used) AS free_mb FROM stv_partitions WHERE host = owner;  -- 3
SELECT max(size) FROM svv_table_info;                                                -- 2
```

## Use instead
```text
Free space (VACUUM DELETE ONLY, drop or UNLOAD cold tables, ALTER ENCODE AUTO on RAW
tables), or resize the cluster / move to RA3 with managed storage.
```

## Evidence
`stv_partitions` capacity and used blocks of each node's own partitions (`host = owner`),
`svv_table_info.size` of the largest table in any schema. Option `headroom_factor` (2.5, from
the AWS diagnostic queries for query tuning).

## Known limits
Provisioned clusters only (no `stv_partitions` on Serverless, whose storage is managed). RA3
nodes spill to managed storage, so the risk there is slowness more than failure. One state
per cluster: nothing is reported when there is room.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_vacuum_diskspacereqs.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_PARTITIONS.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C27",
    name="low-disk-headroom",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="Free disk space is under 2.5 times the largest table",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"headroom_factor": 2.5},
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    disk = snapshot.disk
    if disk is None or not disk.nodes or disk.largest_table_mb <= 0:
        return
    factor = ctx.number("headroom_factor")
    needed = factor * disk.largest_table_mb
    if disk.free_mb >= needed:
        return
    yield META.finding(
        f"The cluster has {disk.free_mb:,} MB free of {disk.capacity_mb:,} MB, less than "
        f"{factor:g} times its largest table {disk.largest_table} ({disk.largest_table_mb:,} "
        "MB): VACUUM, deep copies and large sorts can run out of disk",
        None,
        object="disk",
        evidence=Evidence.of(
            nodes=len(disk.nodes),
            capacity_mb=disk.capacity_mb,
            used_mb=disk.used_mb,
            free_mb=disk.free_mb,
            largest_table=disk.largest_table,
            largest_table_mb=disk.largest_table_mb,
            needed_mb=round(needed, 1),
        ),
        fix=Fix.advice(
            f"Free at least {needed - disk.free_mb:,.0f} MB (VACUUM DELETE ONLY, drop or UNLOAD "
            "cold tables, ALTER ENCODE AUTO on uncompressed tables), or resize the cluster or "
            "move to RA3 managed storage"
        ),
        anchor="disk",
    )
