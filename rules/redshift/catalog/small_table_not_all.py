"""## What it does
Flags a small table with a manual EVEN or KEY distribution: svv_table_info `diststyle` is not
`ALL` and not `AUTO(...)` on a table of at most 5,000,000 rows. Advisory only.

## Why is this bad?
A small dimension that is joined often must be redistributed or broadcast to every node on
each join unless it is already there; `DISTSTYLE ALL` keeps a full copy on every node, so the
joins on it need no data movement (DS_DIST_ALL_NONE).

## Example
```sql
CREATE TABLE rs_demo.regions_key (region_id INTEGER, name VARCHAR(64))
DISTSTYLE KEY DISTKEY (region_id);  -- 500 rows
```

## Use instead
```sql
ALTER TABLE rs_demo.regions_key ALTER DISTSTYLE ALL;
-- or let Redshift choose (it picks ALL for small tables): ALTER DISTSTYLE AUTO;
```

## Evidence
`svv_table_info.diststyle`, `tbl_rows`. Option `max_rows` (5,000,000, MCP REC_008).

## Known limits
The catalog does not say whether the table is joined or how often it changes: ALL multiplies
storage and load time by the number of nodes, and AWS notes that small dimensions gain little
from it. Prefer AUTO unless the plans show the table broadcast (RS-P rules) or a key design
(`advisor keys`) asks for ALL.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import DISTSTYLE_ALL
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = DISTSTYLE_ALL

META = RuleMeta(
    id="RS-C10",
    name="small-table-not-all",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table of at most 5,000,000 rows is distributed EVEN or KEY, not ALL or AUTO",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    style = table.diststyle.strip().upper()
    if not style or style.startswith("AUTO") or "ALL" in style:
        return
    if table.tbl_rows > ctx.number("max_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has only {table.tbl_rows:,} rows but is distributed "
        f"{table.diststyle}: if it is a joined dimension, a copy on every node avoids moving it",
        table_evidence(table),
        Fix.sql(
            f"Keep a copy of {table.qualified_name} on every node (if it changes rarely)",
            _FIX.render(table=table_ref(table)),
        ),
    )
