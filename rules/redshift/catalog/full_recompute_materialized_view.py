"""## What it does
Flags a materialized view that Redshift recomputes in full on every refresh: stv_mv_info
`state = 0`.

## Why is this bad?
An incremental refresh reads only the base-table changes; a full recompute re-runs the whole
query on every refresh, which costs as much as the query the view was meant to save, and
grows with the data.

## Example
```sql
CREATE MATERIALIZED VIEW rs_demo.mv_daily_funnel AS
SELECT day, count(DISTINCT user_id) FROM rs_demo.events GROUP BY day;  -- DISTINCT aggregate
```

## Use instead
```sql
CREATE MATERIALIZED VIEW rs_demo.mv_daily_funnel AS
SELECT day, user_id, count(*) FROM rs_demo.events GROUP BY day, user_id;
```

## Evidence
`stv_mv_info.state` (`svv_mv_info` on Serverless). The static rule RS-D17 names the construct
that prevents incremental refresh when the view's DDL is in the lint run.

## Known limits
The view's definition is not read, so the rule cannot say which construct is to blame.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_MV_INFO.html
- https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-refresh.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C22",
    name="full-recompute-materialized-view",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="A materialized view cannot refresh incrementally (stv_mv_info.state = 0)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for mv in snapshot.materialized_views:
        if mv.state != 0:
            continue
        yield META.finding(
            f"Materialized view {mv.qualified_name} is recomputed in full on every refresh",
            None,
            object=mv.qualified_name,
            evidence=Evidence.of(state=0, autorefresh=mv.autorefresh),
            fix=Fix.advice(
                "Rewrite the view without the constructs that prevent incremental refresh "
                "(outer joins, set operations, DISTINCT aggregates, window functions; RS-D17)"
            ),
            anchor=mv.qualified_name,
        )
