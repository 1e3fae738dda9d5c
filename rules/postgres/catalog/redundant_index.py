"""## What it does
Flags an index made redundant by another index of the same table: the same key list, or a key
list that is a leading prefix of the other's, with the same access method and predicate.

## Why is this bad?
A B-tree on `(sku, name)` serves every lookup a B-tree on `(sku)` serves. The second index
doubles the write and vacuum cost of those columns and takes cache space for nothing.

## Example
```sql
CREATE INDEX products_sku_idx ON shop.products (sku);
CREATE INDEX products_sku_name_idx ON shop.products (sku, name);
```

## Use instead
```sql
DROP INDEX CONCURRENTLY shop.products_sku_idx;
```

## Evidence
`pg_index` and `pg_get_indexdef` (key columns and expressions, predicate, uniqueness) and
`pg_am` (access method) of the table's indexes.

## Known limits
An index that enforces uniqueness or backs a constraint is never reported as the redundant
one. A shorter index is smaller and can still be faster for its own lookups, and operator
classes and collations are not compared; the fix is advisory.

## References
- https://www.postgresql.org/docs/current/indexes-multicolumn.html
- https://wiki.postgresql.org/wiki/Index_Maintenance#Duplicate_indexes
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgIndex
from advisor.sql.fixsql import Template, name
from rules.postgres._common import mib

_DROP = Template("DROP INDEX CONCURRENTLY {index}", "postgres")

META = RuleMeta(
    id="PG-C08",
    name="redundant-index",
    family="postgres.catalog",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="An index duplicates another or is a leading prefix of it",
    fix_safety=FixSafety.UNSAFE,
    live=True,
)


def check(index: PgIndex, ctx: LiveContext) -> Iterator[Finding]:
    if index.unique or index.primary or index.constraint is not None or not index.keys:
        return
    table = ctx.postgres.table(index.table_name)
    if table is None:
        return
    cover = next((o for o in table.indexes if o.name != index.name and _covers(o, index)), None)
    if cover is None:
        return
    same = cover.keys == index.keys
    how = "has the same keys as" if same else "is a leading prefix of"
    yield META.finding(
        f"index {index.qualified_name} ({', '.join(index.keys)}) {how} "
        f"{cover.qualified_name} ({', '.join(cover.keys)})",
        None,
        object=index.qualified_name,
        evidence=Evidence.of(
            index=index.definition,
            covered_by=cover.definition,
            size_mb=mib(index.size_bytes),
            idx_scan=index.idx_scan,
        ),
        fix=Fix.sql(
            f"Drop {index.qualified_name}; {cover.qualified_name} serves its lookups",
            _DROP.render(index=name(index.schema, index.name)),
            FixSafety.UNSAFE,
        ),
        anchor=index.qualified_name,
    )


def _covers(other: PgIndex, index: PgIndex) -> bool:
    """Whether `other` serves every lookup `index` serves (ties go to the earlier name)."""
    if other.method != index.method or other.predicate != index.predicate or not other.valid:
        return False
    if other.keys == index.keys:
        # Of two identical plain indexes report only one: keep the constraint or the first name.
        return bool(other.unique or other.constraint) or other.name < index.name
    if index.method != "btree" or len(other.keys) <= len(index.keys):
        return False
    return other.keys[: len(index.keys)] == index.keys
