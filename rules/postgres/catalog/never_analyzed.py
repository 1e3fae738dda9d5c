"""## What it does
Flags a table with rows that has never been analysed: both `last_analyze` and
`last_autoanalyze` are null.

## Why is this bad?
Without statistics the planner guesses: a fixed fraction of rows for every condition, no
knowledge of common values or correlation. Joins against such a table are planned on fiction,
which is where the worst plans (nested loops over large inputs, wrong hash sides) come from.

## Example
```sql
-- loaded with COPY a minute ago, autovacuum has not got to it yet (or is told not to)
SELECT last_analyze, last_autoanalyze FROM pg_stat_user_tables WHERE relname = 'events_raw';
```

## Use instead
```sql
ANALYZE shop.events_raw;
```

## Evidence
`pg_stat_user_tables` (last_analyze, last_autoanalyze, n_live_tup) and `pg_class.reltuples`;
the option `min_rows` (1) is the smallest row count that matters.

## Known limits
`pg_stat_reset()` clears the timestamps too, so a table analysed before a reset is reported.
Statistics imported with the table (pg_upgrade) are not visible here.

## References
- https://www.postgresql.org/docs/current/sql-analyze.html
- https://www.postgresql.org/docs/current/planner-stats.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name

_ANALYZE = Template("ANALYZE {table}", "postgres")

META = RuleMeta(
    id="PG-C03",
    name="never-analyzed",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.HIGH,
    summary="A table with rows has never been analysed: the planner has no statistics",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"min_rows": 1},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    stats = table.stats
    if stats is None or stats.last_analyze or stats.last_autoanalyze:
        return
    rows = max(float(stats.n_live_tup), table.reltuples)
    if rows < ctx.number("min_rows"):
        return
    yield META.finding(
        f"{table.qualified_name} has about {rows:,.0f} rows and has never been analysed",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            n_live_tup=stats.n_live_tup,
            reltuples=table.reltuples,
            last_analyze=None,
            last_autoanalyze=None,
        ),
        fix=Fix.sql(
            f"Collect statistics for {table.qualified_name}",
            _ANALYZE.render(table=name(table.schema, table.name)),
            FixSafety.SAFE,
        ),
        anchor=table.qualified_name,
    )
