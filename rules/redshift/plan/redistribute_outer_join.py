"""## What it does
Flags a join in a Redshift plan marked `DS_DIST_OUTER`: the outer table is redistributed on
the join column.

## Why is this bad?
The outer side is usually the larger one (the fact table); moving it across the network on
every run costs more than any other single step of such a plan (the AWS example's join costs
58,653,620 against 88 for the scan below it).

## Example
```text
XN Hash Join DS_DIST_OUTER  (cost=2.52..58653620.93 rows=8712 width=43)
  Hash Cond: ("outer".venueid = "inner".venueid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=23)
  ->  XN Hash  (cost=2.02..2.02 rows=202 width=22)
        ->  XN Seq Scan on venue  (cost=0.00..2.02 rows=202 width=22)
```

## Use instead
```sql
ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;
```

## Evidence
The plan: the join's `DS_DIST_OUTER` attribute, its join condition and the outer table.

## Known limits
Changing the outer table's DISTKEY moves the cost to the joins that relied on the old key;
weigh the workload's other joins before changing it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
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
    id="RS-P04",
    name="redistribute-outer-join",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A join redistributes its outer input (DS_DIST_OUTER)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for join in joins_with(plan, "DS_DIST_OUTER"):
        fix = Fix.advice("Align the outer table's DISTKEY with the join column")
        if join.outer and join.outer_column:
            fix = Fix.sql(
                f"Distribute {join.outer} on the join column",
                key_sql(join.outer, join.outer_column),
            )
        yield finding(
            META,
            plan,
            join.node,
            f"{join.node.operator} of {describe(join)} redistributes "
            f"{join.outer or 'the outer input'}",
            object=join.outer,
            evidence=join_evidence(join),
            fix=fix,
        )
