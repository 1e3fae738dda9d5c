"""## What it does
Flags `SELECT DISTINCT` or `ORDER BY` directly over an external (Spectrum) table.

## Why is this bad?
Redshift Spectrum runs filters, projections, GROUP BY aggregations, comparisons and LIKE in
its own fleet, close to S3, and returns only the reduced result. DISTINCT and ORDER BY are not
pushed down: every matching row is shipped into the cluster first and deduplicated or sorted
there. AWS suggests writing the query so the work can be pushed down, for example GROUP BY in
place of DISTINCT.

## Example
```sql
SELECT DISTINCT region, product FROM spectrum.sales WHERE saledate = '2024-05-01';
```

## Use instead
```sql
SELECT region, product FROM spectrum.sales WHERE saledate = '2024-05-01'
GROUP BY region, product;
```

## Fix safety
Safe: `--fix` replaces `SELECT DISTINCT a, b` by `SELECT a, b ... GROUP BY a, b`, which returns the
same rows. The statement is rewritten only when it holds no comment.

## Evidence
The SQL text, and the catalog: the table declared by CREATE EXTERNAL TABLE in the lint run, or
its schema declared by CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG / HIVE METASTORE.

## Known limits
Fires only with that catalog evidence and only when the external table is the query's single
source (no joins). The GROUP BY rewrite of DISTINCT is exact and marked safe; for ORDER BY the
fix is advice (sort a smaller, aggregated result, or drop the sort if the consumer does not
need it).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
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
from advisor.sql.edits import statement_edit
from advisor.sql.query import sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    is_aggregate_select,
    is_spectrum_table,
    replaced,
    sql,
    table_display,
)

META = RuleMeta(
    id="RS-Q26",
    name="spectrum-distinct-order-by",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="DISTINCT or ORDER BY over an external table is not pushed down to Spectrum",
    fix_safety=FixSafety.SAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or not (ctx.catalog.tables or ctx.catalog.external_schemas):
        return
    for select in stmt.nodes(exp.Select):
        distinct, order = select.args.get("distinct"), select.args.get("order")
        if not distinct and not order:
            continue
        found = list(sources(select))
        if len(found) != 1 or not isinstance(found[0], exp.Table):
            continue
        if not is_spectrum_table(found[0], ctx.catalog):
            continue
        name = table_display(found[0])
        for clause, node in (("DISTINCT", distinct), ("ORDER BY", order)):
            if node:
                yield META.finding(
                    f"{clause} over external table {name} runs in the cluster after every "
                    "matching row is shipped from Spectrum",
                    stmt.locate(span_of(node) or span_of(select)),
                    object=name,
                    evidence=Evidence.of(table=name, clause=clause),
                    fix=_fix(stmt, tree, select) if clause == "DISTINCT" else _order_fix(),
                    anchor=stmt.text,
                )


def _fix(stmt: SqlStatement, tree: exp.Expr, select: exp.Select) -> Fix:
    title = "Use GROUP BY, which Spectrum runs, instead of DISTINCT"
    distinct = select.args.get("distinct")
    plain = isinstance(distinct, exp.Distinct) and not distinct.args.get("on")
    if not plain or select.args.get("group") or is_aggregate_select(select):
        return Fix.advice(title)
    if any(item.find(exp.Window, exp.Star) for item in select.expressions):
        return Fix.advice(title)
    grouped = select.copy()
    grouped.set("distinct", None)
    keys = [item.this if isinstance(item, exp.Alias) else item for item in select.expressions]
    grouped.set("group", exp.Group(expressions=[k.copy() for k in keys]))
    edit = statement_edit(stmt, replaced(tree, select, grouped))
    return Fix.sql(
        title,
        sql(replaced(tree, select, grouped)) + ";",
        FixSafety.SAFE,
        edits=(edit,) if edit is not None else (),
    )


def _order_fix() -> Fix:
    return Fix.advice(
        "Sort after aggregating (GROUP BY runs in Spectrum) or drop ORDER BY if the consumer "
        "does not need it"
    )
