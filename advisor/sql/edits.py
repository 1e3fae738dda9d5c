"""Text edits for SQL fixes, built from parse trees: the replacement is always generated SQL.

An edit replaces the exact source span of a node (or of the whole statement, without its
terminating semicolon) with sqlglot's rendering of a new tree, so every byte outside that span
stays as written. A statement whose text holds comments gets no whole-statement edit: the
generator would drop or move them.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Tokenizer

from advisor.model import SqlStatement, TextEdit
from advisor.sql.dialect import DIALECT, parse_one
from advisor.sql.spans import span_of


def node_edit(stmt: SqlStatement, node: exp.Expr, replacement: exp.Expr | str) -> TextEdit | None:
    """Replace the source text of `node` with `replacement` (None when its span is unknown).

    A tree is rendered without comments: comments stay where they are written in the file.
    """
    if isinstance(replacement, exp.Expr):
        replacement = replacement.sql(dialect=DIALECT, comments=False)
    span = span_of(node)
    if span is None or stmt.tree is None:
        return None
    if _has_comments(stmt.text[span[0] : span[1] + 1]) or not _span_is_node(stmt, node, span):
        return None
    start, end = stmt.start + span[0], stmt.start + span[1] + 1
    return stmt.source.edit(start, end, replacement)


def _span_is_node(stmt: SqlStatement, node: exp.Expr, span: tuple[int, int]) -> bool:
    """Whether the span's text is exactly the node: writing the node's own SQL over the span
    must give back the same statement (a span can miss a keyword such as NOT or DISTINCT)."""
    text = stmt.text
    probe = text[: span[0]] + node.sql(dialect=DIALECT, comments=False) + text[span[1] + 1 :]
    try:
        again = parse_one(probe)
    except (SqlglotError, ValueError, RecursionError):
        return False
    assert stmt.tree is not None
    plain = again.sql(dialect=DIALECT, comments=False)
    return bool(plain == stmt.tree.sql(dialect=DIALECT, comments=False))


def statement_edit(
    stmt: SqlStatement, tree: exp.Expr, dialect: str = "redshift"
) -> TextEdit | None:
    """Replace the whole statement with the SQL of `tree`; None when comments would be lost."""
    if _has_comments(stmt.text):
        return None
    new = tree.sql(dialect=DIALECT)
    if new == stmt.text:
        return None
    return stmt.source.edit(stmt.start, stmt.end + 1, new)


def _has_comments(text: str) -> bool:
    if "--" not in text and "/*" not in text:
        return False
    try:
        tokens = Tokenizer().tokenize(text)
    except SqlglotError:
        return True
    return any(t.comments for t in tokens)


def as_edits(edit: TextEdit | None) -> tuple[TextEdit, ...]:
    """The edits of a fix: none when the edit could not be built."""
    return (edit,) if edit is not None else ()
