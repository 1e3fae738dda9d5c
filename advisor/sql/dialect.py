"""The advisor's Redshift dialect for sqlglot and the parse entry points.

``RedshiftAdvisor`` extends sqlglot's Redshift dialect so that the statements people tune
(DDL with distribution/sort/encoding properties, COPY, UNLOAD, VACUUM, ANALYZE, external
objects, procedures) come out as typed expressions instead of ``exp.Command``.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.redshift import Redshift
from sqlglot.errors import ErrorLevel, ParseError

from advisor.sql.errors import guarded_parse
from advisor.sql.redshift.expressions import (
    AlterColumnEncode,
    AlterEncode,
    AnalyzeCompression,
    AppendFrom,
    Call,
    CloseCursor,
    CreateExternalSchema,
    Deallocate,
    DeclareCursor,
    DistKeyColumnConstraint,
    EncodeAutoProperty,
    ExternalFunction,
    FetchCursor,
    LockTables,
    NonAtomicProperty,
    Prepare,
    SetTableProperties,
    SortKeyAutoProperty,
    SortKeyColumnConstraint,
    TablePropertiesProperty,
    Unload,
    Vacuum,
    option,
)
from advisor.sql.redshift.generator import AdvisorGenerator
from advisor.sql.redshift.parser import AdvisorParser
from advisor.sql.redshift.tokenizer import AdvisorTokenizer

__all__ = [
    "DIALECT",
    "AlterColumnEncode",
    "AlterEncode",
    "AnalyzeCompression",
    "AppendFrom",
    "Call",
    "CloseCursor",
    "CreateExternalSchema",
    "Deallocate",
    "DeclareCursor",
    "DistKeyColumnConstraint",
    "EncodeAutoProperty",
    "ExternalFunction",
    "FetchCursor",
    "LockTables",
    "NonAtomicProperty",
    "Prepare",
    "RedshiftAdvisor",
    "SetTableProperties",
    "SortKeyAutoProperty",
    "SortKeyColumnConstraint",
    "TablePropertiesProperty",
    "Unload",
    "Vacuum",
    "is_typed",
    "option",
    "parse",
    "parse_one",
    "procedure_body",
]


def _check_subclassable() -> None:
    """Fail at import, clearly, on sqlglot's compiled build (the sqlglotc overlay).

    mypyc-compiled sqlglot refuses to instantiate Python subclasses of its Parser, Generator
    and Expression classes, which this dialect is made of.
    """
    try:
        Vacuum()
    except TypeError as error:
        raise ImportError(
            "advisor.sql.dialect needs the pure-Python sqlglot build: the compiled sqlglotc "
            "overlay forbids subclassing sqlglot's classes (uninstall sqlglotc)"
        ) from error


_check_subclassable()


class RedshiftAdvisor(Redshift):
    """sqlglot dialect registered as "redshiftadvisor"; sqlglot's "redshift" is untouched."""

    Tokenizer = AdvisorTokenizer
    Parser = AdvisorParser
    Generator = AdvisorGenerator


DIALECT = RedshiftAdvisor()


def parse(sql: str) -> list[exp.Expr | None]:
    """Parse every statement of ``sql``; raises ParseError on any syntax error."""
    return guarded_parse(lambda: DIALECT.parse(sql, error_level=ErrorLevel.RAISE))


def parse_one(sql: str) -> exp.Expr:
    """Parse exactly one statement; raises ParseError when that's not what ``sql`` holds."""
    statements = [s for s in parse(sql) if s is not None]
    if len(statements) != 1:
        raise ParseError(f"Expected one statement, found {len(statements)}")
    return statements[0]


def is_typed(e: exp.Expr | None) -> bool:
    """False for ``exp.Command`` fallbacks and missing trees, True for typed expressions."""
    return e is not None and not isinstance(e, exp.Command)


def procedure_body(e: exp.Expr) -> str | None:
    """Source text of a CREATE PROCEDURE / FUNCTION body (``$$ ... $$``), else None."""
    if not isinstance(e, exp.Create) or str(e.args.get("kind") or "").upper() not in (
        "PROCEDURE",
        "FUNCTION",
    ):
        return None
    body = e.args.get("expression")
    if isinstance(body, (exp.Heredoc, exp.RawString, exp.Literal)):
        return str(body.this)
    return None
