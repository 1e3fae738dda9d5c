"""## What it does
Flags a table whose statistics are stale: `svv_table_info.stats_off` above 10 (percent of
rows changed since the last ANALYZE).

## Why is this bad?
The planner's row counts and value distributions no longer match the table, so join order,
distribution steps and memory grants are chosen for a table that no longer exists.

## Example
```sql
SELECT "schema", "table", stats_off FROM svv_table_info WHERE stats_off > 10;
-- rs_demo | orders_stale | 60.00
```

## Use instead
```sql
ANALYZE rs_demo.orders_stale PREDICATE COLUMNS;
```

## Evidence
`svv_table_info.stats_off`. Option `max_stats_off` (10, the amazon-redshift-utils and MCP
threshold; AWS Advisor's own SQL uses 5).

## Known limits
ANALYZE skips a table when fewer than `analyze_threshold_percent` (10%) of its rows changed;
`SET analyze_threshold_percent TO 0;` first analyses it regardless.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AnalyzeVacuumUtility/README.md
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = ANALYZE_PREDICATE_COLUMNS

META = RuleMeta(
    id="RS-C02",
    name="stale-table-statistics",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A table's statistics are stale (svv_table_info.stats_off above 10)",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"max_stats_off": 10.0},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.stats_off is None or table.stats_off <= ctx.number("max_stats_off"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} statistics are {table.stats_off:g}% off",
        table_evidence(table, stats_off=table.stats_off),
        Fix.sql(
            f"Analyse {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
            FixSafety.SAFE,
        ),
    )
