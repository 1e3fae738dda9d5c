"""Helpers shared by the Redshift workload rules: alerts by event, row counts, fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, RuleMeta
from advisor.model_redshift import RsAlert, RsContext, RsWorkload

_ROWCOUNT = re.compile(r":\s*(\d+)\s+rows")


def alerts(workload: RsWorkload, event: str) -> Iterator[RsAlert]:
    """The alerts whose event (the text before the first colon) starts with `event`."""
    key = event.lower()
    for alert in workload.alerts:
        if alert.event.lower().startswith(key):
            yield alert


def row_count(alert: RsAlert) -> int | None:
    """The RowCount of `...:RowCount rows were distributed...` events."""
    match = _ROWCOUNT.search(alert.text)
    return int(match.group(1)) if match else alert.rows


def network_alerts(
    meta: RuleMeta, workload: RsWorkload, ctx: RsContext, event: str, verb: str, fix: Fix
) -> Iterator[Finding]:
    """One finding per `event` alert that moved more than the rule's `min_rows` rows."""
    for alert in alerts(workload, event):
        rows = row_count(alert)
        if rows is None or rows <= float(ctx.options["min_rows"]):
            continue
        yield meta.finding(
            f"Query {alert.query_id} {verb} {rows:,} rows across the network"
            + (f" (scan of {alert.table})" if alert.table else ""),
            None,
            object=alert.table,
            evidence=Evidence.of(event=alert.event, rows=rows, occurrences=alert.occurrences),
            fix=fix,
            anchor=f"{alert.event} {alert.table}",
        )


__all__ = ["alerts", "network_alerts", "row_count"]
