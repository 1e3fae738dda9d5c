"""## What it does
Flags a large table without a sort key: svv_table_info `sortkey1` is empty on a table of over
5,000,000 rows (an `AUTO(SORTKEY)` table is left to Redshift).

## Why is this bad?
Without a sort key the zone maps (each block's min and max) overlap everywhere, so a filter
on a date or an id range cannot skip blocks: every scan reads the whole table.

## Example
```sql
CREATE TABLE rs_demo.visits_nosortkey (visit_id BIGINT, user_id INTEGER,
  visited_at TIMESTAMP) DISTSTYLE KEY DISTKEY (user_id);
```

## Use instead
```sql
ALTER TABLE rs_demo.visits_nosortkey ALTER SORTKEY AUTO;
-- or, when one column dominates the filters: ALTER TABLE ... ALTER SORTKEY (visited_at);
```

## Evidence
`svv_table_info.sortkey1`, `tbl_rows`. Option `min_rows` (5,000,000, MCP REC_007).

## Known limits
The catalog does not say which column the queries filter on; `advisor keys` (or RS-W rules on
the workload) picks one from the history, and AUTO lets Redshift learn it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import SORTKEY_AUTO
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = SORTKEY_AUTO

META = RuleMeta(
    id="RS-C08",
    name="large-table-without-sortkey",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A table of over 5,000,000 rows has no sort key",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.sortkey1.strip() or table.tbl_rows <= ctx.number("min_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has {table.tbl_rows:,} rows and no sort key: "
        "its scans cannot skip blocks",
        table_evidence(table),
        Fix.sql(
            f"Give {table.qualified_name} a sort key",
            _FIX.render(table=table_ref(table)),
        ),
    )
