"""## What it does
Flags a large table distributed ALL: svv_table_info `diststyle` is `ALL` (chosen by hand, not
`AUTO(ALL)`) on a table of over 5,000,000 rows.

## Why is this bad?
ALL keeps a full copy of the table on every node: storage, loads, updates and VACUUM all cost
once per node, and every write must commit on every node. That pays off only for small,
slowly changing dimensions.

## Example
```sql
CREATE TABLE rs_demo.visits_all (visit_id BIGINT, user_id INTEGER, visited_at TIMESTAMP)
DISTSTYLE ALL COMPOUND SORTKEY (visited_at);  -- 30,000,000 rows
```

## Use instead
```sql
ALTER TABLE rs_demo.visits_all ALTER DISTSTYLE AUTO;
-- or KEY on its main join column: ALTER TABLE ... ALTER DISTSTYLE KEY DISTKEY user_id;
```

## Evidence
`svv_table_info.diststyle`, `tbl_rows`, `size`. Option `min_rows` (5,000,000: above the MCP
review's line for tables that may be ALL; the AWS guide gives no number).

## Known limits
The rulebook also counts frequent DML on an ALL table (from the history); this rule reads only
the catalog. A large table that is never written and always joined may still be right as ALL.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import DISTSTYLE_AUTO
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = DISTSTYLE_AUTO

META = RuleMeta(
    id="RS-C11",
    name="large-table-all",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A table of over 5,000,000 rows is distributed ALL (a copy on every node)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.diststyle.strip().upper() != "ALL" or table.tbl_rows <= ctx.number("min_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has {table.tbl_rows:,} rows ({table.size_mb:,} MB) and a full "
        "copy on every node (DISTSTYLE ALL)",
        table_evidence(table),
        Fix.sql(
            f"Distribute {table.qualified_name} across the slices",
            _FIX.render(table=table_ref(table)),
        ),
    )
