"""## What it does
Flags a table whose rows are spread unevenly over the slices: `svv_table_info.skew_rows` (rows
on the fullest slice over rows on the emptiest) is 4 or more, on a table with a manual
distribution style.

## Why is this bad?
A query runs as slowly as its busiest slice: with a skewed DISTKEY one slice scans, joins and
aggregates several times the rows of the others while they wait, and its disk fills first.
Heavy skew on one slice often means a DISTKEY with many NULLs or one dominant value.

## Example
```sql
CREATE TABLE rs_demo.sales_skewed (sale_id BIGINT, seller_id INTEGER, ...)
DISTSTYLE KEY DISTKEY (seller_id);  -- skew_rows 9.40
```

## Use instead
```sql
ALTER TABLE rs_demo.sales_skewed ALTER DISTSTYLE EVEN;
-- or a high-cardinality join column: ALTER TABLE ... ALTER DISTSTYLE KEY DISTKEY sale_id;
```

## Evidence
`svv_table_info.skew_rows`, `diststyle`, `tbl_rows`. Options `max_skew` (4.0, the docs'
"4.00 or higher"), `min_rows` (5,000,000, MCP REC_008; set 0 to follow the docs alone).

## Known limits
Tables with `AUTO` distribution are left to Redshift. The fix does not know the workload's
joins: EVEN is the safe choice; a better DISTKEY needs the join graph.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
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

_FIX = DISTSTYLE_EVEN

META = RuleMeta(
    id="RS-C06",
    name="row-skew",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.HIGH,
    summary="A table's rows are skewed across slices (svv_table_info.skew_rows of 4 or more)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_skew": 4.0, "min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    skew = table.skew_rows
    if skew is None or skew < ctx.number("max_skew"):
        return
    if table.diststyle.upper().startswith("AUTO") or table.tbl_rows <= ctx.number("min_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} ({table.diststyle}) has {skew:g} times more rows on its "
        "fullest slice than on its emptiest",
        table_evidence(table, skew_rows=skew),
        Fix.sql(
            f"Spread {table.qualified_name} evenly (or pick a high-cardinality DISTKEY)",
            _FIX.render(table=table_ref(table)),
        ),
    )
