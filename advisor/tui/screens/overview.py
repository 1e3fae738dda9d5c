"""The Overview view (`o`): finding counts, the worst tables and indices, the top queries."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from advisor.tui.live_sources import Session
from advisor.tui.overview import Chart, charts, render_bar
from advisor.tui.widgets.footer import AdvisorFooter

LABEL_WIDTH = 44
BAR_WIDTH = 40


def chart_text(chart: Chart, label_width: int = LABEL_WIDTH, width: int = BAR_WIDTH) -> Text:
    # The title's style on its own span: as the Text's base style it would underline the bars.
    text = Text()
    text.append(chart.title, style="bold underline")
    text.append("\n")
    full = chart.full
    for bar in chart.bars:
        for piece, style in render_bar(bar, full, label_width, width):
            text.append(piece, style=style)
        text.append("\n")
    return text


class OverviewScreen(Screen[None]):
    """Charts rendered from the report and the snapshots; refreshed whenever they change."""

    CSS_PATH = "overview.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "app.show_findings", "Findings"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.charts: list[Chart] = []

    def on_mount(self) -> None:
        self.refresh_view()

    def compose(self) -> ComposeResult:
        yield Static(id="overview-head")
        yield VerticalScroll(id="overview-charts")
        yield AdvisorFooter()

    def refresh_view(self) -> None:
        report, snapshots = self.session.report, self.session.snapshots
        sources = self.session.status_line()
        self.charts = charts(report, snapshots)
        head = Text(f"Overview: {len(report.findings)} findings", style="bold")
        if sources:
            head.append(f"\n{sources}", style="dim")
        if snapshots.empty:
            head.append(
                "\nNo live source was read: give --dsn, --opensearch, --redshift or --snapshot "
                "for table, index and query charts.",
                style="italic dim",
            )
        self.query_one("#overview-head", Static).update(head)
        box = self.query_one("#overview-charts", VerticalScroll)
        box.remove_children()
        box.mount_all(Static(chart_text(c), classes="chart") for c in self.charts)
