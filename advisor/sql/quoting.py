"""The one identifier quoter: names as Redshift or PostgreSQL must read them.

A name is written bare only when the server would read it back unchanged: lower case ASCII
letters, digits, ``_`` and ``$``, not starting with a digit or ``$``, and not a reserved word of
the dialect. Anything else (mixed case, which both servers fold to lower case unless quoted;
spaces, dots, quotes, non-ASCII text; reserved words such as ``user``, ``order`` or ``table``;
the empty name) is quoted. The quoted text itself is rendered by sqlglot's identifier generator
for the dialect, which doubles embedded quotes.

Redshift's reserved words are sqlglot's list for its Redshift generator (the documented list of
Redshift reserved words); PostgreSQL's are the keywords the PostgreSQL documentation marks
reserved, including those reserved except as function or type names (a column named ``left``
or ``verbose`` must be quoted in a select list).
"""

from __future__ import annotations

import re
from typing import Literal

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.dialects.postgres import Postgres

from advisor.sql.dialect import DIALECT

Server = Literal["redshift", "postgres"]

_BARE = re.compile(r"[a-z_][a-z0-9_$]*")

_POSTGRES = Postgres()

_POSTGRES_RESERVED = frozenset(
    [
        "all",
        "analyse",
        "analyze",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "asymmetric",
        "authorization",
        "binary",
        "both",
        "case",
        "cast",
        "check",
        "collate",
        "collation",
        "column",
        "concurrently",
        "constraint",
        "create",
        "cross",
        "current_catalog",
        "current_date",
        "current_role",
        "current_schema",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "deferrable",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "except",
        "false",
        "fetch",
        "for",
        "foreign",
        "freeze",
        "from",
        "full",
        "grant",
        "group",
        "having",
        "ilike",
        "in",
        "initially",
        "inner",
        "intersect",
        "into",
        "is",
        "isnull",
        "join",
        "lateral",
        "leading",
        "left",
        "like",
        "limit",
        "localtime",
        "localtimestamp",
        "natural",
        "not",
        "notnull",
        "null",
        "offset",
        "on",
        "only",
        "or",
        "order",
        "outer",
        "overlaps",
        "placing",
        "primary",
        "references",
        "returning",
        "right",
        "select",
        "session_user",
        "similar",
        "some",
        "symmetric",
        "system_user",
        "table",
        "tablesample",
        "then",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "user",
        "using",
        "variadic",
        "verbose",
        "when",
        "where",
        "window",
        "with",
    ]
)

_RESERVED: dict[str, frozenset[str]] = {
    # Redshift's documented list, plus PostgreSQL's: the parser Redshift grew from also reads
    # those (fetch, lateral, returning ...) as keywords, and a quoted lower-case name means
    # exactly the bare one, so quoting them is never wrong.
    "redshift": frozenset(word.strip() for word in DIALECT.generator_class.RESERVED_KEYWORDS)
    | _POSTGRES_RESERVED,
    "postgres": _POSTGRES_RESERVED,
}


def dialect_of(server: Server) -> Dialect:
    """The sqlglot dialect fixes for ``server`` are parsed and rendered with."""
    return DIALECT if server == "redshift" else _POSTGRES


def reserved_words(server: Server = "redshift") -> frozenset[str]:
    """The words ``server`` reads as keywords, never as a bare name."""
    return _RESERVED[server]


def bare_word(text: str) -> bool:
    """True when ``text`` is made of the characters a bare name may hold (reserved or not)."""
    return _BARE.fullmatch(text) is not None


def needs_quotes(name: str, server: Server = "redshift") -> bool:
    """True when ``name`` must be quoted to be read back as exactly ``name``."""
    return not _BARE.fullmatch(name) or name in _RESERVED[server] or name in _STATEMENT_WORDS


# Words that open a statement: neither server reserves all of them, but a bare one where a name
# belongs (`FROM insert`) is read as the start of a statement by parsers, ours included. With
# them, the other words our parser reads as syntax where a name belongs (`ALTER TABLE drop`,
# `VACUUM reindex`, `INSERT INTO function`); quoting a lower-case name is never wrong.
_STATEMENT_WORDS = frozenset(
    {
        "insert",
        "update",
        "delete",
        "merge",
        "copy",
        "unload",
        "vacuum",
        "analyze",
        "values",
        "alter",
        "drop",
        "describe",
        "revoke",
        "rollback",
        "reindex",
        "function",
        "glob",
        "regexp",
        "rlike",
        "xor",
        "uncache",
        "serdeproperties",
        "partitioned_by",
    }
)


def identifier(name: str, server: Server = "redshift") -> exp.Identifier:
    """``name`` as a sqlglot identifier node, quoted exactly when ``server`` needs it."""
    return exp.Identifier(this=name, quoted=needs_quotes(name, server))


def quote_ident(name: str, server: Server = "redshift") -> str:
    """One identifier as it must be written in SQL for ``server``."""
    return identifier(name, server).sql(dialect=dialect_of(server))


def quote_qualified(*parts: str, server: Server = "redshift") -> str:
    """A qualified name (``schema``, ``table``, ...) with every part quoted as needed."""
    return ".".join(quote_ident(part, server) for part in parts)


def quote_dotted(text: str, server: Server = "redshift") -> str:
    """A name the catalog reports as ``schema.table`` text, each dotted part quoted as needed.

    For names already joined with dots; a part that itself holds a dot cannot be told apart
    here, so callers that have the parts use `quote_qualified`.
    """
    return quote_qualified(*text.split("."), server=server)


__all__ = [
    "Server",
    "bare_word",
    "dialect_of",
    "identifier",
    "needs_quotes",
    "quote_dotted",
    "quote_ident",
    "quote_qualified",
    "reserved_words",
]
