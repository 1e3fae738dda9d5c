"""## What it does
Flags a Redshift plan that contains an `RLS SecureScan` or `LF SecureScan` node: row-level
security predicates are applied there and hidden from the plan.

## Why is this bad?
The plan is incomplete: filters and joins added by the policies do not appear, so costs,
distribution steps and the advice drawn from them may be wrong.

## Example
```text
XN RLS SecureScan saleview  (cost=0.00..4.50 rows=100 width=8)
  ->  XN Seq Scan on sales  (cost=0.00..3.50 rows=350 width=8)
```

## Use instead
```sql
GRANT EXPLAIN RLS TO ROLE tuner;  -- then EXPLAIN again as that role
```

## Evidence
The plan: operator names.

## Known limits
Informational only.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import finding

META = RuleMeta(
    id="RS-P15",
    name="rls-hidden-plan",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.INFO,
    summary="The plan hides row-level security predicates (SecureScan)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    node = next((n for n in plan.nodes() if "SecureScan" in n.operator), None)
    if node is None:
        return
    yield finding(
        META,
        plan,
        node,
        f"{node.operator} hides the row-level security predicates from this plan",
        object=node.relation,
        evidence=Evidence.of(operator=node.label),
        fix=Fix.advice("EXPLAIN as a role with the EXPLAIN RLS permission"),
    )
