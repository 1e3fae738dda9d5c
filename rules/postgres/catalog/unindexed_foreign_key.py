"""## What it does
Flags a foreign key whose referencing columns are not the leading columns of any index of the
referencing table.

## Why is this bad?
Each DELETE or key UPDATE on the referenced table must find the referencing rows; without an
index that is a sequential scan of the referencing table per deleted row, under a lock. Joins
from the parent to its children (the most common join of all) cannot use an index either.

## Example
```sql
CREATE TABLE shop.order_items (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES shop.orders (id)
);
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY ON shop.order_items (order_id);
```

## Evidence
`pg_constraint` (contype `f`, conkey, confrelid) and the key columns of the table's valid,
non-partial indexes.

## Known limits
A referenced table that is never deleted from or updated, and never joined from, does not need
the index; the rule cannot know that. Column order inside the leading columns is not required
to match.

## References
- https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK
- https://www.cybertec-postgresql.com/en/index-your-foreign-key/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import row_estimate

_INDEX = Template(
    "CREATE INDEX CONCURRENTLY ON {table} ({columns:idents})", "postgres", composed=True
)

META = RuleMeta(
    id="PG-C09",
    name="unindexed-foreign-key",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A foreign key has no index on its referencing columns",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    leading = [
        i.keys for i in table.indexes if i.valid and i.predicate is None and i.method == "btree"
    ]
    for fk in table.foreign_keys:
        wanted = set(fk.columns)
        if any(set(keys[: len(fk.columns)]) == wanted for keys in leading):
            continue
        yield META.finding(
            f"foreign key {fk.name} on {table.qualified_name} ({', '.join(fk.columns)}) "
            f"referencing {fk.ref_table} has no index on its columns",
            None,
            object=table.qualified_name,
            evidence=Evidence.of(
                constraint=fk.name,
                columns=", ".join(fk.columns),
                references=fk.ref_table,
                reltuples=row_estimate(table),
            ),
            fix=Fix.sql(
                f"Index {table.qualified_name} ({', '.join(fk.columns)})",
                _INDEX.render(table=name(table.schema, table.name), columns=fk.columns),
            ),
            anchor=f"{table.qualified_name}:{fk.name}",
        )
