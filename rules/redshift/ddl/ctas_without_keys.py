"""## What it does
Flags `CREATE TABLE ... AS SELECT` (and `SELECT ... INTO new_table`) whose query joins,
aggregates, sorts or limits, when the statement names no distribution or sort key.

## Why is this bad?
CTAS keeps the source table's keys only for a plain single-table SELECT. Otherwise Redshift
picks distribution and sort keys from the query plan, which rarely suits the queries that later
read the table, and a CTAS cannot set column encodings. For a large or permanent table, declare
it with CREATE TABLE (keys and ENCODE) and fill it with INSERT ... SELECT.

## Example
```sql
CREATE TABLE mart.daily_sales AS
SELECT o.order_date, c.region, SUM(o.total) AS total
FROM sales.orders o JOIN sales.customers c ON c.customer_id = o.customer_id
GROUP BY 1, 2;
```

## Use instead
```sql
CREATE TABLE mart.daily_sales (
    order_date DATE ENCODE raw,
    region VARCHAR(16) ENCODE zstd,
    total DECIMAL(18, 2) ENCODE az64
)
DISTSTYLE AUTO SORTKEY (order_date);
INSERT INTO mart.daily_sales
SELECT o.order_date, c.region, SUM(o.total) AS total
FROM sales.orders o JOIN sales.customers c ON c.customer_id = o.customer_id
GROUP BY 1, 2;
```

## Evidence
The SQL text of the CTAS: its DISTSTYLE/DISTKEY/SORTKEY clauses and the shape of its query
(joins, aggregates, GROUP BY, ORDER BY, LIMIT).

## Known limits
The SQL does not say how large the result is; small scratch tables and small aggregated
results (one row per category, per month) are fine as CTAS, so the finding is `info`, and
temporary tables are skipped. `SELECT ... INTO new_table` creates a table the same way as CTAS
(with no way to declare keys) and is flagged likewise; `SELECT ... INTO TEMP` is not. The fix
gives the INSERT exactly and the CREATE TABLE as a template whose columns and keys must be
filled in.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_CTAS_usage_notes.html
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
from advisor.sql.dialect import DIALECT
from advisor.sql.fixsql import Template, written
from advisor.sql.spans import span_of
from rules.redshift._fixes import in_order
from rules.redshift.ddl._ddl import (
    create_kind,
    created_table,
    has_property,
    in_athena,
    is_temporary,
    name_sql,
)

# A sketch: the user fills in the columns and keys.
_DECLARE = Template(
    "CREATE TABLE {table} (<column> <type> ENCODE <encoding>, ...)\n"
    "DISTSTYLE AUTO SORTKEY (<column>)",
    sketch=True,
)

META = RuleMeta(
    id="RS-D15",
    name="ctas-without-keys",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="CTAS over joins or aggregates without distribution or sort key",
    fix_safety=FixSafety.ADVISORY,
)

_KEY_PROPERTIES = (exp.DistKeyProperty, exp.DistStyleProperty, exp.SortKeyProperty)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    found = _created_from_query(stmt)
    if found is None:
        return
    table, query = found
    shape = _shape(query)
    if not shape:
        return
    name = name_sql(table)
    insert = exp.Insert(this=table.copy(), expression=query.copy()).sql(dialect=DIALECT)
    yield META.finding(
        f"{'CTAS' if isinstance(stmt.tree, exp.Create) else 'SELECT INTO'} {name} has "
        f"{', '.join(shape)} and no DISTKEY/SORTKEY: Redshift picks keys from "
        "the plan and cannot set encodings; declare the table, then INSERT ... SELECT "
        "(a small or short-lived result does not need keys)",
        stmt.locate(span_of(table)),
        object=name,
        evidence=Evidence.of(query_shape=", ".join(shape)),
        fix=Fix.sql(
            "Declare the table with keys and encodings, then fill it with INSERT ... SELECT",
            in_order(_DECLARE.render(table=written(table)), insert + ";"),
        ),
        anchor=stmt.text,
    )


def _created_from_query(stmt: SqlStatement) -> tuple[exp.Table, exp.Query] | None:
    """The new table and its query, for CREATE TABLE AS and SELECT ... INTO (not temporary)."""
    tree = stmt.tree
    if in_athena(stmt):
        return None
    if isinstance(tree, exp.Select):
        into = tree.args.get("into")
        if not isinstance(into, exp.Into) or into.args.get("temporary"):
            return None
        target = into.this
        if not isinstance(target, exp.Table):
            return None
        selected = tree.copy()
        selected.set("into", None)
        return target, selected
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return None
    query = tree.args.get("expression")
    if not isinstance(query, exp.Query) or is_temporary(tree):
        return None
    if has_property(tree, *_KEY_PROPERTIES):
        return None
    return table, query


def _shape(query: exp.Query) -> list[str]:
    found: list[str] = []
    if any(s.args.get("joins") for s in query.find_all(exp.Select)):
        found.append("joins")
    if query.find(exp.AggFunc) is not None or query.find(exp.Group) is not None:
        found.append("aggregation")
    if query.args.get("order") is not None:
        found.append("ORDER BY")
    if query.args.get("limit") is not None:
        found.append("LIMIT")
    return found
