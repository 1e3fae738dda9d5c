"""## What it does
Flags a large table with many deleted rows not yet reclaimed: more than 10% of `tbl_rows` are
not in `estimated_visible_rows`, on a table of over 5,000,000 rows.

## Why is this bad?
Deleted and updated rows stay in their blocks until VACUUM reclaims them; every scan reads
and discards them, and they take disk space. Automatic vacuum delete only runs when the
cluster is lightly loaded.

## Example
```sql
SELECT "table", tbl_rows, estimated_visible_rows FROM svv_table_info;
-- clicks_ghost | 20000 | 11000
```

## Use instead
```sql
VACUUM DELETE ONLY rs_demo.clicks_ghost;
```

## Evidence
`svv_table_info.tbl_rows` and `estimated_visible_rows`. Options `min_ghost_ratio` (0.1),
`min_rows` (5,000,000) from the MCP review rule REC_002.

## Known limits
`estimated_visible_rows` is an estimate with no guaranteed refresh delay; rows of a load still
running count as ghosts until it commits.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
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

_FIX = VACUUM_DELETE_ONLY

META = RuleMeta(
    id="RS-C05",
    name="ghost-rows",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A large table holds many deleted rows not yet reclaimed",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"min_ghost_ratio": 0.1, "min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    visible = table.estimated_visible_rows
    if visible is None or table.tbl_rows <= 0 or table.tbl_rows <= ctx.number("min_rows"):
        return
    ghosts = table.tbl_rows - visible
    ratio = ghosts / table.tbl_rows
    if ratio <= ctx.number("min_ghost_ratio"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} holds {ghosts:,} deleted rows ({ratio:.0%} of its rows) "
        "that every scan still reads",
        table_evidence(table, estimated_visible_rows=visible, ghost_ratio=round(ratio, 3)),
        Fix.sql(
            f"Reclaim the deleted rows of {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
            FixSafety.SAFE,
        ),
    )
