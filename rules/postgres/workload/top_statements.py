"""## What it does
Lists the statements that take the most total execution time according to pg_stat_statements,
with their share of the time of all statements read.

## Why is this bad?
It is not bad in itself: it is where tuning pays. Ten percent off a statement that takes half of
the database's time is worth more than removing a slow query that runs once a day.

## Example
```sql
SELECT count(*) FROM shop.page_views WHERE url = $1;  -- 25 calls, 61% of all execution time
```

## Use instead
```sql
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM shop.page_views WHERE url = '/p/1';
```

## Evidence
`pg_stat_statements` (calls, total_exec_time, mean_exec_time, rows), ranked on the server by
total time and cut to the top N the connector read. Options `top` (5) and `min_share` (0: set
it to, say, 0.05 to leave out statements below 5% of the total time).

## Known limits
The share is of the statements read (the connector's top N), not of every statement since the
last reset. Parameters are normalised away (`$1`); EXPLAIN needs real values.

## References
- https://www.postgresql.org/docs/current/pgstatstatements.html
- https://www.postgresql.org/docs/current/using-explain.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgWorkload
from rules.postgres._common import explain_fix, short_query

META = RuleMeta(
    id="PG-W01",
    name="top-statements",
    family="postgres.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="The statements that take the most total execution time",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"top": 5, "min_share": 0.0},
)


def check(workload: PgWorkload, ctx: LiveContext) -> Iterator[Finding]:
    total = sum(s.total_exec_time for s in workload.statements)
    if total <= 0:
        return
    ranked = sorted(workload.statements, key=lambda s: (-s.total_exec_time, s.queryid))
    for rank, stmt in enumerate(ranked[: int(ctx.number("top"))], 1):
        share = stmt.total_exec_time / total
        if share < ctx.number("min_share"):
            break
        yield META.finding(
            f"#{rank} by total time ({100 * share:.0f}% of the statements read, "
            f"{stmt.total_exec_time:,.0f} ms over {stmt.calls:,} calls): {short_query(stmt.query)}",
            None,
            object=f"queryid {stmt.queryid}",
            evidence=Evidence.of(
                queryid=stmt.queryid,
                calls=stmt.calls,
                total_exec_time_ms=round(stmt.total_exec_time, 1),
                mean_exec_time_ms=round(stmt.mean_exec_time, 2),
                rows=stmt.rows,
                share=round(share, 3),
            ),
            fix=explain_fix(stmt.query),
            anchor=stmt.query,
        )
