"""## What it does
Flags manual WLM queues (service classes 6 to 13) whose slots were never all in use: the most
slots that queue's queries held at once in any hour of the history window (stl_wlm_query
executions, `slot_count` each) stays below its `num_query_tasks` in
stv_wlm_service_class_config.

## Why is this bad?
A manual queue's memory is divided among all its slots, used or not: a query in a 15-slot queue
gets a fifteenth of the queue's memory even when it runs alone. Slots that are never used only
shrink the memory of the ones that are, so queries spill to disk.

## Example
```sql
SELECT service_class, num_query_tasks FROM stv_wlm_service_class_config
WHERE service_class BETWEEN 6 AND 13;
-- 6 | 15   (at most 1 query ran at once in the last 7 days)
```

## Use instead
```text
wlm_json_configuration: "query_concurrency" of queue etl lowered from 15 to 1
```
Each remaining slot gets a larger share of the queue's memory.

## Evidence
Per service class and hour, the peak of slots in use, computed on the server as a running sum
of +slot_count at each execution start and -slot_count at each end (stl_wlm_query; on clusters
without it sys_query_history, one slot per query from start to end, queue time included);
the queues' slots from stv_wlm_service_class_config. Option `min_idle_slots` (1). Sources:
Advisor's "Reallocate WLM memory", amazon-redshift-utils `wlm_apex_hourly.sql`.

## Known limits
Only the history window is seen: a month-end peak outside it is missed. Queries that were
queued but never ran are not counted. Automatic WLM (slots -1) and the superuser, short query
and maintenance classes are not judged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_WLM_QUERY.html
- https://docs.aws.amazon.com/redshift/latest/dg/cm-c-defining-query-queues.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/wlm_apex_hourly.sql
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot, RsWlmPeakHour
from rules.redshift.catalog.manual_wlm import manual_queues

META = RuleMeta(
    id="RS-C34",
    name="idle-wlm-slots",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="A manual WLM queue has slots its queries never used",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_idle_slots": 1},
)

HISTORY_VIEWS = ("stl_wlm_query", "sys_query_history")


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    if snapshot.workload is None or not set(HISTORY_VIEWS) & set(snapshot.views):
        return
    peaks: dict[int, RsWlmPeakHour] = {}
    for hour in snapshot.workload.wlm_peak_hours:
        best = peaks.get(hour.service_class)
        if best is None or hour.peak_slots > best.peak_slots:
            peaks[hour.service_class] = hour
    for queue in manual_queues(snapshot):
        peak = peaks.get(queue.service_class)
        used = peak.peak_slots if peak else 0
        idle = queue.num_query_tasks - used
        if queue.num_query_tasks <= 0 or idle < ctx.number("min_idle_slots"):
            continue
        when = f" (hour {peak.hour})" if peak else ""
        yield META.finding(
            f"WLM queue {queue.name} (service class {queue.service_class}) has "
            f"{queue.num_query_tasks} slots, but its queries held at most {used} at once"
            f"{when}: {idle} slots were never used",
            None,
            object=f"wlm queue {queue.name}",
            evidence=Evidence.of(
                service_class=queue.service_class,
                slots=queue.num_query_tasks,
                peak_slots=used,
                peak_hour=peak.hour if peak else None,
                memory_per_slot_mb=queue.query_working_mem,
            ),
            fix=Fix.advice(
                f"Lower query_concurrency of queue {queue.name} from {queue.num_query_tasks} "
                f"to {max(used, 1)} in wlm_json_configuration"
            ),
            anchor=f"wlm queue {queue.name}",
        )
