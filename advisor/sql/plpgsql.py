"""The SQL statements inside a PL/pgSQL procedure body, with their spans in the file.

Redshift's stored procedures are PL/pgSQL: blocks (`[<<label>>] [DECLARE ...] BEGIN ...
[EXCEPTION WHEN ... THEN ...] END`), IF/ELSIF/ELSE, CASE, LOOP/WHILE/FOR, RAISE, RETURN,
assignments (`x := ...`), EXECUTE of a string built at run time, and plain SQL statements
(COMMIT and ROLLBACK included). This module finds the plain SQL in a body: it splits the body
at its semicolons with the file splitter, strips the control words that lead a piece
(`BEGIN`, `IF ... THEN`, `ELSE`, `LOOP`, `WHEN ... THEN` ...), and keeps what remains when it
is SQL. Control statements are skipped, never reported as parse errors; `EXECUTE` is kept as
a dynamic statement, which the rules cannot read. The query of `FOR r IN SELECT ... LOOP` is
a statement of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from advisor.model import SourceText, Suppression

from .split import split_statements


class PieceKind(Enum):
    SQL = "sql"
    DYNAMIC = "dynamic"  # EXECUTE of a string: what it runs is known only at run time


@dataclass(frozen=True, slots=True)
class BodyStatement:
    """A statement of a body: inclusive offsets in the body text, and its `-- noqa` comments
    as offsets in the body (the caller turns them into file positions)."""

    start: int
    end: int
    kind: PieceKind
    noqa: tuple[tuple[int, frozenset[str] | None], ...] = ()
    # `INTO target, ...` of a PL/pgSQL SELECT (it fills variables, it creates no table), as
    # [start, stop) offsets in the body: the parser reads the statement with them blanked.
    variables: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word, punct, label, assign, other
    text: str  # upper case for words
    start: int
    end: int  # exclusive


_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>--[^\r\n]*|/\*.*?\*/)
    |(?P<string>[EeNnBbXx]?'(?:[^'\\]|\\.|'')*')
    |(?P<quoted>"(?:[^"]|"")*")
    |(?P<dollar>\$(?:[A-Za-z_]\w*)?\$)
    |(?P<label><<\s*[A-Za-z_]\w*\s*>>)
    |(?P<assign>:=)
    |(?P<word>[A-Za-z_][\w$]*)
    |(?P<other>.)""",
    re.S | re.X,
)

# Words that lead a piece and are followed directly by what comes next.
_PREFIX_WORDS = frozenset({"BEGIN", "LOOP", "ELSE", "EXCEPTION"})
# Words whose condition runs up to THEN.
_CONDITION_WORDS = frozenset({"IF", "ELSIF", "ELSEIF", "WHEN"})
# PL/pgSQL statements that are not SQL for the rules.
_CONTROL_WORDS = frozenset(
    {
        "RAISE",
        "RETURN",
        "NULL",
        "EXIT",
        "CONTINUE",
        "PERFORM",
        "GET",
        "OPEN",
        "FETCH",
        "CLOSE",
        "MOVE",
        "ASSERT",
        "END",
    }
)
_QUERY_WORDS = frozenset({"SELECT", "WITH", "VALUES"})


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    out: list[_Token] = []
    pos = start
    while pos < end:
        m = _TOKEN.match(text, pos, end)
        if m is None:  # pragma: no cover - `other` matches any character
            break
        kind = m.lastgroup or "other"
        if kind == "dollar":
            close = text.find(m.group(), m.end(), end)
            stop = end if close < 0 else close + len(m.group())
            out.append(_Token("other", m.group(), m.start(), stop))
            pos = stop
            continue
        if kind not in ("space", "comment"):
            value = m.group().upper() if kind == "word" else m.group()
            out.append(_Token(kind, value, m.start(), m.end()))
        pos = m.end()
    return out


def _find(tokens: list[_Token], start: int, words: frozenset[str]) -> int | None:
    """Index of the first of `words` at the top level (outside parentheses and CASE ... END)."""
    depth = cases = 0
    for i in range(start, len(tokens)):
        tok = tokens[i]
        if tok.kind == "other" and tok.text == "(":
            depth += 1
        elif tok.kind == "other" and tok.text == ")":
            depth -= 1
        elif tok.kind == "word" and depth == 0:
            if tok.text == "CASE":
                cases += 1
            elif tok.text == "END" and cases:
                cases -= 1
            elif cases == 0 and tok.text in words:
                return i
    return None


