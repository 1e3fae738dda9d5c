"""## What it does
Flags queries that broadcast more than 1,000,000 rows across the network: the alert
`Broadcasted a large number of rows across the network` in stl_alert_event_log (every slice
received a full copy of one join input).

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
Redistribution alerts (`Distributed a large number of rows`) are RS-W04's.

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
    id="RS-W05",
    name="large-broadcast-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Queries broadcast over 1,000,000 rows across the network (stl_alert_event_log)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 1_000_000},
)

FIX = Fix.advice(
    "Collocate the join: a shared DISTKEY on the join column, or DISTSTYLE ALL for the "
    "broadcast table when it is small and slow-changing"
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    yield from network_alerts(
        META, workload, ctx, "Broadcasted a large number of rows", "broadcast", FIX
    )
