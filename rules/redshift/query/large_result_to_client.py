"""## What it does
Flags a top-level SELECT that returns a table's rows to the client with no WHERE, no LIMIT, no
aggregation and no GROUP BY: a full extract through the leader node.

## Why is this bad?
A result set travels from the compute nodes through the single leader node to the client, one
connection, serially. For a large table that is slow and can exhaust the leader's memory and
the client's. AWS's guidance for very large result sets is UNLOAD, which writes the result to
Amazon S3 in parallel from every slice.

## Example
```sql
SELECT order_id, customer_id, total FROM sales.orders;
```

## Use instead
```sql
UNLOAD ('SELECT order_id, customer_id, total FROM sales.orders')
TO 's3://<bucket>/<prefix>/'
IAM_ROLE '<role-arn>'
FORMAT AS PARQUET;
```

## Evidence
The SQL text of the statement and the catalog: every table read must be declared in the lint
run (CREATE TABLE), and not `DISTSTYLE ALL` (the style of small dimension tables).

## Known limits
Fires only with that catalog evidence: a bare `SELECT a FROM t` is far more often a small
lookup than a bulk extract, and the rule cannot know row counts offline; it is informational.
System tables and views (`pg_*`, `stl_*`, `stv_*`, `svl_*`, `svv_*`, `sys_*`,
`information_schema`), table functions and queries over CTEs only are skipped. The UNLOAD fix
needs the bucket and role filled in.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
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
from advisor.sql.dialect import Unload
from advisor.sql.query import cte_map, sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import is_aggregate_select, sql, table_display

META = RuleMeta(
    id="RS-Q10",
    name="large-result-to-client",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="Unfiltered, unaggregated SELECT of a table's rows to the client; consider UNLOAD",
    fix_safety=FixSafety.ADVISORY,
)

_SYSTEM_PREFIXES = ("pg_", "stl_", "stv_", "svl_", "svv_", "sys_", "svcs_", "stcs_")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    select = stmt.tree
    if not isinstance(select, exp.Select) or not ctx.catalog.tables:
        return
    if any(select.args.get(k) for k in ("where", "limit", "group", "having", "distinct")):
        return
    if is_aggregate_select(select) or select.args.get("into"):
        return
    ctes = cte_map(select)
    tables = [
        t
        for t in sources(select)
        if isinstance(t, exp.Table)
        and isinstance(t.this, exp.Identifier)
        and not (not t.db and t.name.lower() in ctes)
    ]
    if not tables or any(_small_or_system(t, ctx) for t in tables):
        return
    names = ", ".join(table_display(t) for t in tables)
    yield META.finding(
        f"returns every row of {names} to the client through the leader node; for a large "
        "extract, UNLOAD writes in parallel to S3",
        stmt.locate(span_of(select)),
        object=table_display(tables[0]),
        evidence=Evidence.of(tables=names),
        fix=Fix.sql(
            "Export with UNLOAD (fill in the S3 prefix and role)", sql(_unload(select)) + ";"
        ),
        anchor=stmt.text,
    )


def _small_or_system(table: exp.Table, ctx: RuleContext) -> bool:
    """True unless the table is a declared, non-ALL (so possibly large) stored table."""
    schema, name = table.db.lower(), table.name.lower()
    if schema in ("information_schema", "pg_catalog") or name.startswith(_SYSTEM_PREFIXES):
        return True
    info = ctx.table_info(table)
    return info is None or info.external or (info.diststyle or "").upper() == "ALL"


def _unload(select: exp.Select) -> exp.Expr:
    return Unload(
        this=exp.Literal.string(sql(select)),
        to=exp.Literal.string("s3://<bucket>/<prefix>/"),
        options=[
            exp.CopyParameter(
                this=exp.var("IAM_ROLE"), expression=exp.Literal.string("<role-arn>")
            ),
            exp.CopyParameter(this=exp.var("FORMAT"), expression=exp.var("PARQUET")),
        ],
    )
