"""## What it does
Flags a table that takes much more space than its rows need: the estimated bloat is over 30%
of the table and over 10 MB.

## Why is this bad?
Space freed by VACUUM is reused but not returned: after a mass UPDATE or DELETE the table keeps
its size. Every sequential scan reads the empty space, the cache holds half-empty pages, and
backups and replicas carry it along.

## Example
```sql
UPDATE shop.orders SET status = 'archived';  -- every row rewritten: the table doubles
```

## Use instead
```sql
VACUUM FULL shop.orders;  -- exclusive lock: in a maintenance window, or use pg_repack
```

## Evidence
`pg_class` (relpages, reltuples, fillfactor in reloptions), `pg_stats` (avg_width and
null_frac of each column) and the server's `block_size`. The expected size is the row count
times the estimated row size (24-byte header, null bitmap, the average widths, alignment and
a 4-byte line pointer), packed into pages at the table's fillfactor. Options: `min_ratio`
(0.3), `min_bytes` (10 MB).

## Known limits
An estimate, as good as the table's statistics: it needs every column analysed, ignores TOAST
and index bloat, and is rough for tables with many variable-width columns.

## References
- https://wiki.postgresql.org/wiki/Show_database_bloat
- https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-SPACE-RECOVERY
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgTable
from advisor.sql.fixsql import Template, name
from rules.postgres._common import mib

_VACUUM_FULL = Template("VACUUM FULL {table}", "postgres", composed=True)

META = RuleMeta(
    id="PG-C11",
    name="bloated-table",
    family="postgres.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table is much larger than its rows need (estimated bloat)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_ratio": 0.3, "min_bytes": 10 * 1024 * 1024},
)

_HEADER = 23
_PAGE_HEADER = 24
_LINE_POINTER = 4
_ALIGN = 8


def expected_pages(table: PgTable, block_size: int) -> int | None:
    """Pages the table's rows would fill when packed at its fillfactor; None without stats."""
    columns = table.columns
    if not columns or table.reltuples <= 0 or any(c.avg_width is None for c in columns):
        return None
    nullable = any((c.null_frac or 0) > 0 for c in columns)
    header = _HEADER + (math.ceil(len(columns) / 8) if nullable else 0)
    header = _align(header)
    data = sum((c.avg_width or 0) * (1 - (c.null_frac or 0)) for c in columns)
    row = _align(header + math.ceil(data)) + _LINE_POINTER
    fillfactor = float(table.option("fillfactor") or 100) / 100
    per_page = max(1, int((block_size - _PAGE_HEADER) * fillfactor // row))
    return math.ceil(table.reltuples / per_page)


def _align(size: int) -> int:
    return (size + _ALIGN - 1) // _ALIGN * _ALIGN


def check(table: PgTable, ctx: LiveContext) -> Iterator[Finding]:
    block_size = int(ctx.postgres.settings.number("block_size", 8192))
    expected = expected_pages(table, block_size)
    if expected is None or table.relpages <= expected:
        return
    extra_bytes = (table.relpages - expected) * block_size
    ratio = (table.relpages - expected) / table.relpages
    if ratio <= ctx.number("min_ratio") or extra_bytes <= ctx.number("min_bytes"):
        return
    yield META.finding(
        f"{table.qualified_name} is about {round(100 * ratio)}% bloat: "
        f"{table.relpages:,} pages where its rows need about {expected:,}",
        None,
        object=table.qualified_name,
        evidence=Evidence.of(
            relpages=table.relpages,
            expected_pages=expected,
            bloat_percent=round(100 * ratio, 1),
            bloat_mb=mib(extra_bytes),
            reltuples=table.reltuples,
        ),
        fix=Fix.sql(
            f"Rewrite {table.qualified_name} in a maintenance window (or with pg_repack)",
            _VACUUM_FULL.render(table=name(table.schema, table.name)),
        ),
        anchor=table.qualified_name,
    )
