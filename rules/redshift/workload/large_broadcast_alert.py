"""## What it does
Flags queries that broadcast or redistributed more than 1,000,000 rows across the network:
the alerts `Broadcasted a large number of rows across the network` and `Distributed a large
number of rows across the network` in stl_alert_event_log.

## Why is this bad?
Moving millions of rows between nodes on every run is the cost a DISTKEY or DISTSTYLE ALL
choice is meant to remove; the alert says it happened in production, not only in a plan.

## Example
```text
Broadcasted a large number of rows across the network:4000000 rows were broadcasted in order
to process the join
```

## Use instead
```sql
ALTER TABLE customers ALTER DISTSTYLE KEY DISTKEY customer_id;  -- collocate the join
```

## Evidence
`stl_alert_event_log.event` (the row count after the colon) joined to `stl_scan` for the
table. Option `min_rows` (1,000,000).

## Known limits
The scanned table is not always the one moved; the plan rules (RS-P01, RS-P02) name the join.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_ALERT_EVENT_LOG.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    FixSafety,
    RsContext,
    RsWorkload,
    RuleMeta,
    Severity,
    TargetKind,
)
from rules.redshift.workload._alerts import alerts, row_count, text_fix

META = RuleMeta(
    id="RS-W05",
    name="large-broadcast-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Queries broadcast or redistributed over 1,000,000 rows (stl_alert_event_log)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 1_000_000},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    events = (
        *alerts(workload, "Broadcasted a large number of rows"),
        *alerts(workload, "Distributed a large number of rows"),
    )
    for alert in events:
        rows = row_count(alert)
        if rows is None or rows <= float(ctx.options["min_rows"]):
            continue
        verb = "broadcast" if alert.event.startswith("Broadcast") else "redistributed"
        yield META.finding(
            f"Query {alert.query_id} {verb} {rows:,} rows across the network"
            + (f" (scan of {alert.table})" if alert.table else ""),
            None,
            object=alert.table,
            evidence=Evidence.of(event=alert.event, rows=rows, occurrences=alert.occurrences),
            fix=text_fix(
                "Collocate the join: a shared DISTKEY on the join column, or DISTSTYLE ALL for "
                "a small, slow-changing table"
            ),
            anchor=f"{alert.event} {alert.table}",
        )
