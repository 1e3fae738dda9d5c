"""## What it does
Flags hours with heavy statement churn, from sys_query_history counted per hour on the
server: more than 10 DDL statements, more than 10 CREATE TABLE AS, or more than 100 queries
that had to be compiled.

## Why is this bad?
Pipelines that drop and recreate tables on every run make Redshift compile new segments,
invalidate the result cache and its statistics, and take catalog locks that serialise with
other sessions; compiles add seconds to queries that would otherwise start at once.

## Example
```sql
DROP TABLE IF EXISTS stage_orders;
CREATE TABLE stage_orders AS SELECT * FROM orders WHERE ...;  -- every few minutes
```

## Use instead
```sql
TRUNCATE stage_orders;
INSERT INTO stage_orders SELECT * FROM orders WHERE ...;  -- persistent table, same plan
```

## Evidence
`sys_query_history` (`query_type`, `compile_time`, `user_id > 1`) counted per hour on the
server. Options `max_ddl` (10), `max_ctas` (10), `max_compiled` (100) per hour.

## Known limits
Counts are per hour, whole cluster: the finding names the statement kind and its worst hour,
and the query groups show which statements they are. STL-only clusters (no
sys_query_history) give no counts.

## References
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W15",
    name="statement-churn",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="An hour had over 10 DDL, over 10 CTAS or over 100 compiled statements",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_ddl": 10, "max_ctas": 10, "max_compiled": 100},
)

_KINDS = (
    ("ddl", "max_ddl", "DDL statements"),
    ("ctas", "max_ctas", "CTAS statements"),
    ("compiled", "max_compiled", "compiled queries"),
)

_ADVICE = {
    "ddl": "Keep staging tables: TRUNCATE or DELETE and then COPY or INSERT instead of "
    "DROP and CREATE on every run",
    "ctas": "Create the table once and refill it with TRUNCATE and INSERT ... SELECT instead "
    "of CREATE TABLE AS on every run",
    "compiled": "Reuse statements of the same shape (bind values instead of new SQL text) and "
    "keep tables instead of recreating them, so compiled segments are reused",
}


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for field, option, label in _KINDS:
        limit = float(ctx.options[option])
        worst = max(workload.churn_hours, key=lambda h: getattr(h, field), default=None)
        if worst is None or getattr(worst, field) <= limit:
            continue
        count = int(getattr(worst, field))
        hours = sum(1 for h in workload.churn_hours if getattr(h, field) > limit)
        yield META.finding(
            f"{count} {label} in one hour ({worst.hour}; {words.count(hours, 'hour')} "
            f"over {limit:g})",
            None,
            object=label,
            evidence=Evidence.of(hour=worst.hour, count=count, hours_over=hours, limit=limit),
            fix=Fix.advice(_ADVICE[field]),
            anchor=f"churn {field}",
        )
