"""## What it does
Flags tables whose scans read many deleted rows: the alert `Scanned a large number of deleted
rows` in stl_alert_event_log, tied to its table through stl_scan.

## Why is this bad?
Deleted rows stay in their blocks until VACUUM reclaims them; the alerted queries read and
discard them on every run.

## Example
```sql
SELECT trim(event), trim(solution) FROM stl_alert_event_log;
-- Scanned a large number of deleted rows | Run the VACUUM command to reclaim deleted space
```

## Use instead
```sql
VACUUM DELETE ONLY clicks_ghost;
```

## Evidence
`stl_alert_event_log` joined to `stl_scan` for the table name, grouped on the server.

## Known limits
Uncommitted rows of a running load raise the same alert: run the VACUUM when no load into
the table is running.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import VACUUM_DELETE_ONLY
from rules.redshift.workload._alerts import alerts

_VACUUM = VACUUM_DELETE_ONLY

META = RuleMeta(
    id="RS-W03",
    name="deleted-rows-scanned",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Queries scanned many deleted rows (stl_alert_event_log)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for alert in alerts(workload, "Scanned a large number of deleted rows"):
        table = alert.table
        yield META.finding(
            f"{words.count(alert.occurrences, 'query alert')} scanned many deleted rows of "
            f"{table or 'a table'} (e.g. query {alert.query_id})",
            None,
            object=table,
            evidence=Evidence.of(event=alert.event, occurrences=alert.occurrences, rows=alert.rows),
            fix=Fix.sql(f"Reclaim the deleted rows of {table}", _VACUUM.render(table=dotted(table)))
            if table
            else Fix.advice("VACUUM DELETE ONLY the tables the alerted queries scan"),
            anchor=f"{alert.event} {table}",
        )
