"""## What it does
Flags a frequently run statement that reads most of its blocks from outside the buffer cache:
`shared_blks_read / (shared_blks_hit + shared_blks_read) > 0.5` over many calls.

## Why is this bad?
Each call waits on I/O for most of the pages it touches. A statement run often should mostly
find its pages cached; when it does not, it reads far more of the tables than its callers need,
or the cache is too small for the working set.

## Example
```sql
SELECT * FROM shop.page_views WHERE payload LIKE $1;  -- 5,000 calls, 80% of blocks read
```

## Use instead
```sql
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM shop.page_views WHERE payload LIKE 'abc%';
-- an index that narrows the scan, or more shared_buffers
```

## Evidence
`pg_stat_statements` (shared_blks_hit, shared_blks_read, calls); options `min_read_ratio` (0.5)
and `min_calls` (100).

## Known limits
A block read may come from the operating system's cache; `track_io_timing` tells the real
cost (blk_read_time), which this rule does not read.

## References
- https://www.postgresql.org/docs/current/pgstatstatements.html
- https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-SHARED-BUFFERS
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgWorkload
from rules.postgres._common import explain_fix, short_query

META = RuleMeta(
    id="PG-W04",
    name="disk-reading-statement",
    family="postgres.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="A frequent statement reads most of its blocks from outside the cache",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_read_ratio": 0.5, "min_calls": 100},
)


def check(workload: PgWorkload, ctx: LiveContext) -> Iterator[Finding]:
    for stmt in workload.statements:
        touched = stmt.shared_blks_hit + stmt.shared_blks_read
        if touched == 0 or stmt.calls < ctx.number("min_calls"):
            continue
        ratio = stmt.shared_blks_read / touched
        if ratio <= ctx.number("min_read_ratio"):
            continue
        yield META.finding(
            f"{100 * ratio:.0f}% of the blocks of {stmt.calls:,} calls came from outside the "
            f"cache: {short_query(stmt.query)}",
            None,
            object=f"queryid {stmt.queryid}",
            evidence=Evidence.of(
                queryid=stmt.queryid,
                calls=stmt.calls,
                shared_blks_read=stmt.shared_blks_read,
                shared_blks_hit=stmt.shared_blks_hit,
                read_ratio=round(ratio, 3),
            ),
            fix=explain_fix(stmt.query),
            anchor=stmt.query,
        )
