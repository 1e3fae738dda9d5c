"""The findings table: a virtual list that renders only the lines on screen.

A DataTable measures every cell of every row it is given (seconds for 10,000 findings); this
widget computes column widths from string lengths and draws each visible line on demand, so
showing, filtering and sorting cost time proportional to the findings, not to their rendering.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from advisor.model import Finding
from advisor.tui.view import CELL, PLAIN_COLUMNS, Entry, Group, Row
from advisor.tui.widgets.styles import SEVERITY_STYLE

# Widest a column may get before its text is cut with an ellipsis; the message takes the rest.
MAX_WIDTH = {"severity": 10, "rule": 12, "cost": 12, "object": 24, "location": 36}
MIN_MESSAGE = 20
GAP = 2
SEVERITY_STYLES = {severity: Style.parse(style) for severity, style in SEVERITY_STYLE.items()}
RULE_STYLE = Style(bold=True)
LOCATION_STYLE = Style(dim=True)
COST_STYLE = Style(color="magenta")
PLAIN = Style()
GROUP_STYLE = Style(bold=True, reverse=True)


# When the table is narrow, these columns give up width (down to the minimum) to the message,
# first down to a comfortable width, then (on an 80-column terminal) further.
SHRINK_ORDER = (("location", 18), ("object", 12), ("location", 12), ("object", 8))
WANTED_MESSAGE = 40


_CELLS = attrgetter("cells")


class _Frame(NamedTuple):
    """What every line of one drawing shares."""

    base: Style
    odd: Style
    cursor: Style
    widths: dict[str, int]


def _fit(text: str, width: int, keep_end: bool = False) -> str:
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if keep_end:
        # For paths the end (file name, line) says more than the start.
        return "…" + text[len(text) - max(0, width - 1) :] if width > 1 else "…"[:width]
    return set_cell_size(text, max(0, width - 1)) + "…"


class FindingsTable(ScrollView, can_focus=True):
    """Shows view entries; posts `FindingChosen` as the cursor moves and on Enter."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "findings-table--header",
        "findings-table--cursor",
        "findings-table--odd",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class FindingChosen(Message):
        """The cursor is on a finding (`opened` when the user pressed Enter on it)."""

        def __init__(self, finding: Finding | None, opened: bool = False) -> None:
            super().__init__()
            self.finding = finding
            self.opened = opened

    class HeaderSelected(Message):
        """A column heading was clicked."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        # The columns shown (the view's), the message last.
        self.columns: tuple[tuple[str, str], ...] = PLAIN_COLUMNS
        self.widths: dict[str, int] = {key: len(label) for key, label in self.columns[:-1]}
        # The sorted column and its arrow (the view's, shown in the heading).
        self.sort_mark: tuple[str, str] = ("", "")
        self._frame: _Frame | None = None

    @property
    def row_count(self) -> int:
        return len(self.entries)

    @property
    def current_finding(self) -> Finding | None:
        if not 0 <= self.cursor_row < len(self.entries):
            return None
        entry = self.entries[self.cursor_row]
        return entry.finding if isinstance(entry, Row) else None

    def show(
        self,
        entries: list[Entry],
        sort_mark: tuple[str, str] | None = None,
        columns: tuple[tuple[str, str], ...] | None = None,
    ) -> None:
        """Replace the entries, keeping the cursor on the same finding when it is still shown;
        `sort_mark` is the sorted column and its arrow, `columns` the columns to show."""
        current = self.current_finding
        self.entries = entries
        if columns is not None:
            self.columns = columns
        if sort_mark is not None:
            self.sort_mark = sort_mark
        self._measure()
        self.virtual_size = Size(self.size.width, len(entries) + 1)
        target = 0
        if current is not None:
            target = next(
                (i for i, e in enumerate(entries) if isinstance(e, Row) and e.finding is current),
                0,
            )
        self.cursor_row = target
        self.refresh()

    def _measure(self) -> None:
        entries = self.entries
        if not all(type(entry) is Row for entry in entries):
            entries = [entry for entry in entries if isinstance(entry, Row)]
        cells = list(map(_CELLS, entries))
        self.widths = {}
        for key, label in self.columns[:-1]:
            # One column at a time, as C-level scans (10,000 rows on the first screen).
            longest = max(map(len, map(itemgetter(CELL[key]), cells)), default=0)
            # Room for the sort arrow beside the heading.
            self.widths[key] = min(MAX_WIDTH[key], max(len(label) + 2, longest))

    def _layout(self) -> dict[str, int]:
        """Column widths for the current size: the measured ones, narrowed for the message."""
        widths = dict(self.widths)
        # The message is the last column: what the others leave, less the left margin.
        available = self.size.width - 1 - sum(w + GAP for w in widths.values())
        for key, minimum in SHRINK_ORDER:
            if available >= WANTED_MESSAGE:
                break
            give = min(widths[key] - minimum, WANTED_MESSAGE - available)
            if give > 0:
                widths[key] -= give
                available += give
        widths[self.columns[-1][0]] = max(MIN_MESSAGE, available)
        return widths

    def _label(self, key: str, label: str) -> str:
        column, arrow = self.sort_mark
        return f"{label} {arrow}" if key == column and arrow else label

    # --- drawing ------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles and column widths of one drawing, looked up once rather than per line
        # (a widget's rich_style walks its ancestors' styles each time it is read).
        self._frame = _Frame(
            self.rich_style,
            self.get_component_rich_style("findings-table--odd"),
            self.get_component_rich_style("findings-table--cursor"),
            self._layout(),
        )
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _drawing(self) -> _Frame:
        if self._frame is not None:
            return self._frame
        return _Frame(
            self.rich_style,
            self.get_component_rich_style("findings-table--odd"),
            self.get_component_rich_style("findings-table--cursor"),
            self._layout(),
        )

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        frame = self._drawing()
        if y == 0:
            return self._header(frame).adjust_cell_length(width, frame.base)
        offset = self.scroll_offset
        index = offset.y + y - 1
        if index >= len(self.entries):
            return Strip.blank(width, frame.base)
        strip = self._line(index, frame)
        return strip.crop(offset.x, offset.x + width).adjust_cell_length(width, frame.base)

    def _header(self, frame: _Frame) -> Strip:
        style = self.get_component_rich_style("findings-table--header")
        widths = frame.widths
        segments = [Segment(" ", style)]
        for key, label in self.columns:
            segments.append(Segment(_fit(self._label(key, label), widths[key]) + " " * GAP, style))
        return Strip(segments)

    def _line(self, index: int, frame: _Frame) -> Strip:
        entry = self.entries[index]
        base = frame.base
        if index % 2:
            base = base + frame.odd
        if index == self.cursor_row:
            base = base + frame.cursor
        if isinstance(entry, Group):
            text = f" ── {entry.name} ({entry.count})"
            return Strip([Segment(text, base + GROUP_STYLE)])
        cells = entry.cells
        gap = " " * GAP
        widths = frame.widths
        styles = {
            "severity": SEVERITY_STYLES[entry.finding.severity],
            "rule": RULE_STYLE,
            "cost": COST_STYLE,
            "location": LOCATION_STYLE,
        }
        segments = [Segment(" ", base)]
        for key, _ in self.columns[:-1]:
            fitted = _fit(cells[CELL[key]], widths[key], keep_end=key == "location")
            segments.append(Segment(fitted + gap, base + styles.get(key, PLAIN)))
        segments.append(Segment(_fit(cells[CELL["message"]], widths["message"]), base))
        return Strip(segments)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.entries) + 1)

    # --- cursor -------------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.entries) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.FindingChosen(self.current_finding))

    def action_cursor(self, step: int) -> None:
        self.cursor_row += step

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * max(1, self.size.height - 2)

    def action_jump(self, row: int) -> None:
        self.cursor_row = row if row >= 0 else len(self.entries) - 1

    def action_open(self) -> None:
        self.post_message(self.FindingChosen(self.current_finding, opened=True))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self.post_message(self.HeaderSelected(self._column_at(event.x)))
            return
        self.cursor_row = self.scroll_offset.y + event.y - 1
        if event.chain > 1:
            self.action_open()

    def _column_at(self, x: int) -> str:
        edge = 1
        widths = self._layout()
        for key, _ in self.columns[:-1]:
            edge += widths[key] + GAP
            if x < edge:
                return key
        return self.columns[-1][0]
