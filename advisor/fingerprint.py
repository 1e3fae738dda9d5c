"""Fingerprints that match a statement in a file to its executions in a live history.

A linted statement and the text a history view kept of it differ in literals (the file says
`:day` or `{{ var('day') }}`, the history `'2026-01-05'`), in case, blanks, comments and the
length of IN lists. A fingerprint erases exactly those differences:

- **SQL**: the statement's tokens, read with the dialect's own tokenizer, with every literal and
  every parameter or placeholder (`'x'`, `42`, `$1`, `%(name)s`, `%s`, `:name`, `?`) turned into
  one `?`, a list of them inside parentheses into one `(?)`, identifiers case-folded (Redshift
  and PostgreSQL fold unquoted names), keywords upper-cased, comments and the final semicolon
  dropped. Tokenizing rather than parsing also reads a history text cut off at its limit
  (`sys_query_history` keeps 4,000 characters): `prefix_of` matches such a text against the
  start of a statement.
- **PostgreSQL**: pglast's fingerprint (libpg_query's, the one pg_stat_statements is close to)
  when the text parses, else the SQL fingerprint above.
- **OpenSearch**: the shape of a request body: its keys and nesting with every value erased,
  as Query Insights groups top queries by shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlglot.tokenizer_core import TokenType

_LITERALS = {
    TokenType.STRING,
    TokenType.NUMBER,
    TokenType.NATIONAL_STRING,
    TokenType.HEX_STRING,
    TokenType.BIT_STRING,
    TokenType.BYTE_STRING,
    TokenType.RAW_STRING,
    TokenType.UNICODE_STRING,
    TokenType.HEREDOC_STRING,
    TokenType.PLACEHOLDER,
    TokenType.TRUE,
    TokenType.FALSE,
}
_NAMES = {TokenType.VAR, TokenType.IDENTIFIER}
# Longest history text Redshift keeps in sys_query_history.query_text; a text this long may be
# cut off, and then only its start can be matched.
TRUNCATED_AT = 4000


def normalised_tokens(text: str, dialect: str = "redshift") -> tuple[str, ...]:
    """The statement's tokens with literals, parameters, case and list lengths erased."""
    try:
        from advisor.sql.quoting import dialect_of

        tokens = dialect_of("postgres" if dialect == "postgres" else "redshift").tokenize(text)
    except Exception:  # a text the tokenizer rejects is matched by its words
        return tuple(w.upper() for w in text.split())
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.token_type
        nxt = tokens[i + 1] if i + 1 < n else None
        if kind in _LITERALS:
            out.append("?")
        elif kind is TokenType.PARAMETER and nxt is not None and nxt.token_type in _LITERALS:
            out.append("?")  # $1
            i += 1
        elif kind is TokenType.PARAMETER:
            out.append("?")
        elif (
            kind is TokenType.MOD
            and nxt is not None
            and nxt.token_type is TokenType.L_PAREN
            and i + 3 < n
            and tokens[i + 3].token_type is TokenType.R_PAREN
            and i + 4 < n
            and tokens[i + 4].text == "s"
        ):
            out.append("?")  # %(name)s
            i += 4
        elif kind is TokenType.MOD and nxt is not None and nxt.text == "s" and out:
            out.append("?")  # %s
            i += 1
        elif (
            kind is TokenType.COLON
            and nxt is not None
            and nxt.token_type in _NAMES
            and (not out or out[-1] not in (":", "::"))
        ):
            out.append("?")  # :name
            i += 1
        elif kind is TokenType.SEMICOLON:
            pass
        elif kind in _NAMES:
            out.append(tok.text.lower())
        else:
            out.append(tok.text.upper() if tok.text.isalpha() else tok.text)
        i += 1
    return tuple(_collapse_lists(out))


def _collapse_lists(tokens: Sequence[str]) -> list[str]:
    """`( ? , ? , ? )` becomes `( ? )`: the length of an IN list is not the statement's shape."""
    out: list[str] = []
    for tok in tokens:
        out.append(tok)
        if tok == ")" and len(out) >= 4 and out[-2] == "?" and out[-3] == ",":
            j = len(out) - 2
            while j >= 2 and out[j] == "?" and out[j - 1] == ",":
                j -= 2
            if j >= 1 and out[j] == "?" and out[j - 1] == "(":
                del out[j + 1 : -1]
    return out


def sql_fingerprint(text: str, dialect: str = "redshift") -> str:
    """A short, stable hash of the statement's normalised tokens."""
    if dialect == "postgres":
        pg = _pglast_fingerprint(text)
        if pg is not None:
            return "pg:" + pg
    return _digest(" ".join(normalised_tokens(text, dialect)))


def _pglast_fingerprint(text: str) -> str | None:
    try:
        from pglast.parser import fingerprint
    except ImportError:  # pragma: no cover - pglast is a dependency
        return None
    try:
        return str(fingerprint(text))
    except Exception:  # not PostgreSQL text: the token fingerprint serves
        return None


@lru_cache(maxsize=4096)
def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def may_be_truncated(text: str) -> bool:
    """Whether a history text is long enough to have been cut off by the view that kept it."""
    return len(text) >= TRUNCATED_AT - 10


def prefix_of(history_text: str, statement: str, dialect: str = "redshift") -> bool:
    """Whether a (cut-off) history text is the start of `statement`, token for token; the last
    history token is dropped, since the cut may fall inside it."""
    head = normalised_tokens(history_text, dialect)[:-1]
    if len(head) < 20:
        return False
    return normalised_tokens(statement, dialect)[: len(head)] == head


def body_shape(body: Any) -> Any:
    """A request body with every value erased: keys and nesting only, arrays of values as one."""
    if isinstance(body, dict):
        return {k: body_shape(v) for k, v in sorted(body.items())}
    if isinstance(body, list):
        shapes = [body_shape(v) for v in body]
        unique: list[Any] = []
        for s in shapes:
            if s not in unique:
                unique.append(s)
        return unique
    return "?"


def dsl_fingerprint(body: Any) -> str:
    """The hash of a request body's shape (a JSON text is parsed first)."""
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return _digest(body)
    return "os:" + _digest(json.dumps(body_shape(body), sort_keys=True))
