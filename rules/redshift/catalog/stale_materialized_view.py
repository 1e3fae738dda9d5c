"""## What it does
Flags a materialized view that stv_mv_info (or svv_mv_info) marks stale (`is_stale = 't'`):
its base tables changed since its last refresh.

## Why is this bad?
Queries on a stale view read old data, and automatic query rewrite does not use stale views,
so the queries it was built to speed up go back to the base tables.

## Example
```sql
SELECT schema, name, is_stale FROM stv_mv_info;  -- rs_demo | mv_orders | t
```

## Use instead
```sql
REFRESH MATERIALIZED VIEW rs_demo.mv_orders;
```

## Evidence
`stv_mv_info.is_stale` (`svv_mv_info` on Serverless).

## Known limits
A view refreshed on a schedule may be stale between runs by design.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_MV_INFO.html
- https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-refresh.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from advisor.sql.fixsql import name
from rules.redshift._fixes import REFRESH_MATERIALIZED_VIEW

_REFRESH = REFRESH_MATERIALIZED_VIEW

META = RuleMeta(
    id="RS-C21",
    name="stale-materialized-view",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="A materialized view is stale (stv_mv_info.is_stale)",
    fix_safety=FixSafety.SAFE,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for mv in snapshot.materialized_views:
        if not mv.is_stale:
            continue
        yield META.finding(
            f"Materialized view {mv.qualified_name} is stale: queries read old data and "
            "automatic rewrite skips it",
            None,
            object=mv.qualified_name,
            evidence=Evidence.of(is_stale=True, state=mv.state, autorefresh=mv.autorefresh),
            fix=Fix.sql(
                f"Refresh {mv.qualified_name}",
                _REFRESH.render(view=name(mv.schema, mv.name)),
                FixSafety.SAFE,
            ),
            anchor=mv.qualified_name,
        )
