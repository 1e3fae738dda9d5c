"""## What it does
Flags a join in a Redshift plan marked `DS_DIST_ALL_INNER`: the outer table has DISTSTYLE
ALL, so the whole join runs serially on a single slice.

## Why is this bad?
DISTSTYLE ALL is meant for the inner (small) side. On the outer side the planner sends the
inner table to one slice and joins there, so the cluster's parallelism is lost for the join.

## Example
```text
XN Hash Join DS_DIST_ALL_INNER  (cost=2.52..58653620.93 rows=8712 width=43)
  Hash Cond: ("outer".venueid = "inner".venueid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=23)
  ->  XN Hash  (cost=2.02..2.02 rows=202 width=22)
        ->  XN Seq Scan on venue  (cost=0.00..2.02 rows=202 width=22)
```

## Use instead
```sql
ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;  -- or ALTER DISTSTYLE EVEN
```

## Evidence
The plan: the join's `DS_DIST_ALL_INNER` attribute, its join condition and the outer table.

## Known limits
The rule names the outer table of this plan; if that table is a small dimension joined as the
inner side elsewhere, rewriting this query's join order may be the better fix.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import (
    describe,
    finding,
    join_evidence,
    joins_with,
    key_sql,
)

META = RuleMeta(
    id="RS-P05",
    name="serial-all-inner-join",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="A join runs serially because its outer table is DISTSTYLE ALL (DS_DIST_ALL_INNER)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for join in joins_with(plan, "DS_DIST_ALL_INNER"):
        fix = Fix.advice("Give the outer table a DISTKEY or DISTSTYLE EVEN")
        if join.outer and join.outer_column:
            fix = Fix.sql(
                f"Distribute {join.outer} on the join column instead of ALL",
                key_sql(join.outer, join.outer_column),
            )
        yield finding(
            META,
            plan,
            join.node,
            f"{join.node.operator} of {describe(join)} runs on a single slice: "
            f"{join.outer or 'the outer table'} is DISTSTYLE ALL",
            object=join.outer,
            evidence=join_evidence(join),
            fix=fix,
        )
