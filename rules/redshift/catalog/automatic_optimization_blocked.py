"""## What it does
Flags tables that automatic table optimisation (ATO) wanted to change but could not: the latest
sys_auto_table_optimization event of a table for a kind of change (distribution key, sort key,
encoding) is neither `Complete: 100%` nor `Abort:This table is already the recommended style.`,
and the table is not AUTO for that kind (svl_auto_worker_action on clusters without the SYS
view). A sort key shown as a multidimensional data layout (sortkey1
`padb_internal_mddl_key_col`) is an AUTO sort key.

## Why is this bad?
Redshift worked out from the table's own workload that another key or encoding would pay off,
then dropped it (`Abort:This table is not AUTO.`) because the table's keys were set by hand.
Queries keep paying for the manual choice; converting to AUTO lets ATO apply the change in the
background and keep adapting it.

## Example
```sql
SELECT table_id, alter_table_type, status FROM sys_auto_table_optimization
ORDER BY event_time DESC;
-- 16719 | sortkey | Abort:This table is not AUTO.
```

## Use instead
```sql
ALTER TABLE rs_demo.logs_encoded_sortkey ALTER SORTKEY AUTO;
ALTER TABLE rs_demo.logs_encoded_sortkey ALTER ENCODE AUTO;
```
(`ALTER DISTSTYLE AUTO` for a distribution key; the current keys are kept until ATO changes
them.)

## Evidence
The latest event per table and `alter_table_type` (ranked on the server), the table's name and
keys from svv_table_info. Source: the MCP operational review (ATOWorkerActions, REC_004,
REC_007, REC_008).

## Known limits
Events of tables svv_table_info does not list (dropped tables, other schemas than those read)
are not reported. A table whose keys were chosen on purpose from workload evidence may be kept
manual; then this finding is noise for it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SYS_AUTO_TABLE_OPTIMIZATION.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_AUTO_WORKER_ACTION.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Creating_tables.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsAutoAction, RsContext, RsSnapshot, RsTableStats
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import DISTSTYLE_AUTO, ENCODE_AUTO, SORTKEY_AUTO

META = RuleMeta(
    id="RS-C18",
    name="automatic-optimization-blocked",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="Automatic table optimisation wants to change a table whose keys are not AUTO",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

# Statuses that mean ATO has nothing left to do.
SETTLED = ("complete: 100%", "abort:this table is already the recommended style.")
# alter_table_type -> (what it changes, the ALTER clause that hands it to ATO)
CHANGES = {
    "distkey": ("distribution style", DISTSTYLE_AUTO),
    "sortkey": ("sort key", SORTKEY_AUTO),
    "encode": ("encoding", ENCODE_AUTO),
}


def is_auto(stats: RsTableStats | None, kind: str) -> bool:
    """Whether svv_table_info shows the table already AUTO for this kind of change."""
    if stats is None:
        return False
    if kind == "sortkey" and stats.sortkey_auto:
        return True  # AUTO(SORTKEY...), or the multidimensional layout of an AUTO sort key
    value = {"distkey": stats.diststyle, "sortkey": stats.sortkey1, "encode": stats.encoded}[kind]
    return "AUTO" in value.upper()


def blocked(snapshot: RsSnapshot) -> dict[str, list[RsAutoAction]]:
    """The unsettled latest events of non-AUTO tables, by qualified table name."""
    found: dict[str, list[RsAutoAction]] = {}
    for action in snapshot.auto_actions:
        if action.table is None or action.alter_type not in CHANGES:
            continue
        if action.status.strip().lower() in SETTLED:
            continue
        if is_auto(snapshot.table(action.table), action.alter_type):
            continue
        found.setdefault(action.table, []).append(action)
    return found


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for table, actions in sorted(blocked(snapshot).items()):
        actions.sort(key=lambda a: list(CHANGES).index(a.alter_type))
        kinds = [CHANGES[a.alter_type][0] for a in actions]
        statuses = "; ".join(f"{a.alter_type}: {a.status}" for a in actions)
        ddl = "\n".join(CHANGES[a.alter_type][1].render(table=dotted(table)) for a in actions)
        yield META.finding(
            f"Automatic table optimisation wants to change the {' and '.join(kinds)} of "
            f"{table}, which is not AUTO ({statuses})",
            None,
            object=table,
            evidence=Evidence.of(
                table_id=actions[0].table_id,
                changes=" ".join(a.alter_type for a in actions),
                status=statuses,
                last_event=max(a.event_time for a in actions),
            ),
            fix=Fix.sql(f"Hand the {' and '.join(kinds)} of {table} to ATO", ddl),
            anchor=f"ato {table}",
        )
