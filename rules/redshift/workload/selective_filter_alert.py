"""## What it does
Flags tables that queries scanned with a very selective filter: the alert `Very selective
query filter` in stl_alert_event_log (the scan kept under 5% of the rows it read), tied to its
table through stl_scan. The fix depends on the catalog: VACUUM SORT ONLY only when
svv_table_info shows the table more than 20% unsorted, a sort-key review otherwise.

## Why is this bad?
Reading twenty rows to keep one means the zone maps could not skip the blocks: the filtered
column is not the table's leading sort key, or the table's sorted region is too small for
range-restricted scans to work.

## Example
```text
Very selective query filter | Review the choice of sort key to enable range restricted
scans, or run the VACUUM command to ensure the table is sorted
```

## Use instead
```sql
VACUUM SORT ONLY events_unsorted TO 99 PERCENT;  -- when the table is mostly unsorted
-- otherwise: lead the sort key with the column the alerted queries filter on
```

## Evidence
`stl_alert_event_log` joined to `stl_scan` for the table name, grouped on the server by event
and table; `unsorted` and `sortkey1` from svv_table_info. Option `min_unsorted` (20 percent).

## Known limits
A VACUUM on a table that is already sorted does not help and can fragment it: the rule only
proposes VACUUM when the catalog shows the table unsorted, and says nothing about VACUUM when
the table is not in the catalog. The alert does not name the filtered column.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_ALERT_EVENT_LOG.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://github.com/awslabs/amazon-redshift-utils/issues/222
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import VACUUM_SORT_ONLY_99
from rules.redshift.workload._alerts import alerts

_SORT = VACUUM_SORT_ONLY_99

META = RuleMeta(
    id="RS-W07",
    name="selective-filter-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Scans kept under 5% of the rows they read (very selective query filter alert)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_unsorted": 20.0},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for alert in alerts(workload, "Very selective query filter"):
        table = alert.table
        stats = ctx.redshift.table(table) if table else None
        unsorted = stats.unsorted if stats else None
        limit = float(ctx.options["min_unsorted"])
        if stats is not None and unsorted is not None and unsorted > limit:
            fix = Fix.sql(
                f"Sort {stats.qualified_name}: {unsorted:g}% of its rows are unsorted",
                _SORT.render(table=dotted(stats.qualified_name)),
            )
        else:
            lead = f" (it leads with {stats.sortkey1})" if stats and stats.sortkey1 else ""
            fix = Fix.advice(
                f"Lead the sort key of {table or 'the scanned table'}{lead} with the column the "
                "alerted queries filter on; no VACUUM, the table is not known to be unsorted"
            )
        yield META.finding(
            f"{words.count(alert.occurrences, 'query alert')} read many rows to keep few scanning "
            f"{table or 'a table'} (e.g. query {alert.query_id})",
            None,
            object=table,
            evidence=Evidence.of(
                event=alert.event,
                occurrences=alert.occurrences,
                query=alert.query_id,
                unsorted=unsorted,
                sortkey1=stats.sortkey1 if stats else None,
            ),
            fix=fix,
            anchor=f"{alert.event} {table}",
        )
