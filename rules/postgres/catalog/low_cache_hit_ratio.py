"""## What it does
Flags a table whose heap reads mostly miss the shared buffer cache:
`heap_blks_hit / (heap_blks_hit + heap_blks_read) < 0.9`, among tables with heavy reads.

## Why is this bad?
A miss is a read from the operating system's cache at best and from disk at worst; the queries
on that table wait on I/O. A low hit ratio on a large, often-read table usually means scans
that read far more of it than the queries return, or a cache too small for the working set.

## Example
```sql
SELECT heap_blks_hit, heap_blks_read FROM pg_statio_user_tables WHERE relname = 'page_views';
-- 120,000 hits, 480,000 reads
```

## Use instead
```sql
-- narrow the scans (an index on the filtering columns), or give the cache more memory:
ALTER SYSTEM SET shared_buffers = '4GB';  -- needs a restart
```

## Evidence
`pg_statio_user_tables` (heap_blks_hit, heap_blks_read); options `min_ratio` (0.9) and
`min_blocks_read` (10,000 blocks read, about 80 MB).

## Known limits
A "read" may still come from the operating system's page cache; only `track_io_timing`
measures the time. One-off bulk reads (a backup, a migration) lower the ratio too.

## References
- https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STATIO-ALL-TABLES-VIEW
- https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-SHARED-BUFFERS
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable

META = RuleMeta(
    id="PG-C12",
    name="low-cache-hit-ratio",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.INFO,
    summary="Most heap reads of a table miss the buffer cache",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_ratio": 0.9, "min_blocks_read": 10_000},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    stats = table.stats
    if stats is None or stats.heap_blks_read <= ctx.number("min_blocks_read"):
        return
    ratio = stats.heap_blks_hit / (stats.heap_blks_hit + stats.heap_blks_read)
    if ratio >= ctx.number("min_ratio"):
        return
    yield META.finding(
        f"only {100 * ratio:.1f}% of the heap reads of {table.qualified_name} hit the cache "
        f"({stats.heap_blks_read:,} blocks read from outside it)",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            heap_blks_hit=stats.heap_blks_hit,
            heap_blks_read=stats.heap_blks_read,
            hit_ratio=round(ratio, 3),
        ),
        fix=Fix.advice(
            "Narrow the scans of this table (an index on the filtering columns) or give "
            "shared_buffers more memory"
        ),
        anchor=table.qualified_name,
    )
