"""## What it does
Flags a small table with a manual sort key: svv_table_info `sortkey1` is set (and not
`AUTO(SORTKEY...)`, nor `padb_internal_mddl_key_col`, the multidimensional data layout
Redshift chose for an AUTO sort key) on a table of at most 5,000,000 rows.

## Why is this bad?
A small table fits in a few blocks per slice, so there is little for zone maps to skip, while
the sort key still costs: loads keep an unsorted region that VACUUM must sort, and the table is
left out of automatic table optimisation.

## Example
```sql
CREATE TABLE rs_demo.regions_sorted (region_id INTEGER, name VARCHAR(64))
DISTSTYLE ALL COMPOUND SORTKEY (region_id);  -- 500 rows
```

## Use instead
```sql
ALTER TABLE rs_demo.regions_sorted ALTER SORTKEY NONE;
```

## Evidence
`svv_table_info.sortkey1` (an AUTO or multidimensional-layout sort key is Redshift's own
choice and never flagged), `tbl_rows`. Option `max_rows` (5,000,000, MCP REC_007; AWS Advisor:
"if a table is small, it's more efficient not to have a sort key").

## Known limits
`ALTER SORTKEY NONE` also removes the table from automatic sort-key tuning; use `ALTER SORTKEY
AUTO` instead to let Redshift decide. A small table that grows fast may deserve its key.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from advisor.sql.fixsql import Template
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = Template("ALTER TABLE {table} ALTER SORTKEY NONE")

META = RuleMeta(
    id="RS-C09",
    name="small-table-with-sortkey",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table of at most 5,000,000 rows has a manual sort key",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    sortkey = table.sortkey1.strip()
    if not sortkey or table.sortkey_auto:
        return  # no sort key, or one Redshift chose (AUTO, or a multidimensional layout)
    if table.tbl_rows > ctx.number("max_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has only {table.tbl_rows:,} rows but a sort key on {sortkey}: "
        "it costs more than it saves",
        table_evidence(table),
        Fix.sql(
            f"Drop the sort key of {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
        ),
    )
