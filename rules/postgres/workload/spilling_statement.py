"""## What it does
Flags a statement that writes temporary files: `temp_blks_written > 0` per call in
pg_stat_statements.

## Why is this bad?
Temporary blocks are sorts, hashes and materialisations that did not fit in `work_mem` and
went to disk (see PG-P04). Each call pays the write and the read back.

## Example
```sql
SELECT * FROM shop.page_views ORDER BY url;  -- 1,206 temporary blocks written per call
```

## Use instead
```sql
SET work_mem = '64MB';  -- for the role or session that runs it
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM shop.page_views ORDER BY url;
```

## Evidence
`pg_stat_statements` (temp_blks_written, temp_blks_read, calls); option
`min_blocks_per_call` (0: any spill).

## Known limits
Does not say which node spilled; the plan does (PG-P04 with `--analyze-plans`).

## References
- https://www.postgresql.org/docs/current/pgstatstatements.html
- https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgWorkload
from rules.postgres._common import explain_fix, short_query

META = RuleMeta(
    id="PG-W03",
    name="spilling-statement",
    family="postgres.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="A statement writes temporary files: its sorts or hashes spill to disk",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_blocks_per_call": 0},
)


def check(workload: PgWorkload, ctx: LiveContext) -> Iterator[Finding]:
    for stmt in workload.statements:
        if stmt.calls == 0 or stmt.temp_blks_written == 0:
            continue
        per_call = stmt.temp_blks_written / stmt.calls
        if per_call <= ctx.number("min_blocks_per_call"):
            continue
        yield META.finding(
            f"writes {per_call:,.0f} temporary blocks ({per_call * 8 / 1024:,.1f} MB) per call: "
            f"{short_query(stmt.query)}",
            None,
            object=f"queryid {stmt.queryid}",
            evidence=Evidence.of(
                queryid=stmt.queryid,
                calls=stmt.calls,
                temp_blks_written=stmt.temp_blks_written,
                temp_blks_per_call=round(per_call, 1),
            ),
            fix=explain_fix(stmt.query),
            anchor=stmt.query,
        )