def _is_assignment(tokens: list[_Token], i: int) -> bool:
    """`name [.name ...] [[...]] := | = ...`"""
    j = i + 1
    while (
        j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].kind in ("word", "quoted")
    ):
        j += 2
    if j < len(tokens) and tokens[j].text == "[":
        close = next((k for k in range(j, len(tokens)) if tokens[k].text == "]"), None)
        j = close + 1 if close is not None else j
    return j < len(tokens) and (tokens[j].kind == "assign" or tokens[j].text == "=")


def _select_into(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """Span of `INTO [STRICT] name [, name ...]` in a SELECT (`SELECT INTO v expr ...` or
    `SELECT expr INTO v FROM ...`), at the top level of the statement."""
    into = _find(tokens, i + 1, frozenset({"INTO"}))
    if into is None:
        return None
    j = into + 1
    if j < len(tokens) and tokens[j].text == "STRICT":
        j += 1
    last = None
    while j < len(tokens) and tokens[j].kind in ("word", "quoted"):
        last = j
        j += 1
        while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].kind == "word":
            last = j + 1
            j += 2
        if j < len(tokens) and tokens[j].text == ",":
            j += 1
        else:
            break
    return (tokens[into].start, tokens[last].end) if last is not None else None


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.declaring = False
        self.found: list[BodyStatement] = []

    def piece(
        self, start: int, end: int, noqa: tuple[tuple[int, frozenset[str] | None], ...]
    ) -> None:
        tokens = _tokens(self.text, start, end + 1)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            word = tok.text if tok.kind == "word" else ""
            if tok.kind == "label":
                i += 1
            elif self.declaring:
                if word == "BEGIN":
                    self.declaring = False
                    i += 1
                elif word == "DECLARE":
                    i += 1
                else:
                    return  # a declaration (`v INT := 0`, `c CURSOR FOR ...`)
            elif word == "DECLARE":
                self.declaring = True
                i += 1
            elif word in _PREFIX_WORDS:
                i += 1
            elif word in _CONDITION_WORDS:
                then = _find(tokens, i + 1, frozenset({"THEN"}))
                if then is None:
                    return
                i = then + 1
            elif word == "CASE":
                when = _find(tokens, i + 1, frozenset({"WHEN"}))
                if when is None:
                    return
                i = when
            elif word == "WHILE":
                loop = _find(tokens, i + 1, frozenset({"LOOP"}))
                if loop is None:
                    return
                i = loop + 1
            elif word in ("FOR", "FOREACH"):
                loop = _find(tokens, i + 1, frozenset({"LOOP"}))
                if loop is None:
                    return
                self._loop_source(tokens, i + 1, loop)
                i = loop + 1
            else:
                break
        if i >= len(tokens):
            return
        first = tokens[i]
        word = first.text if first.kind == "word" else ""
        if word in _CONTROL_WORDS or _is_assignment(tokens, i):
            return
        kind = PieceKind.DYNAMIC if word == "EXECUTE" else PieceKind.SQL
        variables = _select_into(tokens, i) if word == "SELECT" else None
        self.found.append(BodyStatement(first.start, end, kind, noqa, variables))

    def _loop_source(self, tokens: list[_Token], start: int, loop: int) -> None:
        """The query (or EXECUTE) a FOR loop iterates over, as a statement of its own."""
        into = _find(tokens[:loop], start, frozenset({"IN"}))
        if into is None or into + 1 >= loop:
            return
        head = tokens[into + 1]
        if head.kind != "word" or head.text not in _QUERY_WORDS | {"EXECUTE"}:
            return  # an integer range (`1..10`) or a cursor
        kind = PieceKind.DYNAMIC if head.text == "EXECUTE" else PieceKind.SQL
        self.found.append(BodyStatement(head.start, tokens[loop - 1].end - 1, kind))


def body_statements(body: SourceText) -> list[BodyStatement]:
    """The SQL and dynamic statements of a PL/pgSQL body, in order."""
    spans, _ = split_statements(body)
    reader = _Reader(body.text)
    for span in spans:
        noqa = tuple(
            (body.line_starts[s.line - 1] + s.column - 1, s.rules) for s in span.suppressions
        )
        reader.piece(span.start, span.end, noqa)
    return reader.found


def suppressions_in_file(
    source: SourceText, offset: int, noqa: tuple[tuple[int, frozenset[str] | None], ...]
) -> tuple[Suppression, ...]:
    """`-- noqa` comments of a body statement, at their positions in the file."""
    out = []
    for at, rules in noqa:
        line, column = source.position(offset + at)
        out.append(Suppression(rules, line, column))
    return tuple(out)
