"""## What it does
Flags a large table whose first sort-key column is compressed: svv_table_info `sortkey1_enc`
is not `none`, on a table of over 5,000,000 rows with a manual sort key (not `AUTO(...)` and
not a multidimensional data layout, whose sortkey1 `padb_internal_mddl_key_col` names no
column of the table: Redshift chose and encodes those itself).

## Why is this bad?
Range-restricted scans read the first sort-key column to decide which blocks to skip. When it
compresses much better than the other columns, each of its blocks covers many more rows, so a
narrow range still pulls in large blocks of every other column (AWS measured 2,706 ms with a
run-length sort key against 280 ms with delta on the same query).

## Example
```sql
CREATE TABLE rs_demo.logs_encoded_sortkey (log_id BIGINT ENCODE az64,
  logged_at TIMESTAMP ENCODE az64, message VARCHAR(512) ENCODE zstd)
COMPOUND SORTKEY (logged_at);
```

## Use instead
```sql
ALTER TABLE rs_demo.logs_encoded_sortkey ALTER COLUMN logged_at ENCODE RAW;
```

## Evidence
`svv_table_info.sortkey1`, `sortkey1_enc`, `tbl_rows`. Option `min_rows` (5,000,000, MCP
REC_010).

## Known limits
`sortkey1` names the column as svv_table_info prints it; AUTO sort keys are left to Redshift.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-auto-compression.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/Investigations/EarlyMaterialization.md
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import ENCODE_COLUMN
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_RAW = ENCODE_COLUMN["RAW"]

META = RuleMeta(
    id="RS-C12",
    name="encoded-leading-sortkey",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A large table's first sort-key column is compressed (sortkey1_enc not none)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    encoding = table.sortkey1_enc.strip().lower()
    sortkey = table.sortkey1
    if not sortkey or table.sortkey_auto or sortkey.upper().startswith("INTERLEAVED"):
        return  # Redshift's own sort key (AUTO, or a layout that is no column), or interleaved
    if encoding in ("", "none", "raw") or table.tbl_rows <= ctx.number("min_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name}: its first sort-key column {sortkey} is encoded {encoding}",
        table_evidence(table, sortkey1_enc=encoding),
        Fix.sql(
            f"Leave {sortkey} uncompressed",
            _RAW.render(table=table_ref(table), column=sortkey),
        ),
    )
