"""The findings table: a single DataTable fed from a FindingsView (no widget per row)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from advisor.model import Finding
from advisor.tui.view import COLUMNS, Entry, Group, Row
from advisor.tui.widgets.styles import SEVERITY_STYLE

Cells = tuple[Text, Text, Text, Text, Text]


class FindingsTable(DataTable[Text]):
    """Shows view entries; posts `FindingChosen` as the cursor moves and on Enter."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    class FindingChosen(Message):
        """The cursor is on a finding (`opened` when the user pressed Enter on it)."""

        def __init__(self, finding: Finding | None, opened: bool = False) -> None:
            super().__init__()
            self.finding = finding
            self.opened = opened

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.entries: list[Entry] = []
        # Cell renderables are made once per finding and reused by every filter and sort.
        self._cells: dict[int, Cells] = {}

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    def forget_cells(self) -> None:
        self._cells.clear()

    def show(self, entries: list[Entry]) -> None:
        current = self.current_finding
        self.entries = entries
        self.clear()
        self.add_rows(self._cells_of(entry) for entry in entries)
        target = 0
        if current is not None:
            target = next(
                (i for i, e in enumerate(entries) if isinstance(e, Row) and e.finding is current),
                0,
            )
        if entries:
            self.move_cursor(row=target, animate=False)
        self.post_message(self.FindingChosen(self.current_finding))

    @property
    def current_finding(self) -> Finding | None:
        if not self.entries or not 0 <= self.cursor_row < len(self.entries):
            return None
        entry = self.entries[self.cursor_row]
        return entry.finding if isinstance(entry, Row) else None

    def _cells_of(self, entry: Entry) -> Cells:
        if isinstance(entry, Group):
            empty = Text("")
            heading = Text(f"{entry.name} ({entry.count})", style="bold reverse")
            return (Text("──", style="dim"), empty, empty, empty, heading)
        cached = self._cells.get(entry.index)
        if cached is None:
            severity, rule, obj, location, message = entry.cells
            style = SEVERITY_STYLE[entry.finding.severity]
            cached = (
                Text(severity, style=style),
                Text(rule, style="bold"),
                Text(obj),
                Text(location, style="dim"),
                Text(message, no_wrap=True, overflow="ellipsis"),
            )
            self._cells[entry.index] = cached
        return cached

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.FindingChosen(self.current_finding))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.FindingChosen(self.current_finding, opened=True))
