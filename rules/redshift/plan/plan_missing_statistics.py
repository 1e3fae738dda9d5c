"""## What it does
Flags a Redshift plan whose trailer says `Tables missing statistics: t1, t2`: the planner chose
the plan without row counts for those tables.

## Why is this bad?
Without statistics the planner guesses table sizes, picks join order and distribution
(broadcast or redistribute) blindly, and can broadcast a large table it believes is small.

## Example
```text
XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)
  Hash Cond: ("outer".catid = "inner".catid)
  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)
  ->  XN Hash  (cost=0.11..0.11 rows=11 width=49)
        ->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)
----- Tables missing statistics: category -----
----- Update statistics by running the ANALYZE command on these tables -----
```

## Use instead
```sql
ANALYZE category PREDICATE COLUMNS;
```

## Evidence
The plan's trailer lines.

## Known limits
The trailer names tables as the plan printed them (often without schema); the fix uses those
names as they are.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html
- https://docs.aws.amazon.com/redshift/latest/dg/diagnostic-queries-for-query-tuning.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS
from rules.redshift.plan._plan import finding

_ANALYZE = ANALYZE_PREDICATE_COLUMNS

META = RuleMeta(
    id="RS-P08",
    name="plan-missing-statistics",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.HIGH,
    summary="The plan was made without statistics for some tables",
    fix_safety=FixSafety.SAFE,
    live=False,
)

_MISSING = re.compile(r"tables missing statistics:\s*(?P<tables>.+)$", re.I)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for note in plan.notes:
        match = _MISSING.search(note)
        if match is None:
            continue
        tables = [t.strip() for t in match.group("tables").split(",") if t.strip()]
        yield finding(
            META,
            plan,
            plan.root,
            f"The plan was made without statistics for {', '.join(tables)}",
            object=tables[0] if tables else None,
            evidence=Evidence.of(tables=", ".join(tables)),
            fix=Fix.sql(
                f"Analyse {', '.join(tables)}",
                "\n".join(_ANALYZE.render(table=dotted(t)) for t in tables),
                FixSafety.SAFE,
            ),
        )
