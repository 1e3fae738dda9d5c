"""## What it does
Flags `AUTO REFRESH YES` on a materialized view that cannot be refreshed automatically: one
that calls a mutable function (GETDATE, SYSDATE, CURRENT_DATE, RANDOM ...), reads an external
schema, or is defined on another materialized view.

## Why is this bad?
Redshift rejects AUTO REFRESH YES for these views, so the CREATE fails. Dropping the option
silently leaves the view stale unless a job refreshes it. Refresh of a view on another view is
not cascading: the base view must be refreshed first.

## Example
```sql
CREATE MATERIALIZED VIEW mart.recent_orders AUTO REFRESH YES AS
SELECT order_id, total FROM sales.orders WHERE order_date > GETDATE() - 7;
```

## Use instead
```sql
CREATE MATERIALIZED VIEW mart.recent_orders AUTO REFRESH NO AS
SELECT order_id, total FROM sales.orders WHERE order_date > GETDATE() - 7;
-- in the scheduler:
REFRESH MATERIALIZED VIEW mart.recent_orders;
```

## Evidence
The SQL text of the CREATE MATERIALIZED VIEW, and the external schemas and materialized views
declared in the lint run.

## Known limits
Only built-in mutable functions are recognised, not mutable user-defined functions. External
schemas and base views are recognised only when declared in the run.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-create-sql-command.html
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
from advisor.sql.dialect import DIALECT
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import REFRESH_MATERIALIZED_VIEW, in_order
from rules.redshift.ddl._ddl import created_table, name_sql
from rules.redshift.ddl._mv import auto_refresh, base_tables, is_external_table, mv_query

META = RuleMeta(
    id="RS-D19",
    name="mv-auto-refresh-not-allowed",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="AUTO REFRESH YES on a materialized view that cannot refresh automatically",
    fix_safety=FixSafety.UNSAFE,
)

_MUTABLE: tuple[type[exp.Expr], ...] = (
    exp.CurrentTimestamp,
    exp.CurrentDate,
    exp.CurrentTime,
    exp.CurrentDatetime,
    exp.Rand,
)
_MUTABLE_NAMES = frozenset({"GETDATE", "SYSDATE", "TIMEOFDAY", "NOW", "RANDOM"})


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    query = mv_query(tree)
    view = created_table(tree)
    if query is None or view is None or not isinstance(tree, exp.Create):
        return
    if not auto_refresh(tree):
        return
    reasons = list(_reasons(query, ctx.catalog))
    if not reasons:
        return
    name = name_sql(view)
    listed = "; ".join(dict.fromkeys(r for r, _, _ in reasons))
    bases: dict[str, exp.Table] = {}
    for _, _, base in reasons:
        if base is not None:
            bases.setdefault(name_sql(base), base)
    refresh = in_order(
        *(REFRESH_MATERIALIZED_VIEW.render(view=written(v)) for v in [*bases.values(), view])
    )
    first = next((s for _, n, _ in reasons if (s := span_of(n)) is not None), span_of(view))
    yield META.finding(
        f"materialized view {name} has AUTO REFRESH YES but {listed}; Redshift rejects it",
        stmt.locate(first),
        object=name,
        evidence=Evidence.of(reasons=listed),
        fix=Fix.sql(
            "Create it with AUTO REFRESH NO and refresh it from a scheduled job",
            in_order(_manual_refresh(tree) + ";", refresh),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _reasons(
    query: exp.Query, catalog: Catalog
) -> Iterator[tuple[str, exp.Expr, exp.Table | None]]:
    """Why the view cannot refresh automatically: the reason, where, and the base view (if the
    reason is one, to be refreshed first)."""
    for node in query.find_all(exp.Func):
        called = node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name()
        if isinstance(node, _MUTABLE) or called.upper() in _MUTABLE_NAMES:
            yield f"it calls the mutable function {node.sql('redshift')}", node, None
    for table in base_tables(query):
        if is_external_table(table, catalog):
            yield f"it reads the external table {name_sql(table)}", table, None
        elif catalog.relation_kind(table.db or None, table.name) == "MATERIALIZED VIEW":
            yield f"it is defined on the materialized view {name_sql(table)}", table, table


def _manual_refresh(tree: exp.Create) -> str:
    copy = tree.copy()
    for prop in copy.find_all(exp.AutoRefreshProperty):
        prop.set("this", exp.var("NO"))
    return copy.sql(dialect=DIALECT)
