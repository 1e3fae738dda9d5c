"""## What it does
Flags a table without a primary key.

## Why is this bad?
Logical replication cannot replicate UPDATE and DELETE on a table without a replica identity,
and tools that sync, deduplicate or repack tables (pg_repack, Debezium, ORMs) need a key.
Without one, duplicate rows creep in and removing them later is slow and risky.

## Example
```sql
CREATE TABLE shop.audit_log (at timestamptz NOT NULL, actor text, action text);
```

## Use instead
```sql
ALTER TABLE shop.audit_log ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
-- or, when a unique index on NOT NULL columns exists:
ALTER TABLE shop.audit_log ADD PRIMARY KEY USING INDEX audit_log_at_key;
```

## Evidence
`pg_constraint` (contype `p`) and the table's unique indexes and NOT NULL columns.

## Known limits
Adding an identity column rewrites the table (an exclusive lock for its duration). Tables
below the option `min_rows` (0) are ignored.

## References
- https://www.postgresql.org/docs/current/logical-replication-publication.html
- https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-PRIMARY-KEYS
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import row_estimate

_PROMOTE = Template(
    "ALTER TABLE {table} ADD PRIMARY KEY USING INDEX {index:ident}", "postgres", composed=True
)
_ADD_ID = Template(
    "ALTER TABLE {table} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    "postgres",
    composed=True,
)
_ADD_KEY = Template(
    "ALTER TABLE {table} ADD PRIMARY KEY (/* the columns that identify a row */)",
    "postgres",
    sketch=True,
)

META = RuleMeta(
    id="PG-C10",
    name="missing-primary-key",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table has no primary key",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 0},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    if table.primary_key or row_estimate(table) < ctx.number("min_rows"):
        return
    table_name = name(table.schema, table.name)
    not_null = {c.name for c in table.columns if c.not_null}
    candidate = next(
        (
            i
            for i in table.indexes
            if i.unique and i.predicate is None and i.keys and set(i.keys) <= not_null
        ),
        None,
    )
    if candidate is not None:
        sql = _PROMOTE.render(table=table_name, index=candidate.name)
        title = f"Promote the unique index {candidate.name} to the primary key"
    else:
        sql = _ADD_ID.render(table=table_name)
        if "id" in {c.name for c in table.columns}:
            sql = _ADD_KEY.render(table=table_name)
        title = f"Give {table.qualified_name} a primary key"
    yield META.finding(
        f"{table.qualified_name} has no primary key",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            reltuples=row_estimate(table),
            unique_index=candidate.name if candidate else None,
        ),
        fix=Fix.sql(title, sql),
        anchor=table.qualified_name,
    )
