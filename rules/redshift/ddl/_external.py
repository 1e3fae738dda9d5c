"""Readers over external-table DDL (Redshift Spectrum and Athena), shared by RS-D22..RS-D24."""

from __future__ import annotations

from sqlglot import exp

from advisor.model import SqlStatement
from advisor.sql.context import RuleContext, table_key
from advisor.sql.external import COLUMNAR_FORMATS, file_format, table_property
from rules.redshift.ddl._ddl import (
    create_kind,
    created_table,
    in_athena,
    is_external,
    is_temporary,
    properties,
)

__all__ = [
    "COLUMNAR_FORMATS",
    "converted_in_file",
    "external_table",
    "file_format",
    "is_ctas",
    "partition_property",
    "table_property",
]


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


def partition_property(tree: exp.Create) -> exp.PartitionedByProperty | None:
    return next((p for p in properties(tree) if isinstance(p, exp.PartitionedByProperty)), None)


def converted_in_file(
    stmt: SqlStatement, ctx: RuleContext, table: exp.Table
) -> SqlStatement | None:
    """A statement of the same file that copies `table` into a columnar table: an Athena CTAS
    in Parquet or ORC (its default), a Redshift CREATE TABLE AS (a native table), or an
    INSERT ... SELECT into a table not declared in a row format. A temporary table is no
    conversion: it is filled again from the files in every session. None when there is none."""
    name = table.name.lower()
    schema = table.db.lower() if table.db else None
    for other in ctx.script.statements:
        tree = other.tree
        if other is stmt or tree is None:
            continue
        if isinstance(tree, exp.Create) and is_ctas(tree) and not is_temporary(tree):
            columnar = (file_format(tree)[0] or "PARQUET") in COLUMNAR_FORMATS
            query: exp.Expr | None = tree.args.get("expression")
        elif isinstance(tree, exp.Insert) and isinstance(tree.expression, exp.Query):
            columnar = _columnar_target(ctx, tree)
            query = tree.expression
        else:
            continue
        if columnar and query is not None and _reads(query, name, schema):
            return other
    return None


def _columnar_target(ctx: RuleContext, insert: exp.Insert) -> bool:
    target = insert.this.this if isinstance(insert.this, exp.Schema) else insert.this
    if not isinstance(target, exp.Table) or table_key(target) is None:
        return False
    info = ctx.catalog.lookup(target.db or None, target.name)
    if info is None or not info.external:
        return True  # a native table, or one the run does not declare (a load target)
    return (info.storage_format or "").upper() in COLUMNAR_FORMATS


def _reads(query: exp.Expr, name: str, schema: str | None) -> bool:
    return any(
        t.name.lower() == name and (not schema or not t.db or t.db.lower() == schema)
        for t in query.find_all(exp.Table)
    )
