"""## What it does
Flags a table whose oldest unfrozen transaction id is more than half-way to the forced
anti-wraparound vacuum: `age(relfrozenxid) > 0.5 * autovacuum_freeze_max_age`.

## Why is this bad?
Transaction ids are 32-bit and wrap around. Before they do, PostgreSQL forces an aggressive
vacuum of the whole table, which cannot be cancelled and reads every page; if that cannot keep
up, the server refuses new transactions to protect the data. Freezing early, at a quiet time, is
far cheaper than meeting the deadline.

## Example
```sql
SELECT relname, age(relfrozenxid) FROM pg_class WHERE relname = 'orders';  -- 150,000,000
```

## Use instead
```sql
VACUUM (FREEZE) shop.orders;
```

## Evidence
`age(pg_class.relfrozenxid)` of each table and `autovacuum_freeze_max_age` (the table's
reloption, the server setting, or the option `freeze_max_age`, 200,000,000); the option
`ratio` (0.5) sets how early to warn.

## Known limits
Multixact wraparound (`age(relminmxid)`) is not checked. The database-wide age
(`pg_database.datfrozenxid`) follows from the tables' and is not reported separately.

## References
- https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-WRAPAROUND
- https://www.postgresql.org/docs/current/runtime-config-autovacuum.html#GUC-AUTOVACUUM-FREEZE-MAX-AGE
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    OptionSpec,
    RuleMeta,
    Severity,
    TargetKind,
)
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import table_setting

_FREEZE = Template("VACUUM (FREEZE) {table}", "postgres", composed=True)

META = RuleMeta(
    id="PG-C05",
    name="xid-wraparound-risk",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.HIGH,
    summary="The table's oldest unfrozen transaction id is close to forcing a wraparound vacuum",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"ratio": 0.5, "freeze_max_age": 200_000_000},
    option_specs={
        "ratio": OptionSpec(
            float,
            minimum=0,
            above=True,
            maximum=1,
            doc="Share of the freeze age that makes a finding.",
        ),
        "freeze_max_age": OptionSpec(int, minimum=1),
    },
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    limit = table_setting(table, ctx, "autovacuum_freeze_max_age", "freeze_max_age")
    warn_at = ctx.number("ratio") * limit
    if table.frozen_xid_age <= warn_at:
        return
    percent = round(100 * table.frozen_xid_age / limit, 1)
    yield META.finding(
        f"{table.qualified_name} has transaction-id age {table.frozen_xid_age:,}, "
        f"{percent}% of autovacuum_freeze_max_age ({limit:,.0f})",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            xid_age=table.frozen_xid_age,
            autovacuum_freeze_max_age=round(limit),
            percent_of_limit=percent,
        ),
        fix=Fix.sql(
            f"Freeze {table.qualified_name} at a quiet time",
            _FREEZE.render(table=name(table.schema, table.name)),
            FixSafety.SAFE,
        ),
        anchor=table.qualified_name,
    )
