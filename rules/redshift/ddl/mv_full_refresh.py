"""## What it does
Flags a materialized view whose defining query uses a construct that rules out incremental
refresh: an outer join; UNION, INTERSECT, EXCEPT or MINUS; MEDIAN, PERCENTILE_CONT, LISTAGG,
STDDEV_SAMP, STDDEV_POP, APPROXIMATE COUNT, APPROXIMATE PERCENTILE or a bitwise aggregate;
an aggregate over DISTINCT values; a window function; a subquery outside the FROM clause; or an
external table.

## Why is this bad?
Redshift refreshes such a view by recomputing it from scratch on every refresh
(`STV_MV_INFO.state = 0`). For a view over a large fact table that turns a cheap, frequent
refresh into a full scan and aggregation each time.

## Example
```sql
CREATE MATERIALIZED VIEW mart.customer_orders AS
SELECT c.customer_id, COUNT(DISTINCT o.order_id) AS orders
FROM sales.customers c LEFT JOIN sales.orders o ON o.customer_id = c.customer_id
GROUP BY c.customer_id;
```

## Use instead
```sql
CREATE MATERIALIZED VIEW mart.customer_orders AS
SELECT o.customer_id, COUNT(o.order_id) AS orders
FROM sales.orders o
GROUP BY o.customer_id;
```

## Evidence
The SQL text of the CREATE MATERIALIZED VIEW (its query tree), and the external schemas and
external tables declared in the lint run.

## Known limits
The list follows the 2023-04 snapshot of the AWS page; newer Redshift versions refresh more
shapes incrementally, so check the current documentation before failing a build on it.
External tables are recognised only when their schema or table is declared in the run.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-refresh.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Catalog,
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import created_table, name_sql
from rules.redshift.ddl._mv import base_tables, is_external_table, mv_query, outside_from

META = RuleMeta(
    id="RS-D17",
    name="mv-full-refresh",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Materialized view that cannot be refreshed incrementally",
    fix_safety=FixSafety.ADVISORY,
)

_FULL_AGGREGATES: dict[type[exp.Expr], str] = {
    exp.Median: "MEDIAN",
    exp.PercentileCont: "PERCENTILE_CONT",
    exp.GroupConcat: "LISTAGG",
    exp.StddevSamp: "STDDEV_SAMP",
    exp.StddevPop: "STDDEV_POP",
    exp.ApproxDistinct: "APPROXIMATE COUNT",
    exp.ApproxQuantile: "APPROXIMATE PERCENTILE",
    exp.BitwiseAndAgg: "BIT_AND",
    exp.BitwiseOrAgg: "BIT_OR",
    exp.LogicalAnd: "BOOL_AND",
    exp.LogicalOr: "BOOL_OR",
}


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    query = mv_query(tree)
    view = created_table(tree)
    if query is None or view is None:
        return
    reasons = list(_blockers(query, ctx.catalog))
    if not reasons:
        return
    name = name_sql(view)
    listed = "; ".join(dict.fromkeys(r for r, _ in reasons))
    first = next((s for _, n in reasons if (s := span_of(n)) is not None), span_of(view))
    yield META.finding(
        f"materialized view {name} is recomputed in full on every refresh: {listed}",
        stmt.locate(first),
        object=name,
        evidence=Evidence.of(blockers=listed),
        fix=Fix.advice(
            "Rewrite the query without these constructs (for example pre-aggregate in one view "
            "and join or union in a plain view on top), or accept a full recompute per refresh"
        ),
        anchor=stmt.text,
    )


def _blockers(query: exp.Query, catalog: Catalog) -> Iterator[tuple[str, exp.Expr]]:
    for join in query.find_all(exp.Join):
        side = str(join.args.get("side") or "").upper()
        if side in ("LEFT", "RIGHT", "FULL"):
            yield f"{side} OUTER JOIN", join
    for setop in query.find_all(exp.SetOperation):
        yield f"set operation {setop.key.upper()}", setop
    for node in query.walk():
        label = _FULL_AGGREGATES.get(type(node))
        if label is not None:
            yield f"aggregate {label}", node
        elif isinstance(node, exp.AggFunc) and isinstance(node.this, exp.Distinct):
            yield f"DISTINCT aggregate {node.sql('redshift')}", node
        elif isinstance(node, exp.Window):
            yield "window function", node
    for select in query.find_all(exp.Select):
        if select is not query and outside_from(select):
            yield "subquery outside FROM", select
    for table in base_tables(query):
        if is_external_table(table, catalog):
            yield f"external table {name_sql(table)}", table
