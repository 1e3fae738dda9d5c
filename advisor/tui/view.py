"""The findings table's state as plain data: filter, minimum severity, sort and grouping.

Rows are built once per report; filtering, sorting and grouping work on that list in memory, so
10,000 findings re-filter in milliseconds and the widget only receives the visible cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from typing import Any, NamedTuple

from advisor.impact_text import short
from advisor.model import Finding, Impact, Report, Severity, cost_order
from advisor.printable import is_plain, printable
from advisor.report import logical

NO_RULES = Report()


class Grouping(Enum):
    NONE = "none"
    FILE = "file"
    RULE = "rule"

    def next(self) -> Grouping:
        members = list(Grouping)
        return members[(members.index(self) + 1) % len(members)]


# Table columns in display order: (key, label); a Row's cells are in this order. The Cost
# column is shown only when some finding's cost is known (a run joined to a live history).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("severity", "Severity"),
    ("rule", "Rule"),
    ("cost", "Cost"),
    ("object", "Object"),
    ("location", "Location"),
    ("message", "Message"),
)
COLUMN_KEYS: tuple[str, ...] = tuple(key for key, _ in COLUMNS)
PLAIN_COLUMNS: tuple[tuple[str, str], ...] = tuple(c for c in COLUMNS if c[0] != "cost")
CELL = {key: n for n, key in enumerate(COLUMN_KEYS)}
# The natural order of severity is the most urgent first and of cost the costliest first
# (descending); every other column sorts ascending. The arrow always means the same:
# ▲ ascending (A to Z, info to error, cheapest first), ▼ descending.
DESCENDING_BY_DEFAULT = frozenset({"severity", "cost"})
NO_HISTORY = "no history"  # a linted statement the history read never saw run
NO_COST = "—"  # a finding no cost was looked up for (a live finding, a run without history)
ASCENDING, DESCENDING = "▲", "▼"
LABELS = {severity: severity.label for severity in Severity}


def live_location(finding: Finding) -> str:
    """The Location cell of a finding with no file: its object's logical location, as the
    text and concise reports and SARIF name it (`system://redshift/s.t`); empty for a note
    about the run itself."""
    return logical.object_uri(finding, NO_RULES) if finding.object else ""


def cost_cell(impact: Impact) -> str:
    """The leading figure of a known cost (`$1.75/day`, else time or bytes per day)."""
    if not impact.known:
        return NO_HISTORY
    figures = short(impact)
    if figures == impact.confidence:
        # No figure (the size unknown): what the cost rests on, in one word ("estimated").
        return figures.split()[0]
    return figures.split(" · ", 1)[0]


class Row(NamedTuple):
    """One finding with its cells, computed once (a tuple: 10,000 are made for the first
    screen, and a frozen dataclass's construction cost a third of their time)."""

    position: int
    finding: Finding
    cells: tuple[str, str, str, str, str, str]

    @classmethod
    def of(cls, position: int, finding: Finding) -> Row:
        return _rows((finding,), start=position)[0][0]

    @property
    def path(self) -> str:
        return self.finding.location.path if self.finding.location else ""

    @property
    def haystack(self) -> str:
        """The lower-cased text the filter searches."""
        return _haystack(self.finding)


def _location(finding: Finding) -> str:
    loc = finding.location
    return f"{loc.path}:{loc.line}:{loc.column}" if loc is not None else live_location(finding)


def _haystack(finding: Finding) -> str:
    obj = finding.object or ""
    return "\x1f".join((finding.rule_id, finding.message, obj, _location(finding))).lower()


def _rows(
    findings: Iterable[Finding], start: int = 0
) -> tuple[list[Row], list[tuple[str, int, int, str]]]:
    """The rows of `findings` in one loop, with each finding's sort key (Finding.sort_key,
    computed here from the fields the cells read anyway)."""
    rows: list[Row] = []
    keys: list[tuple[str, int, int, str]] = []
    add_row, add_key = rows.append, keys.append
    make = tuple.__new__
    labels = LABELS
    for index, finding in enumerate(findings, start):
        loc = finding.location
        obj = finding.object or ""
        rule_id, message = finding.rule_id, finding.message
        if loc is not None:
            location = f"{loc.path}:{loc.line}:{loc.column}"
            add_key((loc.path, loc.line, loc.column, rule_id))
        else:
            location = live_location(finding)
            add_key(("", 0, 0, rule_id))
        impact = finding.impact
        cost = cost_cell(impact) if impact is not None else NO_COST
        # One scan decides that the common, plain text needs no escaping.
        if is_plain(rule_id + message + obj + location):
            cells = (labels[finding.severity], rule_id, cost, obj, location, message)
        else:
            cells = (
                labels[finding.severity],
                printable(rule_id),
                cost,
                printable(obj),
                printable(location),
                printable(message),
            )
        add_row(make(Row, (index, finding, cells)))
    return rows, keys


@dataclass(frozen=True, slots=True)
class Group:
    """A heading row shown above the findings of one file or rule."""

    name: str
    count: int


Entry = Row | Group


def _cost_key(row: Row) -> tuple[object, ...]:
    return cost_order(row.finding)


def _object_key(row: Row) -> str:
    return (row.finding.object or "").lower()


def _message_key(row: Row) -> str:
    return row.finding.message.lower()


# Each column's sort key; ties are broken by Finding.sort_key, the order the rows are kept in
# (a stable sort of that order), so a key is one attribute and not a tuple per row. Location
# sorts by that order alone. Severity's key is reversed: most urgent first in its natural order.
SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "severity": attrgetter("finding.severity"),
    "rule": attrgetter("finding.rule_id"),
    # Costliest first in the natural order, findings of unknown cost after them.
    "cost": _cost_key,
    "object": _object_key,
    "message": _message_key,
}
FLIPPED = frozenset({"severity"})


