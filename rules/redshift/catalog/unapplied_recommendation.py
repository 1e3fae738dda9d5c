"""## What it does
Lists the Advisor / automatic table optimisation recommendations Redshift will not apply by
itself: rows of svv_alter_table_recommendations with `auto_eligible = 'f'`.

## Why is this bad?
Redshift computed from the workload that the change pays off, but the table is not AUTO, so
nothing happens until someone runs the DDL.

## Example
```sql
SELECT type, table_id, group_id, ddl FROM svv_alter_table_recommendations
WHERE auto_eligible = 'f';
```

## Use instead
```sql
ALTER TABLE "rs_demo"."sales_skewed" ALTER DISTSTYLE KEY DISTKEY "sale_id";
```

## Evidence
`svv_alter_table_recommendations` (type, table_id, group_id, ddl, auto_eligible), with the
table name from svv_table_info.

## Known limits
Distribution recommendations with the same `group_id` must be applied together; the rule
reports each row and names its group.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALTER_TABLE_RECOMMENDATIONS.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C17",
    name="unapplied-recommendation",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="Redshift recommends a key change it will not apply itself (auto_eligible = f)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for rec in snapshot.recommendations:
        if rec.auto_eligible:
            continue
        table = rec.table or f"table id {rec.table_id}"
        group = f" (group {rec.group_id}: apply together)" if rec.group_id > 0 else ""
        ddl = rec.ddl.strip().rstrip(";") + ";"
        yield META.finding(
            f"Redshift recommends a {rec.type} change for {table} that it will not apply{group}",
            None,
            object=rec.table,
            evidence=Evidence.of(type=rec.type, table_id=rec.table_id, group_id=rec.group_id),
            fix=Fix.sql(f"Apply the {rec.type} recommendation", ddl),
            anchor=ddl,
        )
