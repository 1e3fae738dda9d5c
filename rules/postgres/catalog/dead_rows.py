"""## What it does
Flags a table whose dead rows exceed the point at which autovacuum should have vacuumed it:
`n_dead_tup > autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor * reltuples`.

## Why is this bad?
UPDATE and DELETE leave the old row versions in place until VACUUM removes them. Until then
every sequential scan reads them, indexes keep pointing at them, and the table grows instead of
reusing space. A table past its threshold means autovacuum is off, blocked (a long transaction,
a lock) or too slow for the write rate.

## Example
```sql
-- 30,000 live rows, 30,000 dead rows, last vacuumed before the big UPDATE
SELECT n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'orders_churn';
```

## Use instead
```sql
VACUUM (ANALYZE) shop.orders_churn;
-- if it recurs, make autovacuum start earlier on this table:
ALTER TABLE shop.orders_churn SET (autovacuum_vacuum_scale_factor = 0.05);
```

## Evidence
`pg_stat_user_tables` (n_dead_tup, n_live_tup, last_vacuum, last_autovacuum), `pg_class`
(reltuples, reloptions) and the server's autovacuum settings. The threshold takes the table's
reloptions first, then the server setting, then the rule options (`vacuum_threshold` 50,
`vacuum_scale_factor` 0.2).

## Known limits
The counters are estimates kept by the statistics system and reset by `pg_stat_reset()`; a
replica has its own. The rule cannot tell why autovacuum fell behind.

## References
- https://www.postgresql.org/docs/current/routine-vacuuming.html#AUTOVACUUM
- https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ALL-TABLES-VIEW
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import row_estimate, table_setting

_VACUUM = Template("VACUUM (ANALYZE) {table}", "postgres", composed=True)

META = RuleMeta(
    id="PG-C01",
    name="dead-rows",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="Dead rows past the autovacuum threshold are waiting for VACUUM",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"vacuum_threshold": 50, "vacuum_scale_factor": 0.2},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    stats = table.stats
    if stats is None or stats.n_dead_tup == 0:
        return
    rows = row_estimate(table)
    base = table_setting(table, ctx, "autovacuum_vacuum_threshold", "vacuum_threshold")
    scale = table_setting(table, ctx, "autovacuum_vacuum_scale_factor", "vacuum_scale_factor")
    threshold = base + scale * rows
    if stats.n_dead_tup <= threshold:
        return
    total = stats.n_dead_tup + stats.n_live_tup
    share = round(100 * stats.n_dead_tup / total, 1) if total else None
    yield META.finding(
        f"{table.qualified_name} has {stats.n_dead_tup:,} dead rows ({share}% of its rows), "
        f"past the autovacuum threshold of {threshold:,.0f}",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            n_dead_tup=stats.n_dead_tup,
            n_live_tup=stats.n_live_tup,
            dead_percent=share,
            threshold=round(threshold),
            last_vacuum=stats.last_vacuum,
            last_autovacuum=stats.last_autovacuum,
        ),
        fix=Fix.sql(
            f"Vacuum {table.qualified_name} now; lower its scale factor if it recurs",
            _VACUUM.render(table=name(table.schema, table.name)),
            FixSafety.SAFE,
        ),
        anchor=table.qualified_name,
    )
