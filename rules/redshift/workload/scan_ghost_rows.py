"""## What it does
Flags tables whose scans read many ghost rows or throw away almost everything they read, from
stl_scan summed per table on the server: `rows_pre_filter - rows_pre_user_filter` are ghost
rows (deleted or uncommitted rows read and dropped), `rows_pre_user_filter - rows` are rows
the query's own filter dropped.

## Why is this bad?
Ghost rows are blocks VACUUM has not reclaimed: every scan reads them for nothing. A filter
that drops nearly every row it is handed means the zone maps skipped nothing: the filtered
column is not the leading sort key, or the table is unsorted.

## Example
```sql
SELECT trim(perm_table_name), sum(rows_pre_filter - rows_pre_user_filter)
FROM stl_scan GROUP BY 1;  -- clicks_ghost | 9,000,000
```

## Use instead
```sql
VACUUM DELETE ONLY rs_demo.clicks_ghost;
```

## Evidence
`stl_scan` (user tables, `type = 2`) summed per table on the server: rows before any filter,
before the user filter, and returned. Options `min_ghost_share` (0.1), `min_ghost_rows`
(1,000,000), `min_discard_share` (0.95), `min_discard_rows` (10,000,000).

## Known limits
Uncommitted rows of a running load count as ghosts too. stl_scan gives the table name without
its schema; the catalog supplies it when the name is unique. Serverless has no STL views.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_SCAN.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableScan, RsWorkload
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import VACUUM_DELETE_ONLY

_VACUUM = VACUUM_DELETE_ONLY

META = RuleMeta(
    id="RS-W13",
    name="scan-ghost-rows",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Scans read many ghost rows, or their filter drops nearly every row (stl_scan)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={
        "min_ghost_share": 0.1,
        "min_ghost_rows": 1_000_000,
        "min_discard_share": 0.95,
        "min_discard_rows": 10_000_000,
    },
)


def _evidence(scan: RsTableScan) -> Evidence:
    return Evidence.of(
        queries=scan.queries,
        rows_pre_filter=scan.rows_pre_filter,
        rows_pre_user_filter=scan.rows_pre_user_filter,
        rows=scan.rows,
    )


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    opts = ctx.options
    for scan in workload.scans:
        stats = ctx.redshift.table(scan.table)
        table = stats.qualified_name if stats else scan.table
        ghosts = scan.rows_pre_filter - scan.rows_pre_user_filter
        if (
            scan.rows_pre_filter > 0
            and ghosts >= float(opts["min_ghost_rows"])
            and ghosts / scan.rows_pre_filter >= float(opts["min_ghost_share"])
        ):
            yield META.finding(
                f"Scans of {scan.table} read {ghosts:,} ghost rows "
                f"({ghosts / scan.rows_pre_filter:.0%} of the rows read, {scan.queries} queries)",
                None,
                object=scan.table,
                evidence=_evidence(scan),
                fix=Fix.sql(
                    f"Reclaim the deleted rows of {table}", _VACUUM.render(table=dotted(table))
                ),
                anchor=f"ghost rows {scan.table}",
            )
            continue
        dropped = scan.rows_pre_user_filter - scan.rows
        if (
            scan.rows_pre_user_filter > 0
            and dropped >= float(opts["min_discard_rows"])
            and dropped / scan.rows_pre_user_filter >= float(opts["min_discard_share"])
        ):
            lead = f" (it leads with {stats.sortkey1})" if stats and stats.sortkey1 else ""
            yield META.finding(
                f"Scans of {scan.table} dropped {dropped:,} rows in their filter "
                f"({dropped / scan.rows_pre_user_filter:.0%} of the rows read, "
                f"{scan.queries} queries)",
                None,
                object=scan.table,
                evidence=_evidence(scan),
                fix=Fix.advice(
                    f"Lead the sort key of {table}{lead} with the column the queries filter on, "
                    "so zone maps skip the blocks instead of the filter dropping their rows"
                ),
                anchor=f"filtered rows {scan.table}",
            )
