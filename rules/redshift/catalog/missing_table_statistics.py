"""## What it does
Flags a table that svv_table_info lists without statistics (`stats_off` is NULL): it was never
analysed.

## Why is this bad?
Without statistics the planner guesses the table's size and value distribution: it picks join
order, broadcast or redistribution and memory blindly, and can broadcast a large table it
believes is small. AWS Advisor calls missing statistics critical.

## Example
```sql
SELECT "schema", "table", stats_off FROM svv_table_info WHERE stats_off IS NULL;
-- rs_demo | customers_nostats | (null)
```

## Use instead
```sql
ANALYZE rs_demo.customers_nostats PREDICATE COLUMNS;
```

## Evidence
`svv_table_info.stats_off` (NULL when the table has no statistics) and `tbl_rows`.

## Known limits
Empty tables are not listed in svv_table_info and are never reported.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS
from rules.redshift.catalog._catalog import table_evidence, table_finding, table_ref

_FIX = ANALYZE_PREDICATE_COLUMNS

META = RuleMeta(
    id="RS-C01",
    name="missing-table-statistics",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.HIGH,
    summary="A table has no planner statistics (svv_table_info.stats_off is NULL)",
    fix_safety=FixSafety.SAFE,
    live=True,
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.stats_off is not None:
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has no statistics ({table.tbl_rows:,} rows): the planner "
        "guesses its size",
        table_evidence(table, stats_off=None),
        Fix.sql(
            f"Analyse {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
            FixSafety.SAFE,
        ),
    )
