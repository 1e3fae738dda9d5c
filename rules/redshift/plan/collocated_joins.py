"""## What it does
Counts the collocated joins of a plan (`DS_DIST_NONE`, `DS_DIST_ALL_NONE`) and, when a plan
mixes them with joins that move data, reports the plan's score: how many of its joins run
without redistribution.

## Why is this bad?
It is not: collocated joins are the goal of a key design. The score shows how far a plan is
from it, and the same count before and after a DDL change shows whether the change worked
(the AWS example goes from 1 of 3 collocated joins to 3 of 3 with ALL dimensions).

## Example
```text
->  XN Hash Join DS_BCAST_INNER  (cost=112.50..3272334142.59 rows=170771 width=84)
        ->  XN Merge Join DS_DIST_NONE  (cost=0.00..6286.47 rows=172456 width=30)
```

## Use instead
```text
->  XN Hash Join DS_DIST_ALL_NONE  (cost=112.50..14142.59 rows=170771 width=84)
        ->  XN Merge Join DS_DIST_NONE  (cost=0.00..6286.47 rows=172456 width=30)
```

## Evidence
The plan: the distribution attribute of every join.

## Known limits
Silent on plans whose joins are all collocated (nothing to do) and on plans with no collocated
join (the other plan rules name each join that moves data).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan, RsPlanNode
from rules.redshift.plan._plan import finding

META = RuleMeta(
    id="RS-P06",
    name="collocated-joins",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.INFO,
    summary="Share of a plan's joins that run without redistribution (DS_DIST_NONE/ALL_NONE)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)

COLLOCATED = ("DS_DIST_NONE", "DS_DIST_ALL_NONE")


def joins(plan: RsPlan) -> list[RsPlanNode]:
    return [n for n in plan.nodes() if n.is_join and n.distribution]


def collocated(plan: RsPlan) -> list[RsPlanNode]:
    """The joins of a plan that need no data movement."""
    return [n for n in joins(plan) if n.distribution in COLLOCATED]


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    every = joins(plan)
    local = collocated(plan)
    if not local or len(local) == len(every):
        return
    moving = sorted({n.distribution or "" for n in every if n not in local})
    yield finding(
        META,
        plan,
        plan.root,
        f"{len(local)} of {len(every)} joins in this plan are collocated; "
        f"the others move data ({', '.join(moving)})",
        object=None,
        evidence=Evidence.of(joins=len(every), collocated=len(local), moving=", ".join(moving)),
        fix=None,
    )
