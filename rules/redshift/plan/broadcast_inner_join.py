"""## What it does
Flags a join in a Redshift plan marked `DS_BCAST_INNER`: the whole inner table is copied to
every compute node before the join runs.

## Why is this bad?
Broadcasting moves the inner table across the network once per node, for every run of the
query. On large inner tables it dominates the plan's cost (the AWS example drops one join from
a cost of 3,272,334,142 to 14,142 once the dimension is collocated).

## Example
```text
XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)
  Hash Cond: ("outer".catid = "inner".catid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)
  ->  XN Hash  (cost=0.11..0.11 rows=11 width=49)
        ->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)
```

## Use instead
```sql
ALTER TABLE category ALTER DISTSTYLE ALL;  -- small, slow-changing inner table
-- or collocate both tables on the join column:
ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY catid;
ALTER TABLE category ALTER DISTSTYLE KEY DISTKEY catid;
```

## Evidence
The plan: the join's `DS_BCAST_INNER` attribute, its `Hash Cond`/`Merge Cond` columns, the
tables read on each side and the planner's row estimate for the inner side. Option
`all_max_rows` (5,000,000): an inner side estimated at most this many rows gets `DISTSTYLE
ALL` as the fix, a larger one a shared DISTKEY.

## Known limits
A side that reads several tables (a subquery, another join) has no single table to name, so
the fix is advice rather than SQL. ALL multiplies the table's storage by the node count and
slows loads; the DISTKEY choice should also weigh the other joins of the workload.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import DISTSTYLE_ALL
from rules.redshift.plan._plan import (
    Join,
    describe,
    finding,
    join_evidence,
    joins_with,
    key_sql,
)

_ALL = DISTSTYLE_ALL

META = RuleMeta(
    id="RS-P01",
    name="broadcast-inner-join",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="A join broadcasts its inner table to every node (DS_BCAST_INNER)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
    options={"all_max_rows": 5_000_000},
)


def _fix(join: Join, all_max_rows: float) -> tuple[str, str] | None:
    if join.inner is None:
        return None
    if join.inner_rows is not None and join.inner_rows <= all_max_rows:
        return (
            f"Copy {join.inner} to every node once (DISTSTYLE ALL)",
            _ALL.render(table=dotted(join.inner)),
        )
    if join.outer and join.outer_column and join.inner_column:
        return (
            f"Distribute {join.outer} and {join.inner} on the join column",
            f"{key_sql(join.outer, join.outer_column)}\n{key_sql(join.inner, join.inner_column)}",
        )
    return None


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    all_max_rows = float(ctx.options["all_max_rows"])
    for join in joins_with(plan, "DS_BCAST_INNER"):
        fix = _fix(join, all_max_rows)
        inner = join.inner or "the inner input"
        rows = f" (about {join.inner_rows:,} rows)" if join.inner_rows is not None else ""
        yield finding(
            META,
            plan,
            join.node,
            f"{join.node.operator} of {describe(join)} broadcasts {inner}{rows} to every node",
            object=join.inner,
            evidence=join_evidence(join),
            fix=Fix.sql(*fix)
            if fix
            else Fix.advice("Give the inner table DISTSTYLE ALL or the join column as DISTKEY"),
        )
