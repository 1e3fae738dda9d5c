"""Which statements need the advisor's Redshift grammar, decided from their leading words.

The advisor's dialect (`advisor.sql.dialect`) is sqlglot's Redshift dialect plus typed trees
for DDL with keys and encodings, VACUUM, UNLOAD, COPY, external objects, procedures and other
statements that sqlglot leaves as `exp.Command`. Queries and DML (SELECT, WITH, INSERT, UPDATE,
DELETE, MERGE ...), most of what a repository holds, come out of both dialects as the same
tree. `fast_path` tells those apart without parsing: it reads the statement's leading words
and looks for the few words that the advisor's tokenizer reads differently from sqlglot's.
A statement on the fast path can be parsed with sqlglot's own Redshift dialect, which is what
sqlglot's compiled build (sqlglotc) can parse; the rest need the advisor's dialect.

`parse_one` is the composed parser: sqlglot's own dialect for fast-path statements, falling
back to the advisor's dialect when sqlglot's raises or finds other than one statement (so
errors and their messages stay those of the advisor's dialect), and the advisor's dialect for
every other statement. The trees are
the same as the advisor's dialect alone gives: tests compare both on the rule cases and the
corpora, and `benchmarks/compiled.py` compares them with sqlglot's compiled build.
"""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.dialects.redshift import Redshift
from sqlglot.errors import ErrorLevel, ParseError

from advisor.sql.errors import guarded_parse

# Statements led by these words parse to the same tree in sqlglot's Redshift dialect.
FAST_LEADS = frozenset(
    {"SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE"}
    | {"COMMIT", "ROLLBACK", "GRANT", "REVOKE", "SET", "RESET"}
)
# DROP of these objects too; DROP FUNCTION / PROCEDURE read a signature, which we parse.
FAST_DROPS = frozenset({"TABLE", "VIEW", "SCHEMA"})
# Words the advisor's tokenizer reads differently from sqlglot's (sqlglot makes them opaque
# commands, or has no keyword for them): a statement holding one anywhere needs our dialect.
RETOKENIZED = frozenset(
    {"UNLOAD", "VACUUM", "CALL", "PREPARE", "REFRESH", "DECLARE", "SERDEPROPERTIES"}
)
# Type names only the advisor's parser reads (REFCURSOR, the catalog's aclitem[], oidvector,
# xid ...): a statement naming one anywhere (a cast in an admin query) needs our dialect too.
CATALOG_TYPE_WORDS = frozenset(
    {"REFCURSOR", "ACLITEM", "INT2VECTOR", "OIDVECTOR", "XID", "CID", "TID"}
)

# Leading blanks, comments and opening parentheses, then the first two words.
_LEAD = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/|\()*([A-Za-z_]+)(?:\s+([A-Za-z_]+))?", re.S)
_RETOKENIZED = re.compile(
    r"(?<![\w$])(?:" + "|".join(sorted(RETOKENIZED | CATALOG_TYPE_WORDS)) + r")(?![\w$])",
    re.IGNORECASE,
)

_STOCK = Redshift()


def fast_path(sql: str) -> bool:
    """Whether sqlglot's own Redshift dialect gives this statement the advisor's tree."""
    match = _LEAD.match(sql)
    if match is None:
        return False
    lead = match.group(1).upper()
    dropped = (match.group(2) or "").upper()
    if lead not in FAST_LEADS and (lead != "DROP" or dropped not in FAST_DROPS):
        return False
    return _RETOKENIZED.search(sql) is None


def stock_parse(sql: str) -> list[exp.Expr | None]:
    """Parse with sqlglot's own Redshift dialect; raises ParseError on any syntax error."""
    return guarded_parse(lambda: _STOCK.parse(sql, error_level=ErrorLevel.RAISE))


def parse_one(sql: str) -> exp.Expr:
    """`advisor.sql.dialect.parse_one`, with fast-path statements parsed by sqlglot's dialect."""
    if fast_path(sql):
        try:
            statements = [s for s in stock_parse(sql) if s is not None]
        except ParseError:
            statements = []
        if len(statements) == 1:
            return statements[0]
    from advisor.sql import dialect

    return dialect.parse_one(sql)
