"""Helpers shared by the load rules (RS-W16 to RS-W19): the COPY behind a history row."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import SqlglotError

from advisor.sql.dialect import parse_one
from rules.redshift.query._shared import sql, table_display, with_option


def parse_copy(text: str) -> exp.Copy | None:
    """The COPY statement of a history row's text, or None (other SQL, truncated, unparsable)."""
    if not text.strip():
        return None
    try:
        tree = parse_one(text)
    except SqlglotError:
        return None
    return tree if isinstance(tree, exp.Copy) else None


def copy_target(copy: exp.Copy | None) -> str:
    """`schema.table` as the COPY names it ("" without a COPY)."""
    return table_display(copy.this) if copy is not None else ""


def copy_with(copy: exp.Copy, name: str, value: exp.Expr | None) -> str:
    """The COPY as SQL with option `name` set (or added), ending in a semicolon."""
    return sql(with_option(copy, name, value)) + ";"


def mb(size: int | float) -> float:
    return size / 1048576
