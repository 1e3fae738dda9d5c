"""## What it does
Flags a large table whose 1 MB blocks are spread unevenly over the slices: some data slices
hold none of its blocks, or the fullest slice holds more than four times the blocks of the
emptiest (block skew over 300%), counted per slice from `stv_blocklist`.

## Why is this bad?
Every slice scans its own blocks in parallel, so a query waits for the slice with the most.
A DISTKEY with few distinct values leaves whole slices empty: their CPUs idle on every scan
of the table while the others do all the work, and the full slices' disks fill first.
`svv_table_info.skew_rows` compares only the slices that hold rows and misses empty ones.

## Example
```sql
CREATE TABLE rs_demo.devices_bykey (reading_id BIGINT, device_type VARCHAR(16), ...)
DISTSTYLE KEY DISTKEY (device_type);  -- blocks on 2 of 4 slices
```

## Use instead
```sql
ALTER TABLE rs_demo.devices_bykey ALTER DISTSTYLE EVEN;
-- or a high-cardinality join column: ALTER TABLE ... ALTER DISTSTYLE KEY DISTKEY reading_id;
```

## Evidence
`stv_blocklist` blocks per slice summed per table on the server (slices holding blocks,
fewest and most blocks on a slice), `stv_slices` for the number of data slices, and
`svv_table_info.diststyle`, `tbl_rows`. The measures are those of amazon-redshift-utils'
`table_inspector.sql`: `pct_skew_across_slices = 100 * (max - min) / max(min, 1)` and
`pct_slices_populated = 100 * slices with blocks / data slices`. No source gives thresholds:
`max_skew_pct` (300) matches RS-C06's 4.00 row-skew ratio, `min_populated_pct` (100) flags any
empty slice, `min_rows` (5,000,000) is RS-C06's floor.

## Known limits
ALL tables (a copy on one slice per node) and AUTO distribution are skipped. A small table
may leave slices empty without harm, hence the row floor. Blocks count every column, the
three hidden ones included, as the utility does. Not readable on Serverless (no
`stv_blocklist`).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_analyzing-table-design.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_BLOCKLIST.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SLICES.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/table_inspector.sql
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import DISTSTYLE_EVEN
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)
from rules.redshift.catalog._storage import blocks_of, is_all

_FIX = DISTSTYLE_EVEN

META = RuleMeta(
    id="RS-C07",
    name="block-skew",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A large table's blocks leave data slices empty or pile up on a few slices",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_skew_pct": 300.0, "min_populated_pct": 100.0, "min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.diststyle.upper().startswith("AUTO") or is_all(table):
        return
    if table.tbl_rows <= ctx.number("min_rows"):
        return
    blocks = blocks_of(table, ctx.redshift)
    if blocks is None or blocks.slices == 0:
        return
    skew = 100.0 * (blocks.max_slice_blocks - blocks.min_slice_blocks)
    skew /= max(blocks.min_slice_blocks, 1)
    slices = ctx.redshift.slices
    populated = 100.0 * blocks.slices / slices if slices else None
    empty = populated is not None and populated < ctx.number("min_populated_pct")
    if not empty and skew <= ctx.number("max_skew_pct"):
        return
    if empty and slices:
        what = f"holds blocks on only {blocks.slices} of the cluster's {slices} data slices"
    else:
        what = (
            f"has {blocks.max_slice_blocks:,} blocks on its fullest slice and "
            f"{blocks.min_slice_blocks:,} on its emptiest ({skew:.0f}% skew)"
        )
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} ({table.diststyle}) {what}; scans wait for the full slices",
        table_evidence(
            table,
            slices_populated=blocks.slices,
            data_slices=slices,
            pct_slices_populated=None if populated is None else round(populated, 1),
            min_slice_blocks=blocks.min_slice_blocks,
            max_slice_blocks=blocks.max_slice_blocks,
            pct_skew_across_slices=round(skew, 1),
        ),
        Fix.sql(
            f"Spread {table.qualified_name} over every slice (or pick a high-cardinality DISTKEY)",
            _FIX.render(table=table_ref(table)),
        ),
    )
