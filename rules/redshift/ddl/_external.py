"""Readers over external-table DDL (Redshift Spectrum and Athena), shared by RS-D22..RS-D24."""

from __future__ import annotations

from sqlglot import exp

from advisor.model import SqlStatement
from advisor.sql.external import COLUMNAR_FORMATS, file_format, table_property
from rules.redshift.ddl._ddl import create_kind, created_table, in_athena, is_external, properties

__all__ = [
    "COLUMNAR_FORMATS",
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
