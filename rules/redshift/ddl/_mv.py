"""Readers over a materialized view's defining query, shared by RS-D17..RS-D19 (not a rule)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import Catalog
from rules.redshift.ddl._ddl import is_materialized_view

_SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pg_internal", "sys"})
_SYSTEM_PREFIXES = ("stl_", "stv_", "svl_", "svv_", "sys_", "pg_", "svcs_", "stcs_")


def mv_query(tree: exp.Expr | None) -> exp.Query | None:
    """The defining query of a CREATE MATERIALIZED VIEW, else None."""
    if not is_materialized_view(tree) or not isinstance(tree, exp.Create):
        return None
    query = tree.args.get("expression")
    return query if isinstance(query, exp.Query) else None


def auto_refresh(tree: exp.Create) -> bool:
    props = tree.args.get("properties")
    for prop in props.expressions if isinstance(props, exp.Properties) else []:
        if isinstance(prop, exp.AutoRefreshProperty):
            return prop.name.upper() == "YES"
    return False


def base_tables(query: exp.Query) -> Iterator[exp.Table]:
    """Tables read by the query, leaving out references to its own CTEs."""
    ctes = {c.alias_or_name.lower() for c in query.find_all(exp.CTE)}
    for table in query.find_all(exp.Table):
        if table.name and not (not table.db and table.name.lower() in ctes):
            yield table


def is_external_table(table: exp.Table, catalog: Catalog) -> bool:
    if table.db and table.db.lower() in catalog.external_schemas:
        return True
    info = catalog.lookup(table.db or None, table.name)
    return info is not None and info.external


def is_system_relation(table: exp.Table) -> bool:
    """A pg_catalog/information_schema relation, or an unqualified stl_/svv_/sys_... name (system
    views resolve through pg_catalog; `app.sys_config` is a user table)."""
    schema, name = (table.db or "").lower(), table.name.lower()
    return schema in _SYSTEM_SCHEMAS or (not schema and name.startswith(_SYSTEM_PREFIXES))


def outside_from(select: exp.Select) -> bool:
    """True for a nested SELECT that is not a FROM/JOIN source, a CTE body or a set branch."""
    node: exp.Expr | None = select.parent
    while isinstance(node, exp.Subquery | exp.Paren):
        node = node.parent
    return not isinstance(node, exp.From | exp.Join | exp.CTE | exp.SetOperation | exp.Create)
