"""Parse entry point for Amazon Athena DDL and queries, on sqlglot's own "athena" dialect.

The external-table rules (RS-D22..RS-D24) read Athena's CREATE EXTERNAL TABLE and CTAS the
same way as Redshift Spectrum's; this wrapper gives the engine the same contract as
``advisor.sql.dialect.parse_one``: one statement in, one tree out, ParseError otherwise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError

from advisor.sql.errors import guarded_parse

DIALECT = "athena"


class _DropCommandFallback(logging.Filter):
    """sqlglot logs a warning for statements it keeps as text (e.g. MSCK REPAIR TABLE); the
    engine treats such statements as untyped trees, so the warning is noise on a lint run."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Falling back to parsing as a 'Command'" not in record.getMessage()


@contextmanager
def _quiet_fallbacks() -> Iterator[None]:
    logger = logging.getLogger("sqlglot")
    drop = _DropCommandFallback()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def parse(sql: str) -> list[exp.Expr | None]:
    """Parse every statement of ``sql`` as Athena SQL; raises ParseError on any syntax error."""

    def run() -> list[exp.Expr | None]:
        with _quiet_fallbacks():
            return list(sqlglot.parse(sql, read=DIALECT, error_level=ErrorLevel.RAISE))

    return guarded_parse(run)


def parse_one(sql: str) -> exp.Expr:
    """Parse exactly one Athena statement; raises ParseError when that's not what ``sql`` holds."""
    statements = [s for s in parse(sql) if s is not None]
    if len(statements) != 1:
        raise ParseError(f"Expected one statement, found {len(statements)}")
    return statements[0]


# `PREPARE name FROM <statement>`: Athena keeps the statement for later EXECUTE ... USING.
_PREPARE = re.compile(r"\s*PREPARE\s+(?:\"[^\"]+\"|\w+)\s+FROM\s+", re.IGNORECASE)


def prepared_query_offset(text: str) -> int | None:
    """Where the statement a `PREPARE name FROM ...` prepares starts in `text`, else None.

    The engine analyses that statement like any query (its own span in the file), so a
    prepared query gets the same findings as the query written out.
    """
    match = _PREPARE.match(text)
    if match is None or match.end() >= len(text.rstrip().rstrip(";")):
        return None
    return match.end()
