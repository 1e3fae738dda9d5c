"""## What it does
Flags a Redshift plan with a nested loop join: an `XN Nested Loop` operator, or the trailer
`Nested Loop Join in the query plan` that Redshift prints under such plans.

## Why is this bad?
A nested loop compares every row of one side with every row of the other; it is the slowest
join Redshift has and is mostly the sign of a missing join predicate (a cartesian product) or
an inequality-only join.

## Example
```text
XN Nested Loop DS_BCAST_INNER  (cost=3296.97..3034286371.20 rows=181000 width=62)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)
  ->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)
```

## Use instead
```sql
SELECT * FROM event JOIN category ON category.catid = event.catid;
```

## Evidence
The plan: operator names and the trailer lines.

## Known limits
The plan does not show which predicate is missing; the static rules RS-Q02 and RS-Q03 point
at it in the SQL text.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-reviewing-query-alerts.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import finding, side_table

META = RuleMeta(
    id="RS-P07",
    name="nested-loop-plan",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="The plan joins with a nested loop (usually a missing join predicate)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)

FIX = "Add the equality predicate that links the joined tables (see RS-Q02, RS-Q03)"


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    loops = [n for n in plan.nodes() if n.operator.startswith("Nested Loop")]
    for node in loops:
        tables = [t for t in (side_table(c) for c in node.children) if t]
        yield finding(
            META,
            plan,
            node,
            f"Nested loop join of {' and '.join(tables) or 'its inputs'}: every row of one side "
            "is compared with every row of the other",
            object=tables[0] if tables else None,
            evidence=Evidence.of(operator=node.label, rows=node.rows, total_cost=node.total_cost),
            fix=Fix.advice(FIX),
        )
    if not loops and any("nested loop" in note.lower() for note in plan.notes):
        yield finding(
            META,
            plan,
            plan.root,
            "The plan's trailer reports a nested loop join",
            object=None,
            evidence=Evidence.of(note=next(n for n in plan.notes if "ested" in n)),
            fix=Fix.advice(FIX),
        )
