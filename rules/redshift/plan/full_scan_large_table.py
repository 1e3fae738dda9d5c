"""## What it does
Flags a plan that scans a large table with no filter at all: an `XN Seq Scan on t` without a
`Filter:` line, where svv_table_info gives t more than 5,000,000 rows.

## Why is this bad?
Without a predicate Redshift reads every block of every column the query uses; a filter on the
table's first sort-key column would let zone maps skip most blocks.

## Example
```text
XN Seq Scan on sales  (cost=0.00..1724.56 rows=172456 width=24)
```

## Use instead
```text
XN Seq Scan on sales  (cost=0.00..2155.70 rows=57485 width=24)
  Filter: (saletime > '2008-12-01 00:00:00'::timestamp without time zone)
```

## Evidence
The plan's scan nodes and their `Filter:` lines; the table's `tbl_rows` and `sortkey1` from
svv_table_info (a live read, or `advisor explain --snapshot FILE`). Option `min_rows`
(5,000,000).

## Known limits
Silent when the table is not in the catalog (plain `advisor explain` without a snapshot). A
scan below a join may be filtered by the join; the rule only sees the scan's own filter.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import finding

META = RuleMeta(
    id="RS-P11",
    name="full-scan-large-table",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A plan scans a large table with no filter",
    fix_safety=FixSafety.ADVISORY,
    live=False,
    options={"min_rows": 5_000_000},
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for node in plan.nodes():
        if node.operator != "Seq Scan" or node.relation is None or node.detail("Filter"):
            continue
        stats = ctx.redshift.table(node.relation)
        if stats is None or stats.tbl_rows <= float(ctx.options["min_rows"]):
            continue
        where = f" on its sort key {stats.sortkey1}" if stats.sortkey1 else ""
        yield finding(
            META,
            plan,
            node,
            f"Full scan of {stats.qualified_name} ({stats.tbl_rows:,} rows) with no filter",
            object=stats.qualified_name,
            evidence=Evidence.of(
                tbl_rows=stats.tbl_rows, sortkey1=stats.sortkey1, plan_rows=node.rows
            ),
            fix=Fix.advice(f"Add a WHERE{where} so zone maps skip blocks"),
        )
