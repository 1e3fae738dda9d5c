"""## What it does
Flags a fragmented table: on its slices, the blocks of the row-id column hold far fewer
values than they could, and packing them would free more than 1,024 blocks (102.4 on a
cluster whose node 0 has at most 200,000 blocks of disk), counted over all the table's
columns.

## Why is this bad?
Vacuums that overlap concurrent writes, small frequent loads and `ALTER TABLE APPEND` leave
partly filled 1 MB blocks behind. Every scan reads each block whole, so a fragmented table
costs more I/O and disk than its rows need, and the waste grows with each load.

## Example
```sql
-- rs_demo.events_fragmented: 40 blocks per column per slice for 5,000 rows a slice
SELECT tbl, slice, col, count(*), sum(num_values) FROM stv_blocklist GROUP BY 1, 2, 3;
```

## Use instead
```sql
VACUUM DELETE ONLY rs_demo.events_fragmented;
```
If the table stays fragmented, rebuild it with a deep copy (`CREATE TABLE ... (LIKE ...)`,
`INSERT INTO ... SELECT`, rename).

## Evidence
`stv_blocklist` summed on the server the way amazon-redshift-utils' `v_fragmentation_info`
estimates `est_space_gain`: per slice, the last (row-id) column's partly filled blocks minus
the blocks its values need when full (130,994 row ids a block), times the table's column
count; `stv_partitions` capacity of node 0 picks the threshold. Options `large_gain` (1024),
`small_gain` (102.4), `large_node_blocks` (200,000).

## Known limits
An estimate from the row-id column only: columns compressed unevenly may free more or less.
When node 0's disk is unknown the larger threshold applies. Not readable on Serverless (no
`stv_blocklist`).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
- https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_BLOCKLIST.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminViews/v_fragmentation_info.sql
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import VACUUM_DELETE_ONLY
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)
from rules.redshift.catalog._storage import blocks_of

_FIX = VACUUM_DELETE_ONLY

META = RuleMeta(
    id="RS-C20",
    name="fragmented-table",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table's partly filled blocks waste space a defragmentation would free",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"large_gain": 1024.0, "small_gain": 102.4, "large_node_blocks": 200_000},
)


def threshold(ctx: RsContext) -> float:
    disk = ctx.redshift.disk
    capacity = disk.node0_capacity_mb if disk else None
    if capacity is not None and capacity <= ctx.number("large_node_blocks"):
        return ctx.number("small_gain")
    return ctx.number("large_gain")


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    blocks = blocks_of(table, ctx.redshift)
    if blocks is None or blocks.est_space_gain <= threshold(ctx):
        return
    share = blocks.est_space_gain / blocks.blocks if blocks.blocks else 0.0
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} is fragmented: defragmenting would free about "
        f"{blocks.est_space_gain:,} of its {blocks.blocks:,} blocks ({share:.0%})",
        table_evidence(
            table,
            blocks=blocks.blocks,
            est_space_gain=blocks.est_space_gain,
            gain_threshold=threshold(ctx),
        ),
        Fix.sql(
            f"Defragment {table.qualified_name} (a deep copy if it stays fragmented)",
            _FIX.render(table=table_ref(table)),
            FixSafety.SAFE,
        ),
    )
