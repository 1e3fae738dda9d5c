"""## What it does
Flags tables that queries scanned while the planner had no statistics for them: the alert
`Missing query planner statistics` in stl_alert_event_log, tied to its table through stl_scan.

## Why is this bad?
The alert is raised when a query actually ran on guessed sizes: its join order and
distribution steps were chosen blind, and every run of it pays again until the table is
analysed.

## Example
```sql
SELECT trim(event), trim(solution) FROM stl_alert_event_log;
-- Missing query planner statistics | Run the ANALYZE command
```

## Use instead
```sql
ANALYZE customers_nostats PREDICATE COLUMNS;
```

## Evidence
`stl_alert_event_log` (event, solution, query) joined to `stl_scan` on query, slice, segment
and step for the table name; grouped on the server by event and table.

## Known limits
stl_scan gives the table name without its schema. Serverless has no STL views: the connector
notes it and the rule sees no alerts.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS
from rules.redshift.workload._alerts import alerts

_ANALYZE = ANALYZE_PREDICATE_COLUMNS

META = RuleMeta(
    id="RS-W01",
    name="missing-statistics-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.HIGH,
    summary="Queries ran without planner statistics (stl_alert_event_log)",
    fix_safety=FixSafety.SAFE,
    live=True,
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for alert in alerts(workload, "Missing query planner statistics"):
        table = alert.table
        yield META.finding(
            f"{words.count(alert.occurrences, 'query alert')} ran without statistics for "
            f"{table or 'a table'} (e.g. query {alert.query_id})",
            None,
            object=table,
            evidence=Evidence.of(
                event=alert.event, occurrences=alert.occurrences, query=alert.query_id
            ),
            fix=Fix.sql(f"Analyse {table}", _ANALYZE.render(table=dotted(table)), FixSafety.SAFE)
            if table
            else Fix.advice("Run ANALYZE on the tables the alerted queries scan"),
            anchor=f"{alert.event} {table}",
        )
