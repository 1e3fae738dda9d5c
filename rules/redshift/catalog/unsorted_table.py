"""## What it does
Flags a large table whose unsorted region hurts its scans: svv_table_info's
`vacuum_sort_benefit` (the estimated scan improvement if the table were fully sorted) is 10 or
more on a table of over 5,000,000 rows.

## Why is this bad?
Zone maps let Redshift skip blocks only in the sorted region; rows appended out of order are
read block by block on every range-restricted scan.

## Example
```sql
SELECT "table", unsorted, vacuum_sort_benefit FROM svv_table_info;
-- events_unsorted | 62.50 | 41.00
```

## Use instead
```sql
VACUUM SORT ONLY rs_demo.events_unsorted TO 99 PERCENT;
```

## Evidence
`svv_table_info.vacuum_sort_benefit`, `unsorted`, `tbl_rows`. Options `min_sort_benefit`
(10), `min_rows` (5,000,000) from the MCP review rule REC_013.

## Known limits
A high `unsorted` alone is not reported: 86% unsorted can mean 5% benefit. For large,
ingest-heavy tables queried on recent data `VACUUM RECLUSTER` is cheaper (not for interleaved
or ALL tables).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Reclaiming_storage_space202.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import VACUUM_SORT_ONLY_99
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_FIX = VACUUM_SORT_ONLY_99

META = RuleMeta(
    id="RS-C03",
    name="unsorted-table",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A large table's unsorted rows slow its scans (vacuum_sort_benefit)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_sort_benefit": 10.0, "min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    benefit = table.vacuum_sort_benefit
    if benefit is None or benefit < ctx.number("min_sort_benefit"):
        return
    if table.tbl_rows <= ctx.number("min_rows"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} is {table.unsorted or 0:g}% unsorted; sorting it would "
        f"speed its scans by up to {benefit:g}%",
        table_evidence(table, unsorted=table.unsorted, vacuum_sort_benefit=benefit),
        Fix.sql(
            f"Sort {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
        ),
    )
