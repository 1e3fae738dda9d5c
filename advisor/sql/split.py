"""Split SQL text into statements with exact character spans.

The splitter knows just enough lexical structure to find the semicolons that end statements:
`--` comments, nested `/* */` comments, single-quoted strings (with `''` and backslash escapes),
double-quoted identifiers and dollar-quoted bodies (`$$ ... $$`, `$tag$ ... $tag$`). It also
collects `-- noqa` comments so that suppressions can be attached to the statement they follow.

In PostgreSQL mode a backslash escapes only in `E'...'` strings (standard-conforming strings),
and the semicolons of a SQL function's `BEGIN ATOMIC ... END` body do not end the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.model import SourceText, Suppression

# One alternation finds the next thing that changes lexical state; the rest is skipped by the
# regex engine, which keeps splitting far cheaper than parsing.
_NEXT = re.compile(r"--|/\*|'|\"|\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$|;")
_NEXT_PG = re.compile(
    r"--|/\*|'|\"|\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$|;"
    r"|\b(?:BEGIN\s+ATOMIC|CASE|END)\b(?![A-Za-z0-9_$])",
    re.I,
)
_BLOCK = re.compile(r"/\*|\*/")
_NOQA = re.compile(r"--\s*noqa(?::\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*))?", re.I)
_BLANKS_TO_COMMENT = re.compile(r"[^\S\r\n]*+(?=--)")
_CODE_LIKE = re.compile(r"[A-Z]{2}-[A-Z]\d+")
# A dollar sign preceded by an identifier character is part of a name (e.g. `a$b`), not a quote.
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_$]")


@dataclass(frozen=True, slots=True)
class Span:
    """Inclusive character span of one statement, without surrounding blanks and comments."""

    start: int
    end: int
    suppressions: tuple[Suppression, ...] = ()


@dataclass(slots=True)
class _Piece:
    start: int = -1
    end: int = -1
    noqa: list[tuple[int, str | None]] | None = None


class SplitError(ValueError):
    """An unterminated string, identifier, comment or dollar-quoted body."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def split_statements(
    source: SourceText, *, postgres: bool = False
) -> tuple[list[Span], SplitError | None]:
    """Return statement spans in order, and the lexical error that stopped splitting, if any.

    On an unterminated construct the text from its statement's start to the end of the file
    becomes one last span, so that the caller can report it and keep what came before.
    `postgres` reads the text with PostgreSQL's lexical rules (see the module's docstring).
    """
    text = source.text
    spans: list[Span] = []
    piece = _Piece()
    pos = 0
    # A UTF-8 byte order mark is not part of the first statement.
    if text.startswith("\ufeff"):
        pos = 1
    length = len(text)
    error: SplitError | None = None
    pattern = _NEXT_PG if postgres else _NEXT
    # Open BEGIN ATOMIC bodies and the CASE ... END inside them (PostgreSQL mode only).
    atomic = 0

    def mark(start: int, end: int) -> None:
        if piece.start < 0:
            piece.start = start
        piece.end = end

    def mark_code(lo: int, hi: int) -> None:
        # Record the non-blank part of text[lo:hi] as statement content.
        chunk = text[lo:hi]
        stripped = chunk.strip()
        if stripped:
            first = lo + (len(chunk) - len(chunk.lstrip()))
            last = lo + len(chunk.rstrip()) - 1
            mark(first, last)

    def close() -> None:
        if piece.start >= 0:
            spans.append(Span(piece.start, piece.end, _suppressions(source, piece)))
        piece.start, piece.end, piece.noqa = -1, -1, None

    while pos < length:
        m = pattern.search(text, pos)
        if m is None:
            mark_code(pos, length)
            break
        mark_code(pos, m.start())
        token = m.group()
        if token[0].isalpha():
            word = token[:3].upper()
            if word == "BEG" or (atomic and word == "CAS"):
                atomic += 1
            elif atomic and word == "END":
                atomic -= 1
            mark(m.start(), m.end() - 1)
            pos = m.end()
        elif token == ";" and atomic:
            mark(m.start(), m.start())
            pos = m.end()
        elif token == ";":
            close()
            pos = _attach_trailing_noqa(source, spans, m.end())
        elif token == "--":
            eol = _end_of_line(text, m.end())
            comment = text[m.start() : eol]
            noqa = _NOQA.match(comment)
            if noqa:
                if piece.noqa is None:
                    piece.noqa = []
                piece.noqa.append((m.start(), noqa.group("codes")))
            pos = eol
        elif token == "/*":
            pos = _skip_block_comment(text, m.end())
            if pos < 0:
                # The comment runs to the end of the file: it becomes the last span, so the
                # error is reported on it rather than lost with a file of no statements.
                mark(m.start(), m.start())
                error = SplitError("unterminated /* comment", m.start())
                break
        elif token in ("'", '"'):
            escapes = token == "'" and (not postgres or _escape_string(text, m.start()))
            end = _skip_quoted(text, m.end(), token, escapes)
            if end < 0:
                kind = "string" if token == "'" else "quoted identifier"
                mark(m.start(), m.start())
                error = SplitError(f"unterminated {kind}", m.start())
                break
            mark(m.start(), end - 1)
            pos = end
        else:  # dollar quote
            if m.start() > 0 and _IDENT_CHAR.match(text, m.start() - 1):
                mark(m.start(), m.start())
                pos = m.start() + 1
                continue
            close_at = text.find(token, m.end())
            if close_at < 0:
                mark(m.start(), m.start())
                error = SplitError(f"unterminated dollar-quoted body {token}", m.start())
                break
            pos = close_at + len(token)
            mark(m.start(), pos - 1)
    if error is not None and piece.start >= 0:
        piece.end = max(piece.end, len(text.rstrip()) - 1)
    close()
    return spans, error


