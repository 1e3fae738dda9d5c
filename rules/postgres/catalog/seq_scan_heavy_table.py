"""## What it does
Flags a large table read mostly by sequential scans that each read many rows:
`seq_scan > 10 * idx_scan`, `seq_tup_read / seq_scan > 10,000` and more than 1,000 pages.

## Why is this bad?
Each sequential scan reads the whole table. On a large table queried for a few rows at a time
that is most of the I/O and CPU the queries spend, and it evicts useful pages from the cache.
An index on the columns the queries filter on turns each scan into a few page reads.

## Example
```sql
SELECT count(*) FROM shop.page_views WHERE url = '/p/17';  -- no index on url
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY ON shop.page_views (url);
```

## Evidence
`pg_stat_user_tables` (seq_scan, seq_tup_read, idx_scan) and `pg_class.relpages`; options
`seq_to_index_ratio` (10), `min_rows_per_scan` (10,000), `min_pages` (1,000).

## Known limits
The counters do not say which query scanned or on which columns it filtered: find those with
the PG-W rules (pg_stat_statements) and EXPLAIN. Reporting and batch queries that really need
the whole table are reported too.

## References
- https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ALL-TABLES-VIEW
- https://www.postgresql.org/docs/current/indexes-intro.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable

META = RuleMeta(
    id="PG-C06",
    name="seq-scan-heavy-table",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="Sequential scans dominate the reads of a large table",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"seq_to_index_ratio": 10, "min_rows_per_scan": 10_000, "min_pages": 1_000},
)


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    stats = table.stats
    if stats is None or stats.seq_scan == 0 or table.relpages <= ctx.number("min_pages"):
        return
    idx_scan = stats.idx_scan or 0
    per_scan = stats.seq_tup_read / stats.seq_scan
    if stats.seq_scan <= ctx.number("seq_to_index_ratio") * idx_scan:
        return
    if per_scan <= ctx.number("min_rows_per_scan"):
        return
    yield META.finding(
        f"{table.qualified_name} was read by {stats.seq_scan:,} sequential scans of "
        f"{per_scan:,.0f} rows each on average, against {idx_scan:,} index scans",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            seq_scan=stats.seq_scan,
            seq_tup_read=stats.seq_tup_read,
            rows_per_seq_scan=round(per_scan),
            idx_scan=idx_scan,
            relpages=table.relpages,
        ),
        fix=Fix.advice(
            f"Index the columns the queries on {table.qualified_name} filter on "
            "(find them with EXPLAIN or pg_stat_statements)"
        ),
        anchor=table.qualified_name,
    )
