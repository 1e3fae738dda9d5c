"""## What it does
Flags a join in a Redshift plan marked `DS_DIST_BOTH`: both inputs are redistributed across
the nodes on the join column before the join runs.

## Why is this bad?
Neither table is distributed on the join column, so every row of both sides crosses the
network on every run. It is the costliest redistribution after a broadcast of a big table.

## Example
```text
XN Hash Join DS_DIST_BOTH  (cost=2.52..1000058653620.93 rows=8712 width=43)
  Hash Cond: ("outer".venueid = "inner".venueid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=23)
  ->  XN Hash  (cost=2.02..2.02 rows=202 width=22)
        ->  XN Seq Scan on venue  (cost=0.00..2.02 rows=202 width=22)
```

## Use instead
```sql
ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;
ALTER TABLE venue ALTER DISTSTYLE KEY DISTKEY venueid;
```

## Evidence
The plan: the join's `DS_DIST_BOTH` attribute, its join condition and the table on each side.

## Known limits
When the fact table already has a DISTKEY that other joins rely on, weigh changing it against
DISTSTYLE ALL on the smaller side; the rule sees one plan, not the workload.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift._fixes import in_order
from rules.redshift.plan._plan import (
    describe,
    finding,
    join_evidence,
    joins_with,
    key_sql,
)

META = RuleMeta(
    id="RS-P02",
    name="redistribute-both-join",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="A join redistributes both of its inputs (DS_DIST_BOTH)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for join in joins_with(plan, "DS_DIST_BOTH"):
        fix = Fix.advice("Distribute both tables on the join column")
        if join.outer and join.inner and join.outer_column and join.inner_column:
            fix = Fix.sql(
                f"Distribute {join.outer} and {join.inner} on the join column",
                in_order(
                    key_sql(join.outer, join.outer_column), key_sql(join.inner, join.inner_column)
                ),
            )
        yield finding(
            META,
            plan,
            join.node,
            f"{join.node.operator} of {describe(join)} redistributes both inputs",
            object=join.outer,
            evidence=join_evidence(join),
            fix=fix,
        )
