"""Source text and SQL statements: a file's decoded text with its line index (and, for a
rendered template, the map back to the file as written), `-- noqa` suppressions, and one
statement of a SQL file with its exact span and parse tree."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlglot import exp

from advisor.model_finding import Location, TextEdit


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of rendered text and the source characters it came from.

    An exact segment is the source text itself, character for character; any other segment was
    produced by a template expression or a macro, and all of it maps to that tag's source span.
    """

    start: int  # first rendered offset
    source_start: int
    source_end: int  # inclusive
    exact: bool


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's decoded text with a line index for offset → line/column lookups.

    A rendered text (a template after rendering) keeps its `origin`, the file as written, and the
    segments that map each rendered offset back to it: positions, locations and line texts are
    then those of the origin, so findings point at the file the user edits.
    """

    path: str
    text: str
    # An array of machine integers, not a tuple of int objects: a file of ten million short
    # lines would otherwise hold several hundred megabytes of line offsets.
    line_starts: Sequence[int] = field(hash=False)
    origin: SourceText | None = None
    segments: tuple[Segment, ...] = ()

    @classmethod
    def of(cls, path: str, text: str) -> SourceText:
        starts = array("I" if len(text) < 2**32 else "q", [0])
        if "\r" in text:
            starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
            return cls(path, text, starts)
        # Offsets after each newline, summed in C (line lengths plus one), a chunk at a time so
        # that the list of lines stays small.
        chunk = 1 << 20
        for lo in range(0, len(text), chunk):
            lines = text[lo : lo + chunk].split("\n")
            offsets = accumulate(map((1).__add__, map(len, lines[:-1])), initial=lo)
            next(offsets)
            starts.extend(offsets)
        return cls(path, text, starts)

    @classmethod
    def rendered(cls, origin: SourceText, text: str, segments: tuple[Segment, ...]) -> SourceText:
        """The rendering of `origin`, mapped back to it by `segments` (sorted by start)."""
        plain = cls.of(origin.path, text)
        return cls(origin.path, text, plain.line_starts, origin, segments)

    def source_offset(self, offset: int, *, end: bool = False) -> int:
        """Offset in the origin of a rendered offset (the offset itself for a plain text).

        Inside generated text, a start maps to the start of the tag that produced it and an end
        to the tag's end.
        """
        if self.origin is None or not self.segments:
            return offset
        segs = self.segments
        lo, hi = 0, len(segs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if segs[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        seg = segs[lo]
        if seg.exact:
            return min(seg.source_start + max(offset - seg.start, 0), seg.source_end)
        return seg.source_end if end else seg.source_start

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset (in the origin, for a rendered text)."""
        if self.origin is not None:
            return self.origin.position(self.source_offset(offset))
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo] + 1

    def location(self, start: int, end: int) -> Location:
        """Location of the inclusive character span [start, end]."""
        if self.origin is not None:
            first = self.source_offset(start)
            last = self.source_offset(max(start, end), end=True)
            return self.origin.location(first, max(first, last))
        line, col = self.position(start)
        end_line, end_col = self.position(max(start, end))
        return Location(self.path, line, col, end_line, end_col)

    def edit(self, start: int, end: int, replacement: str) -> TextEdit:
        """An edit replacing the characters [start, end) of this text."""
        return TextEdit(
            self.path, start, end, replacement, self.location(start, max(start, end - 1))
        )

    def line_text(self, line: int) -> str:
        if self.origin is not None:
            return self.origin.line_text(line)
        start = self.line_starts[line - 1]
        stop = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:stop].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Suppression:
    """A `-- noqa` comment: None means every rule."""

    rules: frozenset[str] | None
    line: int
    column: int


@dataclass(slots=True)
class SqlStatement:
    """One statement of a SQL file with its exact span and its parse tree (or parse error)."""

    source: SourceText
    index: int
    start: int
    end: int
    dialect: str = "redshift"
    tree: exp.Expr | None = None
    error: str | None = None
    error_offset: int | None = None
    suppressions: tuple[Suppression, ...] = ()
    # Statements of a stored procedure's body (a CREATE PROCEDURE ... LANGUAGE plpgsql), with
    # their own spans in the same file; each of them names the procedure in `procedure`.
    body: list[SqlStatement] = field(default_factory=list)
    procedure: str | None = None
    # An EXECUTE of a string built at run time, inside a procedure: no tree, nothing to read.
    dynamic: bool = False
    # Every node of the tree in breadth-first order, built on first use and shared by the rules,
    # so that each statement's tree is walked once rather than once per rule.
    _flat: list[Any] | None = field(default=None, repr=False, compare=False)

    def nodes(self, *types: type) -> list[Any]:
        """Nodes of the tree that are instances of `types`, in `find_all` order."""
        flat = self._flat
        if flat is None:
            flat = self._flat = list(self.tree.walk()) if self.tree is not None else []
        return [n for n in flat if isinstance(n, types)]

    def first(self, *types: type) -> Any:
        """The first node of `types` in breadth-first order (as `find`), or None."""
        found = self.nodes(*types)
        return found[0] if found else None

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end + 1]

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def location(self) -> Location:
        return self.source.location(self.start, self.end)

    def locate(self, span: tuple[int, int] | None) -> Location:
        """File location of a statement-relative span (the whole statement when None)."""
        if span is None:
            return self.location
        return self.source.location(self.start + span[0], self.start + span[1])
