"""The advisor's Textual app: wires the findings screen to a lint run and to the report formats.

Long work (linting, exporting) runs in thread workers so the screen stays responsive; every
failure becomes a notification with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from advisor.model import Report, Severity
from advisor.report import FORMATS, render
from advisor.tui.screens.export import ExportScreen
from advisor.tui.screens.findings import DocLookup, FindingsScreen
from advisor.tui.sources import SourceCache

Loader = Callable[[], Report]


def _no_docs(rule_id: str) -> str:
    del rule_id
    return ""


class AdvisorApp(App[None]):
    """`loader` produces a Report (a lint run, a snapshot, a live read); `docs` gives rule docs."""

    TITLE = "advisor"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rerun", "Re-run"),
        Binding("e", "export", "Export"),
        Binding("question_mark,f1", "toggle_help", "Keys"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self, loader: Loader, docs: DocLookup = _no_docs, root: Path | None = None
    ) -> None:
        super().__init__()
        self.loader = loader
        self.docs = docs
        self.sources = SourceCache(root)
        self.runs = 0
        self.findings_screen = FindingsScreen(docs, self.sources)

    async def on_mount(self) -> None:
        # Start the lint only once the table exists, so a fast loader cannot beat the screen.
        await self.push_screen(self.findings_screen)
        self.action_rerun()

    # --- lint ---------------------------------------------------------------------------------

    def action_rerun(self) -> None:
        self.findings_screen.set_busy(True)
        self.run_worker(
            self.loader, name="lint", group="lint", thread=True, exclusive=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "lint":
            if event.state is WorkerState.SUCCESS and isinstance(worker.result, Report):
                self.runs += 1
                self.findings_screen.show_report(worker.result)
            elif event.state is WorkerState.ERROR:
                self.findings_screen.set_busy(False)
                self.notify(_reason(worker.error), title="Lint failed", severity="error")
        elif worker.group == "export":
            if event.state is WorkerState.SUCCESS:
                self.notify(f"Wrote {worker.result}", title="Export")
            elif event.state is WorkerState.ERROR:
                self.notify(_reason(worker.error), title="Export failed", severity="error")

    # --- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        shown = len(self.findings_screen.visible_findings())
        self.push_screen(ExportScreen(FORMATS, shown), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        fmt, path = choice
        screen = self.findings_screen
        report = replace(screen.report, findings=screen.visible_findings())
        self.run_worker(
            lambda: self.export(report, fmt, Path(path)),
            name="export",
            group="export",
            thread=True,
            exit_on_error=False,
        )

    def export(self, report: Report, fmt: str, path: Path) -> Path:
        """Render `report` as `fmt` into `path` (called from a worker thread)."""
        sources = self.sources.for_findings(report.findings)
        text = render(report, fmt, sources, docs={rid: self.docs(rid) for rid in report.rules})
        path.write_text(text, encoding="utf-8")
        return path

    # --- keys and commands --------------------------------------------------------------------

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        findings = self.findings_screen
        yield SystemCommand("Re-run the lint", "Lint the paths again (r)", self.action_rerun)
        yield SystemCommand(
            "Export findings", "Write the findings shown to a report (e)", self.action_export
        )
        yield SystemCommand(
            "Filter findings", "Focus the filter box (/)", findings.action_focus_filter
        )
        yield SystemCommand(
            "Next sort column", "Sort by the next column (s)", findings.action_next_sort
        )
        yield SystemCommand(
            "Reverse the sort", "Reverse the order (S)", findings.action_reverse_sort
        )
        yield SystemCommand(
            "Cycle grouping", "None, by file, by rule (g)", findings.action_next_grouping
        )
        yield SystemCommand(
            "Toggle detail",
            "Detail pane full screen or back (Enter/d)",
            findings.action_toggle_detail,
        )
        yield SystemCommand(
            "Copy fix", "Copy the fix to the clipboard (c)", findings.action_copy_fix
        )
        for level in range(5):
            severity = Severity(level)
            yield SystemCommand(
                f"Show {severity.label} and above",
                f"Minimum severity {severity.label} ({level + 1})",
                lambda level=level: findings.action_min_severity(level),
            )
        yield SystemCommand("Keys", "Show the key bindings (? or F1)", self.action_toggle_help)


def _reason(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    return f"{type(error).__name__}: {error}"
