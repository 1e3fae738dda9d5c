"""## What it does
Flags a materialized view that can no longer be refreshed: stv_mv_info `state` 101 to 105 (a
base column was dropped or changed type, a base table, column or schema was renamed).

## Why is this bad?
The view keeps its last contents forever: every query on it reads data that only gets older,
and automatic query rewrite stops using it.

## Example
```sql
ALTER TABLE rs_demo.orders RENAME COLUMN amount TO total;  -- mv_revenue: state 104
```

## Use instead
```sql
DROP MATERIALIZED VIEW rs_demo.mv_revenue;
CREATE MATERIALIZED VIEW rs_demo.mv_revenue AS ...;  -- against the new names
```

## Evidence
`stv_mv_info.state` (`svv_mv_info` on Serverless).

## Known limits
The new definition has to be written by hand; the rule does not read the old one.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_MV_INFO.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from advisor.sql.fixsql import Template, name
from advisor.sql.quoting import quote_qualified
from rules.redshift._fixes import in_order

_DROP = Template("DROP MATERIALIZED VIEW {view}")

META = RuleMeta(
    id="RS-C23",
    name="broken-materialized-view",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="A materialized view cannot be refreshed any more (stv_mv_info.state 101-105)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

REASONS = {
    101: "a base column was dropped",
    102: "a base column changed type",
    103: "a base table was renamed",
    104: "a base column was renamed",
    105: "a base schema was renamed",
}


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for mv in snapshot.materialized_views:
        reason = REASONS.get(mv.state)
        if reason is None:
            continue
        yield META.finding(
            f"Materialized view {mv.qualified_name} can no longer be refreshed: {reason}",
            None,
            object=mv.qualified_name,
            evidence=Evidence.of(state=mv.state),
            fix=Fix.sql(
                f"Drop and recreate {mv.qualified_name}",
                in_order(
                    _DROP.render(view=name(mv.schema, mv.name)),
                    "-- then CREATE MATERIALIZED VIEW "
                    + quote_qualified(mv.schema, mv.name)
                    + " AS ...;",
                ),
            ),
            anchor=mv.qualified_name,
        )