def _end_of_line(text: str, pos: int) -> int:
    # The carriage return is looked for only up to the newline: searching the rest of a file
    # without one, once per statement, made splitting quadratic.
    nl = text.find("\n", pos)
    end = len(text) if nl < 0 else nl
    cr = text.find("\r", pos, end)
    return end if cr < 0 else cr


def _skip_block_comment(text: str, pos: int) -> int:
    depth = 1
    for m in _BLOCK.finditer(text, pos):
        depth += 1 if m.group() == "/*" else -1
        if depth == 0:
            return m.end()
    return -1


def _escape_string(text: str, quote: int) -> bool:
    """Whether the string opening at `quote` is an `E'...'` string (PostgreSQL)."""
    return (
        quote > 0
        and text[quote - 1] in "Ee"
        and (quote == 1 or not _IDENT_CHAR.match(text, quote - 2))
    )


# The body of a quoted string up to its closing quote, doubled quotes (and, where they escape,
# backslashes) included; possessive, so a string that never closes fails in linear time.
_QUOTED = {
    ("'", True): re.compile(r"(?:[^'\\]++|\\.|'')*+'", re.S),
    ("'", False): re.compile(r"(?:[^']++|'')*+'"),
    ('"', True): re.compile(r'(?:[^"\\]++|\\.|"")*+"', re.S),
    ('"', False): re.compile(r'(?:[^"]++|"")*+"'),
}


def _skip_quoted(text: str, pos: int, quote: str, escapes: bool = True) -> int:
    """Offset just past the closing quote, or -1 when the quote never closes; `escapes`:
    a backslash escapes the next character (single-quoted strings only)."""
    m = _QUOTED[quote, escapes].match(text, pos)
    return m.end() if m else -1


def _suppressions(source: SourceText, piece: _Piece) -> tuple[Suppression, ...]:
    out = []
    for offset, codes in piece.noqa or ():
        line, col = source.position(offset)
        out.append(Suppression(_parse_codes(codes), line, col))
    return tuple(out)


def _parse_codes(codes: str | None) -> frozenset[str] | None:
    if not codes:
        return None
    found = {c.strip().upper() for c in codes.split(",") if c.strip()}
    valid = {c for c in found if _CODE_LIKE.fullmatch(c)}
    return frozenset(valid) if valid else None


def _attach_trailing_noqa(source: SourceText, spans: list[Span], pos: int) -> int:
    """`select 1; -- noqa` on the line of the semicolon belongs to the statement it ends.

    Returns where scanning goes on: past the comment when it was taken, else `pos`.
    """
    text = source.text
    # Only blanks may come between the semicolon and the comment; looking for the line's end
    # first made a long line of many statements quadratic.
    lead = _BLANKS_TO_COMMENT.match(text, pos)
    if lead is None or not spans:
        return pos
    eol = _end_of_line(text, lead.end())
    noqa = _NOQA.match(text, lead.end(), eol)
    if not noqa:
        return pos
    line, col = source.position(lead.end())
    last = spans[-1]
    extra = Suppression(_parse_codes(noqa.group("codes")), line, col)
    spans[-1] = Span(last.start, last.end, (*last.suppressions, extra))
    return eol
