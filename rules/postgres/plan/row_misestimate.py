"""## What it does
Flags a plan node whose actual row count is more than 10 times, or less than a tenth of, the
planner's estimate, on a node with more than 1,000 rows (from `EXPLAIN ANALYZE`).

## Why is this bad?
Every choice above that node (join method, join order, memory for sorts and hashes) was made
for the estimated count. A tenfold error is where nested loops over millions of rows and
hash tables spilling to disk come from.

## Example
```sql
SELECT * FROM shop.events_raw WHERE kind = 'click';  -- never analysed: rows=100 vs 6,667
```

## Use instead
```sql
ANALYZE shop.events_raw;
-- correlated columns:
CREATE STATISTICS shop.events_kind_day (dependencies) ON kind, created_at FROM shop.events_raw;
-- skewed column: ALTER TABLE shop.events_raw ALTER COLUMN kind SET STATISTICS 1000;
```

## Evidence
Plan Rows, Actual Rows and Actual Loops of each node of `EXPLAIN (ANALYZE, FORMAT JSON)`.
Options `ratio` (10) and `min_rows` (1,000).

## Known limits
Needs `--analyze-plans`. Only the lowest misestimated node of each branch is reported: errors
propagate upwards, and fixing the lowest one usually fixes the rest.

## References
- https://www.postgresql.org/docs/current/planner-stats.html
- https://www.postgresql.org/docs/current/sql-createstatistics.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    OptionSpec,
    RuleMeta,
    Severity,
    TargetKind,
)
from advisor.model_postgres import LiveContext, PgPlan, PlanNode
from advisor.sql.fixsql import Template, name
from rules.postgres._common import plan_table

_ANALYZE = Template("ANALYZE {table}", "postgres")

META = RuleMeta(
    id="PG-P02",
    name="row-misestimate",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="The planner's row estimate is far from the actual row count",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"ratio": 10, "min_rows": 1_000},
    option_specs={
        "ratio": OptionSpec(float, minimum=1, doc="How many times off the estimate must be.")
    },
)


def _off(node: PlanNode, ratio: float, min_rows: float) -> bool:
    if node.actual_rows is None or node.actual_loops == 0:
        return False
    actual, planned = node.actual_rows, max(node.plan_rows, 1.0)
    if max(actual, planned) <= min_rows:
        return False
    return actual / planned > ratio or actual / planned < 1 / ratio


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    ratio, min_rows = ctx.number("ratio"), ctx.number("min_rows")
    for node in plan.root.walk():
        if not _off(node, ratio, min_rows):
            continue
        if any(_off(d, ratio, min_rows) for c in node.children for d in c.walk()):
            continue
        table = plan_table(node, ctx.postgres.tables)
        where = f" on {table.qualified_name if table else node.relation}" if node.relation else ""
        if table is not None:
            fix = Fix.sql(
                f"Refresh the statistics of {table.qualified_name}",
                _ANALYZE.render(table=name(table.schema, table.name)),
            )
        else:
            fix = Fix.advice(
                "ANALYZE the tables below this node, raise the statistics target of the "
                "filtered columns, or CREATE STATISTICS for correlated columns"
            )
        yield META.finding(
            f"{node.node_type}{where} was estimated at {node.plan_rows:,.0f} rows but returned "
            f"{node.actual_rows:,.0f}",
            plan.location,
            object=table.qualified_name if table else node.relation,
            evidence=Evidence.of(
                node=node.node_type,
                relation=node.relation,
                plan_rows=node.plan_rows,
                actual_rows=node.actual_rows,
                loops=node.actual_loops,
            ),
            fix=fix,
            anchor=plan.statement,
        )
