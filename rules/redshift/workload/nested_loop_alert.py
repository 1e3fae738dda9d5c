"""## What it does
Flags queries that ran a nested loop join: the alert `Nested Loop Join in the query plan` in
stl_alert_event_log, tied to a scanned table through stl_scan.

## Why is this bad?
A nested loop compares every row of one input with every row of the other. It is what
Redshift falls back to when a join has no equality predicate, most often a missing or wrong
join condition (a Cartesian product); its cost grows with the product of both sizes, on every
run of the query.

## Example
```sql
SELECT * FROM sales, event WHERE sales.qtysold > 2;  -- no join condition
```

## Use instead
```sql
SELECT * FROM sales JOIN event ON event.eventid = sales.eventid WHERE sales.qtysold > 2;
```

## Evidence
`stl_alert_event_log` (event, solution `Review the join predicates to avoid Cartesian
products`, query) joined to `stl_scan` for a table the query scanned; grouped on the server by
event and table.

## Known limits
The alert names the query, not the join: the table is one the alerted step scanned, and the
query text (sys_query_history) shows which join lacks its predicate. A deliberate cross join
with a tiny side raises the same alert. Serverless has no STL views.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from rules.redshift.workload._alerts import alerts

META = RuleMeta(
    id="RS-W02",
    name="nested-loop-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.HIGH,
    summary="Queries ran a nested loop join (stl_alert_event_log)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for alert in alerts(workload, "Nested Loop Join in the query plan"):
        table = alert.table
        yield META.finding(
            f"{words.count(alert.occurrences, 'query alert')} ran a nested loop join"
            + (f" scanning {table}" if table else "")
            + f" (e.g. query {alert.query_id})",
            None,
            object=table,
            evidence=Evidence.of(
                event=alert.event, occurrences=alert.occurrences, query=alert.query_id
            ),
            fix=Fix.advice(
                f"Give every join of query {alert.query_id} an equality join condition "
                "(no comma join or ON TRUE without a predicate)"
            ),
            anchor=f"{alert.event} {table}",
        )
