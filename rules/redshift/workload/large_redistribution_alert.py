"""## What it does
Flags queries that redistributed more than 1,000,000 rows across the network: the alert
`Distributed a large number of rows across the network:RowCount rows were distributed in order
to process the aggregation` in stl_alert_event_log (solution: "Review the choice of
distribution key to collocate the join or aggregation").

## Why is this bad?
Each row was hashed on the join or GROUP BY column and sent to the slice that owns that value,
on every run. Tables distributed on that column would have joined or aggregated in place.

## Example
```text
Distributed a large number of rows across the network:2500000 rows were distributed in order
to process the aggregation
```

## Use instead
```sql
-- distribute the table on the column the query joins or groups by (check its skew first):
ALTER TABLE sales ALTER DISTSTYLE KEY DISTKEY customer_id;
```
`advisor whatif --distkey s.t=c` shows the joins a key would collocate and its skew; RS-W30
proposes keys from the whole workload.

## Evidence
`stl_alert_event_log.event` (the row count after the colon) joined to `stl_scan` for the
table. Option `min_rows` (1,000,000).

## Known limits
The scanned table is not always the one moved; the plan rules (RS-P01, RS-P03, RS-P04) name
the join and which side moved.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_ALERT_EVENT_LOG.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from rules.redshift.workload._alerts import network_alerts

META = RuleMeta(
    id="RS-W04",
    name="large-redistribution-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Queries redistributed over 1,000,000 rows across the network (stl_alert_event_log)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 1_000_000},
)

FIX = Fix.advice(
    "Revisit the DISTKEY: distribute on the column the query joins or groups by, if its skew "
    "allows (advisor whatif --distkey s.t=c; RS-W30 weighs the whole workload)"
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    yield from network_alerts(
        META, workload, ctx, "Distributed a large number of rows", "redistributed", FIX
    )
