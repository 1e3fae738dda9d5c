"""Text edits for SQL fixes, built from parse trees: the replacement is always generated SQL.

An edit replaces the exact source span of a node (or of the whole statement, without its
terminating semicolon) with sqlglot's rendering of a new tree, so every byte outside that span
stays as written. A statement whose text holds comments gets no whole-statement edit: the
generator would drop or move them.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError

from advisor.model import SqlStatement, TextEdit
from advisor.sql.dialect import DIALECT
from advisor.sql.spans import span_of

_DIALECT = Dialect.get_or_raise(DIALECT)


def node_edit(stmt: SqlStatement, node: exp.Expr, replacement: exp.Expr | str) -> TextEdit | None:
    """Replace the source text of `node` with `replacement` (None when its span is unknown).

    A tree is rendered without comments: comments stay where they are written in the file.
    """
    if isinstance(replacement, exp.Expr):
        replacement = replacement.sql(dialect=DIALECT, comments=False)
    span = span_of(node)
    if span is None or stmt.tree is None or stmt.procedure is not None:
        # A procedure body's statements are parsed with their variables blanked out.
        return None
    if _has_comments(stmt.text[span[0] : span[1] + 1]) or not _span_is_node(stmt, node, span):
        return None
    start, end = stmt.start + span[0], stmt.start + span[1] + 1
    return stmt.source.edit(start, end, replacement)


def _span_is_node(stmt: SqlStatement, node: exp.Expr, span: tuple[int, int]) -> bool:
    """Whether the span's text is exactly the node: the same tokens as the node's own SQL.

    A span is built from the positions of leaf tokens, so it can miss a keyword (a leading
    DISTINCT, a wrapping parenthesis); then the tokens differ and no edit is made.
    """
    written = stmt.text[span[0] : span[1] + 1]
    try:
        return _tokens(written) == _tokens(node.sql(dialect=DIALECT, comments=False))
    except SqlglotError:
        return False


def _tokens(text: str) -> list[tuple[object, str]]:
    return [(t.token_type, t.text.upper()) for t in _DIALECT.tokenize(text)]


def statement_edit(stmt: SqlStatement, tree: exp.Expr) -> TextEdit | None:
    """Replace the whole statement with the SQL of `tree`; None when comments would be lost."""
    if _has_comments(stmt.text) or stmt.procedure is not None:
        return None
    new = tree.sql(dialect=DIALECT)
    if new == stmt.text:
        return None
    return stmt.source.edit(stmt.start, stmt.end + 1, new)


def _has_comments(text: str) -> bool:
    if "--" not in text and "/*" not in text:
        return False
    try:
        tokens = _DIALECT.tokenize(text)
    except SqlglotError:
        return True
    return any(t.comments for t in tokens)


def as_edits(edit: TextEdit | None) -> tuple[TextEdit, ...]:
    """The edits of a fix: none when the edit could not be built."""
    return (edit,) if edit is not None else ()