@dataclass(slots=True)
class FindingsView:
    """What the table shows: every row, and the settings that choose and order the visible ones."""

    # In Finding.sort_key order, which breaks every sort's ties.
    rows: list[Row] = field(default_factory=list)
    text: str = ""
    min_severity: Severity = Severity.INFO
    sort_column: str = "severity"
    reverse: bool = False
    grouping: Grouping = Grouping.NONE
    # The catalog's selection: only findings about one of these objects (lower-cased names).
    objects: frozenset[str] = frozenset()
    object_label: str = ""

    # Whether some finding's cost is known with a figure: the Cost column is shown and, until
    # the user chooses another column, the table sorts by it.
    costed: bool = False
    sort_chosen: bool = False
    # The filter's text per row (lower-cased), made on the first text filter.
    _haystacks: list[str] | None = None
    _ranks: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingsView:
        view = cls()
        view.replace_findings(findings)
        return view

    def replace_findings(self, findings: Iterable[Finding]) -> None:
        """New findings (a re-run) under the same filter, sort and grouping."""
        rows, keys = _rows(findings)
        order: Sequence[int] = range(len(rows))
        if any(keys[n] > keys[n + 1] for n in range(len(keys) - 1)):
            order = sorted(order, key=keys.__getitem__)
            rows = [rows[n] for n in order]
        # Each row's place in that order, equal keys sharing one (by the row's position).
        ranks = [0] * len(rows)
        rank, last = 0, None
        for n in order:
            if keys[n] != last:
                rank, last = rank + 1, keys[n]
            ranks[n] = rank
        self.rows = rows
        self._ranks = ranks
        self._haystacks = None
        self.costed = any(
            row.finding.impact is not None and row.finding.impact.figured for row in self.rows
        )
        if not self.sort_chosen:
            self.sort_column, self.reverse = ("cost" if self.costed else "severity"), False
        elif self.sort_column == "cost" and not self.costed:
            self.sort_column, self.reverse = "severity", False

    def prepare_search(self) -> list[str]:
        """The filter's text of every row (made once per report: the screen asks for it
        after the first paint, so that neither that paint nor the first filter waits)."""
        if self._haystacks is None:
            self._haystacks = [_haystack(row.finding) for row in self.rows]
        return self._haystacks

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        """The columns shown: Cost only when some cost is known."""
        return COLUMNS if self.costed else PLAIN_COLUMNS

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.columns)

    def matching(self) -> list[Row]:
        """Rows passing the text and severity filters, in the chosen order."""
        terms = self.text.strip().lower().split()
        objects = self.objects
        chosen = self.rows
        # Each filter only when it is set: the first screen (none set) costs one copy.
        if terms:
            chosen = [
                row
                for row, hay in zip(chosen, self.prepare_search(), strict=True)
                if all(term in hay for term in terms)
            ]
        if self.min_severity > Severity.INFO:
            floor = self.min_severity
            chosen = [row for row in chosen if row.finding.severity >= floor]
        if objects:
            chosen = [row for row in chosen if (row.finding.object or "").lower() in objects]
        # A stable sort of the rows' order by the column's key alone. Reversed, the rows'
        # order runs backwards first, findings with equal keys staying in the report's order,
        # as a reversed sort by the whole key (tie-break included) leaves them.
        if self.reverse:
            ranks = self._ranks
            chosen = sorted(chosen, key=lambda row: ranks[row.position], reverse=True)
        else:
            chosen = list(chosen)
        column = self.sort_column
        key = SORT_KEYS.get(column)
        if key is not None:
            chosen.sort(key=key, reverse=self.reverse != (column in FLIPPED))
        return chosen

    def entries(self) -> list[Entry]:
        """The visible rows, with a group heading before each group when grouping."""
        rows = self.matching()
        if self.grouping is Grouping.NONE:
            return list(rows)
        groups: dict[str, list[Row]] = {}
        for row in rows:
            key = row.path if self.grouping is Grouping.FILE else row.finding.rule_id
            groups.setdefault(key, []).append(row)
        out: list[Entry] = []
        for name in sorted(groups):
            members = groups[name]
            out.append(Group(name or "(no file)", len(members)))
            out.extend(members)
        return out

    def sort_by(self, column: str) -> None:
        """Sort by `column`; choosing the current column again reverses the order."""
        if column not in self.column_keys:
            raise ValueError(f"unknown column {column!r}")
        self.sort_chosen = True
        if column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = column, False

    @property
    def ascending(self) -> bool:
        """Whether the rows shown run from the smallest value to the largest."""
        return (self.sort_column in DESCENDING_BY_DEFAULT) == self.reverse

    @property
    def arrow(self) -> str:
        return ASCENDING if self.ascending else DESCENDING

    def next_sort(self) -> None:
        """Sort by the next column (the key binding's cycle)."""
        keys = self.column_keys
        position = keys.index(self.sort_column) if self.sort_column in keys else -1
        self.sort_column = keys[(position + 1) % len(keys)]
        self.reverse = False
        self.sort_chosen = True


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    out = dict.fromkeys(Severity, 0)
    for finding in findings:
        out[finding.severity] += 1
    return out
