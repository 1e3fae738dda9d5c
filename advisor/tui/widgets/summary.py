"""The strip above the table: counts by severity and the active filters."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from advisor.model import Severity
from advisor.tui.view import FindingsView, Grouping
from advisor.tui.widgets.styles import SEVERITY_STYLE


class SummaryStrip(Static):
    """One line: counts by severity (those below the minimum dimmed), shown/total and filters."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def show(
        self, counts: dict[Severity, int], view: FindingsView, shown: int, busy: bool = False
    ) -> None:
        text = Text()
        if busy:
            text.append("linting… ", style="bold reverse")
        for severity in sorted(Severity, reverse=True):
            hidden = severity < view.min_severity
            style = "dim strike" if hidden else SEVERITY_STYLE[severity]
            key = int(severity) + 1
            text.append(f" {key}:", style="dim")
            text.append(f"{severity.label} {counts[severity]}", style=style)
            text.append("  ")
        text.append(f"│ showing {shown} of {len(view.rows)}", style="bold")
        if view.text.strip():
            text.append(f"  filter: {view.text.strip()!r}", style="italic")
        if view.objects:
            text.append(f"  object: {view.object_label} (esc clears)", style="italic")
        if view.grouping is not Grouping.NONE:
            text.append(f"  grouped by {view.grouping.value}", style="italic")
        text.append(f"  sort: {view.sort_column} {view.arrow}", style="dim")
        self.update(text)
