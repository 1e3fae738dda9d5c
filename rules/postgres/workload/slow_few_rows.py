"""## What it does
Flags a statement that is slow on average while returning few rows: `mean_exec_time > 100 ms`
and `rows / calls < 100` in pg_stat_statements.

## Why is this bad?
A statement that returns a handful of rows should touch a handful of pages. Taking a tenth of a
second or more usually means it scans a table or a large index range to find them: a missing
or unusable index.

## Example
```sql
SELECT * FROM shop.customers WHERE lower(email) = $1;  -- 180 ms per call, 1 row per call
```

## Use instead
```sql
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM shop.customers WHERE lower(email) = 'a@example.com';
CREATE INDEX CONCURRENTLY ON shop.customers (lower(email));
```

## Evidence
`pg_stat_statements` (calls, mean_exec_time, rows); options `min_mean_ms` (100) and
`max_rows_per_call` (100).

## Known limits
Aggregates (`count(*)`, `sum`) return one row after reading many by design; they are reported
too, and their EXPLAIN says whether an index could help. Statements waiting on locks look slow.

## References
- https://www.postgresql.org/docs/current/pgstatstatements.html
- https://www.postgresql.org/docs/current/indexes.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgWorkload
from rules.postgres._common import explain_fix, short_query

META = RuleMeta(
    id="PG-W02",
    name="slow-few-rows",
    family="postgres.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="A statement is slow on average although it returns few rows",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_mean_ms": 100, "max_rows_per_call": 100},
)


def check(workload: PgWorkload, ctx: LiveContext) -> Iterator[Finding]:
    for stmt in workload.statements:
        if stmt.calls == 0 or stmt.mean_exec_time <= ctx.number("min_mean_ms"):
            continue
        per_call = stmt.rows / stmt.calls
        if per_call >= ctx.number("max_rows_per_call"):
            continue
        yield META.finding(
            f"{stmt.mean_exec_time:,.0f} ms per call for {per_call:,.1f} rows per call: "
            f"{short_query(stmt.query)}",
            None,
            object=f"queryid {stmt.queryid}",
            evidence=Evidence.of(
                queryid=stmt.queryid,
                calls=stmt.calls,
                mean_exec_time_ms=round(stmt.mean_exec_time, 1),
                rows_per_call=round(per_call, 1),
            ),
            fix=explain_fix(stmt.query),
            anchor=stmt.query,
        )
