"""Parse entry point for PostgreSQL text (`--dialect postgres`).

PostgreSQL's own parser (pglast) decides what is valid and where an error is; sqlglot's
"postgres" dialect builds the tree the rules read. A statement PostgreSQL accepts but sqlglot
cannot build a tree for is valid SQL, not a parse error: it becomes an untyped
``exp.Command``, which the rules pass over. The contract is that of
``advisor.sql.dialect.parse_one``: one statement in, one tree out, ParseError otherwise.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError

from advisor.sql.errors import guarded_parse

DIALECT = "postgres"


def _validate(sql: str) -> int:
    """The number of statements PostgreSQL reads in `sql`; ParseError (with the line and
    column PostgreSQL names) when it rejects the text."""
    import pglast.parser  # imported on first use: a Redshift-only run never needs it

    try:
        return len(pglast.parser.parse_sql(sql))
    except pglast.parser.ParseError as error:
        message = str(error.args[0]) if error.args else "syntax error"
        at = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else None
        offset = min(at, len(sql) - 1) if at is not None else max(len(sql.rstrip()) - 1, 0)
        line = sql.count("\n", 0, offset) + 1
        col = offset - (sql.rfind("\n", 0, offset) + 1) + 1
        raise ParseError(
            message, errors=[{"description": message, "line": line, "col": col}]
        ) from error


def _expression_only(tree: exp.Expr) -> bool:
    """sqlglot reads a statement it does not know (`LISTEN ch`, `DISCARD ALL`) as a column
    with an alias; PostgreSQL has already said it is a statement."""
    lone = (exp.Condition, exp.Alias, exp.Identifier, exp.Paren, exp.Tuple, exp.Star)
    return isinstance(tree, lone) and not isinstance(tree, exp.Query)


def parse_one(sql: str) -> exp.Expr:
    """Parse exactly one PostgreSQL statement; ParseError when that's not what `sql` holds."""
    count = _validate(sql)
    if count != 1:
        raise ParseError(f"Expected one statement, found {count}")
    try:
        trees = guarded_parse(
            lambda: list(sqlglot.parse(sql, read=DIALECT, error_level=ErrorLevel.RAISE))
        )
    except ParseError:
        trees = []
    statements = [t for t in trees if t is not None]
    if len(statements) == 1 and not _expression_only(statements[0]):
        return statements[0]
    words = sql.split(None, 1)
    return exp.Command(
        this=words[0].upper(), expression=exp.Literal.string(words[1] if len(words) > 1 else "")
    )
