"""Small readers over CREATE statements shared by the DDL rules (not a rule module)."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.dialect import DialectType

from advisor.model import SqlStatement
from advisor.sql.catalog import sortkey_columns, sortkey_style
from advisor.sql.dialect import DIALECT

# Types AZ64 can encode (dg:c_Compression_encodings, AZ64 section).
AZ64_TYPES = frozenset(
    {
        "SMALLINT",
        "INT",
        "INTEGER",
        "BIGINT",
        "DECIMAL",
        "NUMERIC",
        "DATE",
        "TIMESTAMP",
        "TIMESTAMPTZ",
    }
)
CHARACTER_TYPES = frozenset({"CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "TEXT", "BPCHAR"})
DATE_TYPES = frozenset({"DATE", "TIMESTAMP", "TIMESTAMPTZ"})


def create_kind(tree: exp.Expr | None) -> str:
    """`TABLE`, `VIEW`, `PROCEDURE`, `FUNCTION` ... of a CREATE, else an empty string."""
    if not isinstance(tree, exp.Create):
        return ""
    return str(tree.args.get("kind") or "").upper()


def created_table(tree: exp.Expr | None) -> exp.Table | None:
    """The table a CREATE TABLE / CREATE [MATERIALIZED] VIEW names."""
    if not isinstance(tree, exp.Create):
        return None
    target = tree.this
    if isinstance(target, exp.Schema):
        target = target.this
    return target if isinstance(target, exp.Table) else None


def name_sql(node: exp.Expr, dialect: DialectType = DIALECT) -> str:
    """A table or column name as written, quoting kept (a table's alias left out)."""
    if isinstance(node, exp.Table) and node.args.get("alias") is not None:
        node = node.copy()
        node.set("alias", None)
    return node.sql(dialect=dialect)


def properties(tree: exp.Create) -> list[exp.Expr]:
    props = tree.args.get("properties")
    return list(props.expressions) if isinstance(props, exp.Properties) else []


def has_property(tree: exp.Create, *kinds: type[exp.Expr]) -> bool:
    return any(isinstance(p, kinds) for p in properties(tree))


def is_external(tree: exp.Create) -> bool:
    return has_property(tree, exp.ExternalProperty)


def is_temporary(tree: exp.Create) -> bool:
    return has_property(tree, exp.TemporaryProperty)


def is_materialized_view(tree: exp.Expr | None) -> bool:
    return (
        isinstance(tree, exp.Create)
        and create_kind(tree) == "VIEW"
        and has_property(tree, exp.MaterializedProperty)
    )


def column_defs(tree: exp.Create) -> list[exp.ColumnDef]:
    target = tree.this
    if not isinstance(target, exp.Schema):
        return []
    return [c for c in target.expressions if isinstance(c, exp.ColumnDef)]


def constraint_kinds(col: exp.ColumnDef) -> list[exp.Expr]:
    return [c.args["kind"] for c in col.args.get("constraints") or [] if c.args.get("kind")]


def encoding_of(col: exp.ColumnDef) -> exp.EncodeColumnConstraint | None:
    return next(
        (k for k in constraint_kinds(col) if isinstance(k, exp.EncodeColumnConstraint)), None
    )


def base_type(col: exp.ColumnDef) -> str:
    """Upper-case type name without parameters, in Redshift spelling (`VARCHAR`, `TIMESTAMPTZ`)."""
    kind = col.args.get("kind")
    if not isinstance(kind, exp.DataType):
        return ""
    # Generating SQL is costly and a run sees few distinct types: memoise per type.
    name = _BASE_TYPES.get(kind.this)
    if name is None:
        text = exp.DataType(this=kind.this).sql(dialect=DIALECT).upper()
        aliases = {"CHARACTER VARYING": "VARCHAR", "TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ"}
        name = _BASE_TYPES[kind.this] = aliases.get(text, text.split("(")[0].strip())
    return name


_BASE_TYPES: dict[object, str] = {}


def type_sql(col: exp.ColumnDef) -> str:
    kind = col.args.get("kind")
    return kind.sql(dialect=DIALECT).upper() if isinstance(kind, exp.DataType) else ""


def sortkey_property(tree: exp.Create) -> exp.SortKeyProperty | None:
    return next((p for p in properties(tree) if isinstance(p, exp.SortKeyProperty)), None)


def interleaved_key(tree: exp.Create) -> tuple[exp.SortKeyProperty, list[exp.Expr]] | None:
    """The INTERLEAVED SORTKEY property and its columns, if the statement declares one."""
    prop = sortkey_property(tree)
    if prop is None or sortkey_style(prop) != "INTERLEAVED":
        return None
    return prop, sortkey_columns(prop)


def sortkey_names(tree: exp.Create) -> list[str]:
    """Sort-key column names in key order: the SORTKEY (...) clause or an inline SORTKEY."""
    prop = sortkey_property(tree)
    if prop is not None and sortkey_style(prop) != "AUTO":
        return [c.name for c in sortkey_columns(prop)]
    return [
        c.name
        for c in column_defs(tree)
        if any(type(k).__name__ == "SortKeyColumnConstraint" for k in constraint_kinds(c))
    ]


def distkey_column(tree: exp.Create) -> exp.Expr | None:
    """The DISTKEY column node: the DISTKEY (c) property or an inline DISTKEY column."""
    for prop in properties(tree):
        if isinstance(prop, exp.DistKeyProperty):
            return prop.this if isinstance(prop.this, exp.Expr) else prop
    for col in column_defs(tree):
        if any(type(k).__name__ == "DistKeyColumnConstraint" for k in constraint_kinds(col)):
            return col
    return None


def column_named(tree: exp.Create, name: str) -> exp.ColumnDef | None:
    key = name.lower()
    return next((c for c in column_defs(tree) if c.name.lower() == key), None)


def in_athena(stmt: SqlStatement) -> bool:
    return stmt.dialect.lower() == "athena"


def dialect_of(stmt: SqlStatement) -> DialectType:
    """The sqlglot dialect to write SQL back in: sqlglot's Athena, or the advisor's Redshift."""
    return "athena" if in_athena(stmt) else DIALECT


def ddl_dialect_of(stmt: SqlStatement) -> DialectType:
    """Dialect for names in DDL fixes: Athena runs DDL in Hive syntax (backtick quoting)."""
    return "hive" if in_athena(stmt) else DIALECT
