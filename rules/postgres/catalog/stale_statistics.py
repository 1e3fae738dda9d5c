"""## What it does
Flags a table changed so much since its last ANALYZE that autovacuum should have analysed it
again: `n_mod_since_analyze > autovacuum_analyze_threshold + autovacuum_analyze_scale_factor *
reltuples`.

## Why is this bad?
The planner chooses join orders, join methods and index use from the statistics ANALYZE
collects. After many changes they describe a table that no longer exists: row estimates drift,
and a plan that was right becomes a nested loop over millions of rows or a sequential scan.

## Example
```sql
-- 500,000 rows loaded into a 10,000-row table, no ANALYZE since
SELECT n_mod_since_analyze, last_analyze FROM pg_stat_user_tables WHERE relname = 'orders';
```

## Use instead
```sql
ANALYZE shop.orders;
```

## Evidence
`pg_stat_user_tables` (n_mod_since_analyze, last_analyze, last_autoanalyze), `pg_class`
(reltuples, reloptions) and the server's settings; the threshold takes reloptions first, then
the server setting, then the options (`analyze_threshold` 50, `analyze_scale_factor` 0.1).

## Known limits
A table that was never analysed is left to PG-C03. Counters reset with `pg_stat_reset()`.

## References
- https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-STATISTICS
- https://www.postgresql.org/docs/current/sql-analyze.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import row_estimate, table_setting

_ANALYZE = Template("ANALYZE {table}", "postgres")

META = RuleMeta(
    id="PG-C02",
    name="stale-statistics",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="Rows changed since the last ANALYZE exceed the autovacuum analyse threshold",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"analyze_threshold": 50, "analyze_scale_factor": 0.1},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    stats = table.stats
    if stats is None or not (stats.last_analyze or stats.last_autoanalyze):
        return
    rows = row_estimate(table)
    base = table_setting(table, ctx, "autovacuum_analyze_threshold", "analyze_threshold")
    scale = table_setting(table, ctx, "autovacuum_analyze_scale_factor", "analyze_scale_factor")
    threshold = base + scale * rows
    if stats.n_mod_since_analyze <= threshold:
        return
    last = max(filter(None, (stats.last_analyze, stats.last_autoanalyze)))
    yield META.finding(
        f"{table.qualified_name} has {stats.n_mod_since_analyze:,} rows changed since its last "
        f"ANALYZE ({last}); the threshold is {threshold:,.0f}",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            n_mod_since_analyze=stats.n_mod_since_analyze,
            reltuples=rows,
            threshold=round(threshold),
            last_analyze=stats.last_analyze,
            last_autoanalyze=stats.last_autoanalyze,
        ),
        fix=Fix.sql(
            f"Refresh the statistics of {table.qualified_name}",
            _ANALYZE.render(table=name(table.schema, table.name)),
            FixSafety.SAFE,
        ),
        anchor=table.qualified_name,
    )
