"""## What it does
Flags queries whose hash join ran serially because the outer table is DISTSTYLE ALL: the
alert `DS_DIST_ALL_INNER for Hash Join in the query plan` in stl_alert_event_log, tied to its
table through stl_scan.

## Why is this bad?
With DS_DIST_ALL_INNER the whole inner table is sent to one slice and the join runs there
alone: one slice of the cluster does the work of all of them. ALL is meant for the inner
(dimension) side of a join, never the outer one.

## Example
```text
DS_DIST_ALL_INNER for Hash Join in the query plan | Review the choice of distribution
strategy to distribute the inner, rather than outer, table
```

## Use instead
```sql
ALTER TABLE sales_all ALTER DISTSTYLE KEY DISTKEY seller_id;  -- or ALTER DISTSTYLE EVEN
```

## Evidence
`stl_alert_event_log` joined to `stl_scan` for the table name, grouped on the server by event
and table; the table's `diststyle` from svv_table_info when it is in the catalog.

## Known limits
The scanned table of the alerted step is not always the ALL table; when the catalog shows it
is not ALL, the finding says so and gives no DDL. RS-P05 finds the same join in plans.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import DISTSTYLE_EVEN
from rules.redshift.workload._alerts import alerts

_EVEN = DISTSTYLE_EVEN

META = RuleMeta(
    id="RS-W06",
    name="serial-all-inner-alert",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.HIGH,
    summary="Hash joins ran on one slice: the outer table is DISTSTYLE ALL (DS_DIST_ALL_INNER)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for alert in alerts(workload, "DS_DIST_ALL_INNER for Hash Join"):
        table = alert.table
        stats = ctx.redshift.table(table) if table else None
        style = stats.diststyle if stats else None
        is_all = style is not None and style.upper() in ("ALL", "AUTO(ALL)")
        fix = Fix.advice("Distribute the outer table of the join (KEY on the join column or EVEN)")
        if stats is not None and is_all:
            fix = Fix.sql(
                f"Distribute {stats.qualified_name} instead of copying it to every node",
                _EVEN.render(table=dotted(stats.qualified_name)),
            )
        yield META.finding(
            f"{words.count(alert.occurrences, 'query alert')} ran a hash join "
            f"serially (DS_DIST_ALL_INNER)"
            + (f" scanning {table}" if table else "")
            + (f", which is DISTSTYLE {style}" if style else "")
            + f" (e.g. query {alert.query_id})",
            None,
            object=table,
            evidence=Evidence.of(
                event=alert.event,
                occurrences=alert.occurrences,
                query=alert.query_id,
                diststyle=style,
            ),
            fix=fix,
            anchor=f"{alert.event} {table}",
        )
