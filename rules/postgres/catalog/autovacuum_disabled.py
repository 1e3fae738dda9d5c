"""## What it does
Flags autovacuum switched off: for the whole server (`autovacuum = off`, or `track_counts = off`
which starves it of the counters it needs) or for one table (`autovacuum_enabled = false` in its
storage parameters).

## Why is this bad?
Nothing else removes dead rows, refreshes statistics and freezes old transaction ids. Tables
bloat, plans degrade, and in the end the server stops accepting writes to prevent
transaction-id wraparound (anti-wraparound vacuums still run, at the worst moment).

## Example
```sql
CREATE TABLE shop.orders_churn (id bigint PRIMARY KEY) WITH (autovacuum_enabled = false);
```

## Use instead
```sql
ALTER TABLE shop.orders_churn RESET (autovacuum_enabled);
VACUUM (ANALYZE) shop.orders_churn;  -- and schedule manual VACUUMs until it is back on
```

## Evidence
`pg_settings` (autovacuum, track_counts) and `pg_class.reloptions` of every table read.

## Known limits
A table switched off on purpose (a bulk-load staging table vacuumed by its job) is reported all
the same; ignore it per object with the config's per-rule options if needed.

## References
- https://www.postgresql.org/docs/current/runtime-config-autovacuum.html
- https://www.postgresql.org/docs/current/sql-createtable.html#SQL-CREATETABLE-STORAGE-PARAMETERS
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgSnapshot
from advisor.sql.fixsql import Template, name

_SWITCH_ON = Template("ALTER SYSTEM SET {setting:ident} = on", "postgres", composed=True)
_RELOAD = Template("SELECT pg_reload_conf()", "postgres", composed=True)
_RESET = Template("ALTER TABLE {table} RESET (autovacuum_enabled)", "postgres", composed=True)
_VACUUM = Template("VACUUM (ANALYZE) {table}", "postgres", composed=True)

META = RuleMeta(
    id="PG-C04",
    name="autovacuum-disabled",
    family="postgres.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="Autovacuum is switched off for the server or for a table",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

_OFF = {"off", "false", "0", "no", "f", "n"}


def check(snapshot: PgSnapshot, ctx: LiveContext) -> Iterator[Finding]:
    server = snapshot.database or "server"
    for setting in ("autovacuum", "track_counts"):
        value = snapshot.settings.get(setting)
        if value is not None and value.lower() in _OFF:
            yield META.finding(
                f"`{setting}` is off on the server: autovacuum does not run for any table",
                None,
                object=server,
                evidence=Evidence.of(setting=setting, value=value),
                fix=Fix.sql(
                    f"Switch {setting} back on",
                    _SWITCH_ON.render(setting=setting) + "\n" + _RELOAD.render(),
                ),
                anchor=setting,
            )
    for table in snapshot.tables:
        value = table.option("autovacuum_enabled")
        if value is None or value.lower() not in _OFF:
            continue
        table_name = name(table.schema, table.name)
        yield META.finding(
            f"autovacuum is switched off for {table.qualified_name} (autovacuum_enabled={value})",
            None,
            object=table.qualified_name,
            evidence=Evidence.of(
                autovacuum_enabled=value,
                n_dead_tup=table.stats.n_dead_tup if table.stats else None,
                last_vacuum=table.stats.last_vacuum if table.stats else None,
            ),
            fix=Fix.sql(
                f"Re-enable autovacuum on {table.qualified_name} and vacuum it once now",
                _RESET.render(table=table_name) + "\n" + _VACUUM.render(table=table_name),
            ),
            anchor=table.qualified_name,
        )
