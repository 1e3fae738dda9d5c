"""Small tree helpers shared by the query rules (not a rule module: not listed in MODULES)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from advisor.model import Catalog
from advisor.sql.dialect import DIALECT


def sql(node: exp.Expr) -> str:
    """A node as Redshift SQL text, on one line."""
    return node.sql(dialect=DIALECT)


def conjuncts(node: exp.Expr | None) -> Iterator[exp.Expr]:
    """The AND-ed terms of a predicate, looking through parentheses."""
    if node is None:
        return
    if isinstance(node, exp.Paren):
        yield from conjuncts(node.this)
    elif isinstance(node, exp.And):
        yield from conjuncts(node.left)
        yield from conjuncts(node.right)
    else:
        yield node


def where_of(select: exp.Select) -> exp.Expr | None:
    where = select.args.get("where")
    return where.this if isinstance(where, exp.Where) else None


def qualifiers(node: exp.Expr) -> set[str]:
    """Lower-case table qualifiers of the columns under `node` ("" for unqualified ones)."""
    return {c.table.lower() for c in node.find_all(exp.Column)}


def has_column(node: exp.Expr) -> bool:
    return node.find(exp.Column) is not None


def table_display(table: exp.Expr) -> str:
    """`schema.name` of a table reference as written, without its alias."""
    if isinstance(table, exp.Schema):
        table = table.this
    if isinstance(table, exp.Table):
        return f"{table.db}.{table.name}" if table.db else table.name
    return sql(table)


def is_aggregate_select(select: exp.Select) -> bool:
    """True when the select list aggregates (an aggregate function outside any subquery)."""
    for item in select.expressions:
        for agg in item.find_all(exp.AggFunc):
            if agg.find_ancestor(exp.Select) is select and agg.find_ancestor(exp.Window) is None:
                return True
    return False


def replaced(tree: exp.Expr, node: exp.Expr, new: exp.Expr) -> exp.Expr:
    """A copy of `tree` with (the copy of) `node` replaced by `new`; `tree` is untouched."""
    position = next(i for i, sub in enumerate(tree.walk()) if sub is node)
    copy = tree.copy()
    target = next(sub for i, sub in enumerate(copy.walk()) if i == position)
    if target is copy:
        return new
    target.replace(new)
    return copy


def copy_at(tree: exp.Expr, node: exp.Expr) -> tuple[exp.Expr, exp.Expr]:
    """A copy of `tree` and, inside it, the copy of `node` (to edit before generating SQL)."""
    position = next(i for i, sub in enumerate(tree.walk()) if sub is node)
    copy = tree.copy()
    return copy, next(sub for i, sub in enumerate(copy.walk()) if i == position)


def copy_sources(copy: exp.Copy) -> list[str]:
    """The FROM strings of a COPY (S3 prefixes, a manifest, dynamodb://..., ...)."""
    return [f.this for f in copy.args.get("files") or [] if isinstance(f, exp.Literal)]


def flag_value(node: exp.Expr | None) -> str:
    """Upper-case text of an option value (`ON`, `OFF`, `TRUE`...); `TRUE` for bare flags."""
    if node is None:
        return ""
    if isinstance(node, exp.Boolean):
        return "TRUE" if node.this else "FALSE"
    return str(node.name or node.this).upper()


def with_option(node: exp.Expr, name: str, value: exp.Expr | None) -> exp.Expr:
    """A copy of a COPY/UNLOAD with option `name` set to `value` (replaced or appended)."""
    copy = node.copy()
    key = "params" if isinstance(copy, exp.Copy) else "options"
    items = [i for i in copy.args.get(key) or [] if i.name.upper() != name.upper()]
    items.append(exp.CopyParameter(this=exp.var(name), expression=value))
    copy.set(key, items)
    return copy


def without_options(node: exp.Expr, names: set[str]) -> exp.Expr:
    """A copy of a COPY/UNLOAD without the named options."""
    copy = node.copy()
    key = "params" if isinstance(copy, exp.Copy) else "options"
    copy.set(key, [i for i in copy.args.get(key) or [] if i.name.upper() not in names])
    return copy


def is_nested(select: exp.Expr) -> bool:
    """True when a SELECT feeds an outer query (a CTE, a derived table, a set operation in
    one), whose own predicates may be pushed down into it."""
    node = select.parent
    while isinstance(node, exp.SetOperation):
        node = node.parent
    return isinstance(node, exp.Subquery | exp.CTE)


def source_columns(select: exp.Select, alias: str) -> Iterator[exp.Column]:
    """Columns of the select's WHERE and JOIN ON clauses that may belong to source `alias`:
    qualified with it, or unqualified (counted for every source, to stay on the safe side)."""
    clauses = [where_of(select)]
    clauses.extend(j.args.get("on") for j in select.args.get("joins") or ())
    for clause in clauses:
        if clause is None:
            continue
        for column in clause.find_all(exp.Column):
            if column.table.lower() in (alias, ""):
                yield column


def star_or_columns(select: exp.Select) -> set[str]:
    """Lower-case names a select list passes on: column names, aliases, and "*" for stars."""
    names: set[str] = set()
    for item in select.expressions:
        if isinstance(item, exp.Star) or (
            isinstance(item, exp.Column) and isinstance(item.this, exp.Star)
        ):
            names.add("*")
        else:
            names.add(item.alias_or_name.lower())
            names.update(c.name.lower() for c in item.find_all(exp.Column))
    return names


SPECTRUM_SOURCES = frozenset({"DATA CATALOG", "HIVE METASTORE"})


def is_spectrum_table(table: exp.Table, catalog: Catalog) -> bool:
    """Whether the catalog knows `table` as an S3 external table (Spectrum)."""
    info = catalog.lookup(table.db or None, table.name)
    if info is not None:
        return info.external
    kind = catalog.external_schemas.get(table.db.lower()) if table.db else None
    return kind in SPECTRUM_SOURCES


# Redshift's system tables and views, and the PostgreSQL catalog it keeps on the leader node.
_SYSTEM_PREFIXES = ("stl_", "stv_", "svl_", "svv_", "svcs_", "sys_", "pg_")
_SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pg_internal"})


def is_system_relation(table: exp.Table) -> bool:
    """A system table or view (STL/STV/SVL/SVV/SYS, the pg_ catalog, information_schema)."""
    schema = table.db.lower()
    if schema in _SYSTEM_SCHEMAS:
        return True
    return not schema and table.name.lower().startswith(_SYSTEM_PREFIXES)


def cte_names(tree: exp.Expr) -> set[str]:
    """Lower-case names of every CTE defined anywhere in the statement."""
    return {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}


def stored_tables(tree: exp.Expr) -> list[exp.Table]:
    """Table references of the statement that are not CTEs (nor table functions)."""
    ctes = cte_names(tree)
    return [
        t for t in tree.find_all(exp.Table) if t.name and not (not t.db and t.name.lower() in ctes)
    ]


def reads_only_system_relations(tree: exp.Expr) -> bool:
    """True when every table the statement reads is a system table or view.

    Such statements are monitoring and admin queries: the system views are small or virtual
    (no zone maps, no distribution to tune), so query-tuning advice does not apply to them.
    The table a CREATE VIEW/TABLE AS or INSERT writes is not one it reads.
    """
    # Several rules ask this of each statement in turn: the answer for the last tree is kept
    # (a walk of the whole tree each time was a large share of a run's rule time).
    if _LAST_READS and _LAST_READS[0][0] is tree:
        return _LAST_READS[0][1]
    written = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    if not isinstance(tree, exp.Create | exp.Insert):
        written = None
    tables = [t for t in stored_tables(tree) if t is not written]
    answer = bool(tables) and all(is_system_relation(t) or wraps_system_relation(t) for t in tables)
    _LAST_READS[:] = [(tree, answer)]
    return answer


_LAST_READS: list[tuple[exp.Expr, bool]] = []


# PostgreSQL catalog relations Redshift keeps, as projects name their own copies or wrappers
# of them (dbt's redshift package has a model per catalog table: `ref('pg_user')` is
# `analytics.pg_user`, a view of `pg_catalog.pg_user`).
_CATALOG_NAMES = frozenset(
    {
        "pg_attribute",
        "pg_class",
        "pg_constraint",
        "pg_database",
        "pg_default_acl",
        "pg_depend",
        "pg_group",
        "pg_index",
        "pg_namespace",
        "pg_proc",
        "pg_roles",
        "pg_statistic",
        "pg_tables",
        "pg_type",
        "pg_user",
        "pg_views",
    }
)
_REDSHIFT_SYSTEM_PREFIXES = ("stl_", "stv_", "svl_", "svv_")


def wraps_system_relation(table: exp.Table) -> bool:
    """A table of a project's own schema named after a system table or view (a dbt model or
    a view over it): it has the system relation's size and purpose. A project table that only
    starts with `pg_` (`public.pg_tbl`) is not one."""
    name = table.name.lower()
    return bool(table.db) and (name in _CATALOG_NAMES or name.startswith(_REDSHIFT_SYSTEM_PREFIXES))


STAGING_WORDS = frozenset({"stage", "staging", "stg", "tmp", "temp", "landing"})


def staging_name(key: str) -> bool:
    """A `schema.table` key whose words say it is a staging table (`stg_orders`, `stage.x`)."""
    return bool(STAGING_WORDS & set(re.split(r"[^a-z0-9]+", key.lower())))
