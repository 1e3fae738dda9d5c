"""Readers over external-table DDL (Redshift Spectrum and Athena), shared by RS-D22..RS-D24."""

from __future__ import annotations

from sqlglot import exp

from advisor.model import SqlStatement
from rules.redshift.ddl._ddl import create_kind, created_table, in_athena, is_external, properties

COLUMNAR_FORMATS = frozenset({"PARQUET", "ORC"})
# Storage format named by a SerDe or input-format class (e.g. ...parquet.MapredParquetInputFormat).
_CLASS_HINTS: tuple[tuple[str, str], ...] = (
    ("parquet", "PARQUET"),
    ("orc", "ORC"),
    ("avro", "AVRO"),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("text", "TEXTFILE"),
    ("lazysimple", "TEXTFILE"),
)


def external_table(stmt: SqlStatement) -> tuple[exp.Create, exp.Table] | None:
    """A CREATE EXTERNAL TABLE, or (Athena) a CTAS, which always writes a table on S3."""
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return None
    if is_external(tree) or (in_athena(stmt) and is_ctas(tree)):
        return tree, table
    return None


def is_ctas(tree: exp.Create) -> bool:
    return isinstance(tree.args.get("expression"), exp.Query) and not is_external(tree)


def _class_format(name: str) -> str:
    lowered = name.lower()
    return next((fmt for hint, fmt in _CLASS_HINTS if hint in lowered), name)


def file_format(tree: exp.Create) -> tuple[str | None, exp.Expr | None]:
    """The declared storage format (upper case) and the node that declares it."""
    row_format: tuple[str | None, exp.Expr | None] = (None, None)
    for prop in properties(tree):
        if isinstance(prop, exp.FileFormatProperty):
            value = prop.this
            if isinstance(value, exp.InputOutputFormat):
                source = value.args.get("input_format")
                return (_class_format(source.name) if source else None), prop
            if isinstance(value, exp.Expr) and value.name:
                return value.name.upper(), prop
        elif isinstance(prop, exp.RowFormatDelimitedProperty):
            row_format = ("TEXTFILE", prop)
        elif isinstance(prop, exp.RowFormatSerdeProperty) and isinstance(prop.this, exp.Expr):
            row_format = (_class_format(prop.this.name), prop)
    return row_format


def table_property(tree: exp.Create, key: str) -> exp.Property | None:
    """A TABLE PROPERTIES / TBLPROPERTIES entry by key (case-insensitive)."""
    wanted = key.lower()
    for prop in properties(tree):
        entries = [prop] if type(prop) is exp.Property else list(prop.find_all(exp.Property))
        for entry in entries:
            if entry.name.lower() == wanted:
                return entry
    return None


def partition_property(tree: exp.Create) -> exp.PartitionedByProperty | None:
    return next((p for p in properties(tree) if isinstance(p, exp.PartitionedByProperty)), None)
