"""## What it does
Flags a join in a Redshift plan marked `DS_DIST_INNER`: the inner table is redistributed on
the join column while the outer one already is.

## Why is this bad?
Every row of the inner table crosses the network on every run, although one DISTKEY change
would make the join local to each slice (`DS_DIST_NONE`).

## Example
```text
XN Hash Join DS_DIST_INNER  (cost=2.52..4000058653620.93 rows=8712 width=43)
  Hash Cond: ("outer".venueid = "inner".venueid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=23)
  ->  XN Hash  (cost=2.02..2.02 rows=202 width=22)
        ->  XN Seq Scan on venue  (cost=0.00..2.02 rows=202 width=22)
```

## Use instead
```sql
ALTER TABLE venue ALTER DISTSTYLE KEY DISTKEY venueid;
```

## Evidence
The plan: the join's `DS_DIST_INNER` attribute, its join condition and the inner table.

## Known limits
If the inner table is small and rarely updated, DISTSTYLE ALL is the other choice; the rule
cannot see how often the table changes.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
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
    id="RS-P03",
    name="redistribute-inner-join",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A join redistributes its inner input (DS_DIST_INNER)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for join in joins_with(plan, "DS_DIST_INNER"):
        fix = Fix.advice("Make the join column the inner table's DISTKEY")
        if join.inner and join.inner_column:
            fix = Fix.sql(
                f"Distribute {join.inner} on the join column",
                key_sql(join.inner, join.inner_column),
            )
        yield finding(
            META,
            plan,
            join.node,
            f"{join.node.operator} of {describe(join)} redistributes "
            f"{join.inner or 'the inner input'}",
            object=join.inner,
            evidence=join_evidence(join),
            fix=fix,
        )
