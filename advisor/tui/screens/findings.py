"""The first screen: summary strip, filter box, findings table and the detail pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from advisor.model import Finding, Report, Severity
from advisor.tui import clipboard
from advisor.tui.sources import SourceCache
from advisor.tui.view import FindingsView, Row, counts
from advisor.tui.widgets.detail import DetailPane
from advisor.tui.widgets.findings_table import FindingsTable
from advisor.tui.widgets.footer import AdvisorFooter
from advisor.tui.widgets.summary import SummaryStrip

DocLookup = Callable[[str], str]
# Keys 1-5 set the minimum severity shown: 1 shows everything, 5 only errors.
SEVERITY_KEYS: dict[str, Severity] = {str(int(s) + 1): s for s in Severity}
FILTER_DELAY = 0.12
# Below this width the detail pane goes under the table, so the message column keeps its room.
NARROW = 110
# The detail pane's width beside the table: a third of the screen, within these bounds.
DETAIL_WIDTH = (40, 60)


class FindingsScreen(Screen[None]):
    """Owns the FindingsView; the widgets only display it."""

    CSS_PATH = "findings.tcss"
    # Escape leaves the filter or the full-screen detail and always returns to the table.
    ESCAPE_TO_MINIMIZE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # "/", Escape and Enter in the filter are priority bindings: the app runs them as it
        # takes the key from the terminal, before it hands on the keys typed after it. A key a
        # widget handles is only queued for it, so keys typed while the app was busy (right
        # after the first results are drawn) all went to the table: "/" then a filter text
        # reached the table as keys (S reversed the sort, Enter opened the detail).
        Binding("slash", "focus_filter", "Filter", priority=True),
        Binding("escape", "back", "Back", show=False, priority=True),
        Binding("enter", "submit_filter", "Apply", show=False, priority=True),
        *(
            Binding(key, f"min_severity({int(s)})", f"≥ {s.label}", show=False)
            for key, s in SEVERITY_KEYS.items()
        ),
        Binding("s", "next_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse", show=False),
        Binding("g", "next_grouping", "Group"),
        Binding("d", "toggle_detail", "Detail"),
        Binding("c", "copy_fix", "Copy fix"),
    ]

    def __init__(self, docs: DocLookup, sources: SourceCache) -> None:
        super().__init__()
        self.view = FindingsView()
        self.report = Report()
        self.docs = docs
        self.sources = sources
        self._filter_timer: Timer | None = None
        self.busy = False
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield SummaryStrip(id="summary")
        yield Static(id="sources")
        yield Input(placeholder="/ filter: rule id, message, object or path", id="filter")
        with Horizontal(id="body"):
            with Vertical(id="list"):
                yield FindingsTable(id="findings")
            yield DetailPane(id="detail")
        yield AdvisorFooter()

    @property
    def table(self) -> FindingsTable:
        return self.query_one(FindingsTable)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def on_mount(self) -> None:
        self.query_one("#sources").display = False
        self._fit_layout(self.size.width)
        self.table.focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int) -> None:
        """Narrow: the detail pane under the table. Wide: beside it, the table taking the rest."""
        narrow = 0 < width < NARROW
        self.set_class(narrow, "-narrow")
        low, high = DETAIL_WIDTH
        for detail in self.query("#detail"):
            detail.styles.width = "1fr" if narrow else max(low, min(high, width // 3))

    def show_sources(self, line: str, done: bool = False) -> None:
        """The live sources' progress or results, one status per source (hidden without any);
        once every source is `done`, one line, cut to the width (the overview has it whole)."""
        # The progress timer can fire while the screen is not mounted (before it is composed,
        # or as the app shuts down); there is nothing to update then.
        for sources in self.query("#sources").results(Static):
            sources.display = bool(line)
            sources.set_class(done, "-done")
            # Literal: a server's text is never markup.
            text = Text(line, no_wrap=done, overflow="ellipsis" if done else "fold")
            sources.update(text)

    def filter_object(self, label: str, names: frozenset[str]) -> None:
        """Show only the findings about one table or index (the catalog's choice)."""
        self.view.objects = names
        self.view.object_label = label
        self.refresh_rows()
        self.focus_now(self.table)

    def show_report(self, report: Report) -> None:
        """Show a (new) report, keeping the filter, sort and grouping."""
        self.report = report
        self.sources.clear()
        self.view.replace_findings(report.findings)
        self.busy = False
        self.refresh_rows()
        # The filter's search text, once the rows are on screen.
        self.call_after_refresh(self.view.prepare_search)

    def set_busy(self, busy: bool) -> None:
        """Say in the summary strip that a lint is running (the table stays usable)."""
        self.busy = busy
        self._show_summary()

    def refresh_rows(self) -> None:
        entries = self.view.entries()
        self.table.show(entries, (self.view.sort_column, self.view.arrow), self.view.columns)
        self.shown = sum(1 for entry in entries if isinstance(entry, Row))
        self._show_summary()

    def _show_summary(self) -> None:
        strip = self.query_one(SummaryStrip)
        strip.show(counts(self.report.findings), self.view, self.shown, busy=self.busy)

    def visible_findings(self) -> list[Finding]:
        return [row.finding for row in self.view.matching()]

    # --- events -------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        # The box's text now, not the event's: a change queued before Escape cleared the box
        # must not bring its text back.
        self.view.text = event.input.value
        # Re-filter once typing pauses rather than on every key.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.refresh_rows)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self._apply_filter()
            self.focus_now(self.table)

    def on_findings_table_finding_chosen(self, event: FindingsTable.FindingChosen) -> None:
        finding = event.finding
        meta = self.report.rules.get(finding.rule_id) if finding else None
        doc = self.docs(finding.rule_id) if finding else ""
        source = None
        if finding is not None and finding.location is not None:
            source = self.sources.get(finding.location.path)
        self.detail.show(finding, meta, doc, source)
        if event.opened:
            self.action_toggle_detail()

    # --- actions ------------------------------------------------------------------------------

    def focus_now(self, widget: Widget) -> None:
        """Move the focus before the next key is taken (Widget.focus() only schedules the
        move, and the keys taken meanwhile went to the old widget)."""
        self.set_focus(widget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" in the filter box is text; Enter is the filter's only while it has the focus.
        if action == "focus_filter":
            return not self._filter_focused()
        if action == "submit_filter":
            return self._filter_focused()
        return True

    def _filter_focused(self) -> bool:
        # The screen's focus, which moves at once (a widget's has_focus follows it later).
        focused = self.focused
        return focused is not None and focused.id == "filter"

    def action_submit_filter(self) -> None:
        """Enter in the filter: back to the table now; the filter applies once the box has
        taken the keys typed before Enter."""
        box = self.query_one("#filter", Input)
        self.focus_now(self.table)
        box.call_later(self._apply_filter)

    def _apply_filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.view.text = self.query_one("#filter", Input).value
        self.refresh_rows()

    def action_focus_filter(self) -> None:
        self.focus_now(self.query_one("#filter", Input))

    def action_back(self) -> None:
        """Escape: leave the full-screen detail, else clear the text filter, else the object."""
        box = self.query_one("#filter", Input)
        in_filter = self._filter_focused()
        if self.maximized is not None:
            self.minimize()
        elif in_filter:
            # After the keys typed into the box before Escape, which it has yet to take.
            box.call_later(self.clear_filter)
        elif box.value or self.view.text:
            self.clear_filter()
        elif self.view.objects and self.focused is self.table:
            self.filter_object("", frozenset())
        self.focus_now(self.table)

    def clear_filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        with self.prevent(Input.Changed):
            self.query_one("#filter", Input).value = ""
        self.view.text = ""
        self.refresh_rows()

    def action_min_severity(self, level: int) -> None:
        self.view.min_severity = Severity(level)
        self.refresh_rows()

    def action_next_sort(self) -> None:
        self.view.next_sort()
        self.refresh_rows()

    def action_reverse_sort(self) -> None:
        self.view.reverse = not self.view.reverse
        self.view.sort_chosen = True
        self.refresh_rows()

    def sort_by(self, column: str) -> None:
        self.view.sort_by(column)
        self.refresh_rows()

    def on_findings_table_header_selected(self, event: FindingsTable.HeaderSelected) -> None:
        self.sort_by(event.column)

    def action_next_grouping(self) -> None:
        self.view.grouping = self.view.grouping.next()
        self.refresh_rows()

    def action_toggle_detail(self) -> None:
        """Show the detail pane full screen, or go back to the table."""
        if self.maximized is not None:
            self.minimize()
            self.focus_now(self.table)
        else:
            self.maximize(self.detail, container=False)
            self.focus_now(self.detail)

    def action_copy_fix(self) -> None:
        finding = self.detail.finding
        if finding is None or finding.fix is None or not finding.fix.content:
            self.notify("This finding has no fix to copy.", severity="warning")
            return
        content = finding.fix.content
        self.app.copy_to_clipboard(content)  # Textual keeps it too, for pasting in the app
        if clipboard.system_copy(content) is not None:
            self.notify(f"Copied the fix for {finding.rule_id} to the clipboard.", markup=False)
            return
        # The terminal was asked (OSC 52), which no program can confirm: the fix is selected
        # in its box (a selectable text area), to copy by hand if the terminal ignored it.
        self.detail.select_fix()
        self.notify(
            f"Sent the fix for {finding.rule_id} to the terminal's clipboard (OSC 52), which "
            "not every terminal accepts. If nothing was copied: click the Fix box in the "
            "detail pane and press ctrl+a then ctrl+c, or hold Shift and drag over it to "
            "select it with the terminal.",
            title="Copy fix",
            markup=False,
            timeout=8,
        )
