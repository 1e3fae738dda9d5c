"""## What it does
Flags an index that has not been used by any scan since the statistics were last reset, is
larger than 1 MB, and neither enforces uniqueness nor backs a constraint.

## Why is this bad?
Every INSERT, and every UPDATE that is not HOT, writes to every index of the table. An unused
index costs that write work, WAL volume, vacuum time and cache space, and gives nothing back.

## Example
```sql
CREATE INDEX customers_email_idx ON shop.customers (email);  -- no query filters on email
```

## Use instead
```sql
DROP INDEX CONCURRENTLY shop.customers_email_idx;
```

## Evidence
`pg_stat_user_indexes.idx_scan`, `pg_relation_size` of the index, `pg_index` (unique,
primary) and `pg_constraint`; option `min_size_bytes` (1 MB).

## Known limits
Usage counters are per server: an index used only on a read replica, or only by a monthly job
that has not run since the last `pg_stat_reset()`, looks unused here. Check the replicas and
the reset time (`pg_stat_database.stats_reset`) before dropping.

## References
- https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ALL-INDEXES-VIEW
- https://www.postgresql.org/docs/current/sql-dropindex.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgIndex
from advisor.sql.fixsql import Template, name
from rules.postgres._common import mib

_DROP = Template("DROP INDEX CONCURRENTLY {index}", "postgres")

META = RuleMeta(
    id="PG-C07",
    name="unused-index",
    family="postgres.catalog",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="An index no query has used costs writes, vacuum time and cache",
    fix_safety=FixSafety.UNSAFE,
    live=True,
    options={"min_size_bytes": 1024 * 1024},
)


def check(index: PgIndex, ctx: LiveContext) -> Iterator[Finding]:
    if index.idx_scan is None or index.idx_scan > 0:
        return
    if index.unique or index.primary or index.constraint is not None:
        return
    if index.size_bytes <= ctx.number("min_size_bytes"):
        return
    yield META.finding(
        f"index {index.qualified_name} on {index.table_name} ({mib(index.size_bytes)} MB) has "
        "not been scanned since the statistics were reset",
        None,
        object=index.qualified_name,
        evidence=Evidence.of(
            idx_scan=index.idx_scan,
            size_bytes=index.size_bytes,
            size_mb=mib(index.size_bytes),
            definition=index.definition,
        ),
        fix=Fix.sql(
            f"Drop {index.qualified_name} (after checking replicas and rare jobs)",
            _DROP.render(index=name(index.schema, index.name)),
            FixSafety.UNSAFE,
        ),
        anchor=index.qualified_name,
    )
