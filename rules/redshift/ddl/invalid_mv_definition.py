"""## What it does
Flags a CREATE MATERIALIZED VIEW that Redshift rejects: one whose query has ORDER BY, LIMIT or
OFFSET, that is late-binding (`WITH NO SCHEMA BINDING`), that calls a leader-node-only function
(CURRENT_SCHEMA, CURRENT_SCHEMAS, HAS_DATABASE_PRIVILEGE, HAS_SCHEMA_PRIVILEGE,
HAS_TABLE_PRIVILEGE), or that reads a standard view, a system table or view, or a temporary
table.

## Why is this bad?
The statement fails, so the view the dashboards or jobs expect never exists.

## Example
```sql
CREATE MATERIALIZED VIEW mart.top_customers AS
SELECT customer_id, SUM(total) AS total FROM sales.orders
GROUP BY customer_id ORDER BY total DESC LIMIT 100;
```

## Use instead
```sql
CREATE MATERIALIZED VIEW mart.customer_totals AS
SELECT customer_id, SUM(total) AS total FROM sales.orders GROUP BY customer_id;
SELECT * FROM mart.customer_totals ORDER BY total DESC LIMIT 100;
```

## Evidence
The SQL text of the CREATE MATERIALIZED VIEW, and the views and temporary tables declared in
the lint run.

## Known limits
Views and temporary tables are recognised only when declared in the run; system relations by
their schema (`pg_catalog`, `information_schema`) or, when unqualified, their name prefix
(`stl_`, `stv_`, `svl_`, `svv_`, `sys_`, `pg_`): an unqualified user table named like that is
flagged too. Calls to user-defined functions are not detected.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-create-sql-command.html
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
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import created_table, name_sql
from rules.redshift.ddl._mv import base_tables, is_system_relation, mv_query

META = RuleMeta(
    id="RS-D18",
    name="invalid-mv-definition",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="Materialized view definition that Redshift rejects",
    fix_safety=FixSafety.UNSAFE,
)

_LEADER_ONLY = frozenset(
    {
        "CURRENT_SCHEMA",
        "CURRENT_SCHEMAS",
        "HAS_DATABASE_PRIVILEGE",
        "HAS_SCHEMA_PRIVILEGE",
        "HAS_TABLE_PRIVILEGE",
    }
)
_MODIFIERS = ("order", "limit", "offset")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    query = mv_query(tree)
    view = created_table(tree)
    if query is None or view is None or not isinstance(tree, exp.Create):
        return
    name = name_sql(view)
    modifiers = [m for m in _MODIFIERS if query.args.get(m) is not None]
    if modifiers or tree.args.get("no_schema_binding"):
        what = [m.upper().replace("ORDER", "ORDER BY") for m in modifiers]
        if tree.args.get("no_schema_binding"):
            what.append("WITH NO SCHEMA BINDING")
        node = query.args.get(modifiers[0]) if modifiers else view
        yield META.finding(
            f"materialized view {name} has {', '.join(what)}, which Redshift does not allow in "
            "a materialized view",
            stmt.locate(span_of(node) if isinstance(node, exp.Expr) else None),
            object=name,
            evidence=Evidence.of(clauses=", ".join(what)),
            fix=Fix.sql(
                "Drop the clauses; sort and limit when reading the view",
                _without_clauses(tree) + ";",
                FixSafety.UNSAFE,
            ),
            anchor=stmt.text,
        )
    for node in query.find_all(exp.Func):
        called = _function_name(node)
        if called in _LEADER_ONLY:
            yield _problem(stmt, name, node, f"calls the leader-node-only function {called}")
    for table in base_tables(query):
        kind = ctx.catalog.relation_kind(table.db or None, table.name)
        if is_system_relation(table):
            kind = "system relation"
        if kind in ("VIEW", "TEMPORARY TABLE", "system relation"):
            label = str(kind).lower()
            yield _problem(stmt, name, table, f"reads the {label} {name_sql(table)}")


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).upper()
    return node.sql_name().upper()


def _problem(stmt: SqlStatement, name: str, node: exp.Expr, what: str) -> Finding:
    return META.finding(
        f"materialized view {name} {what}; Redshift rejects this definition",
        stmt.locate(span_of(node)),
        object=name,
        evidence=Evidence.of(problem=what),
        fix=Fix.advice(
            "Read base tables only and drop leader-node-only functions from the definition"
        ),
        anchor=stmt.text,
    )


def _without_clauses(tree: exp.Create) -> str:
    copy = tree.copy()
    query = copy.args.get("expression")
    if isinstance(query, exp.Expr):
        for clause in _MODIFIERS:
            query.set(clause, None)
    copy.set("no_schema_binding", None)
    return copy.sql(dialect=DIALECT)
