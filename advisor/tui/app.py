"""The advisor's Textual app: wires the views to a lint run, the live sources and the report
formats.

Long work (linting, reading a database or cluster, exporting) runs in thread workers so the
screen stays responsive; every failure becomes a notification with its reason, and what the
other sources found stays on screen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from advisor import atomic
from advisor.model import Report, Severity
from advisor.report import FORMATS, render
from advisor.tui.costs import Join
from advisor.tui.live_sources import LiveSource, Outcome, Session, Snapshots, combine
from advisor.tui.live_sources import shown as shown_error
from advisor.tui.screens.findings import DocLookup, FindingsScreen
from advisor.tui.sources import SourceCache

if TYPE_CHECKING:
    # The other views are imported when first shown: the first screen needs none of them.
    from advisor.tui.screens.catalog import CatalogScreen
    from advisor.tui.screens.overview import OverviewScreen
    from advisor.tui.screens.plans import PlansScreen

    View = OverviewScreen | PlansScreen | CatalogScreen

Loader = Callable[[], Report]
# The status line's entry of the cost join ("history: joining costs…").
COSTS = "history"


def _no_docs(rule_id: str) -> str:
    del rule_id
    return ""


class AdvisorApp(App[None]):
    """`loader` produces a Report (a lint run, a snapshot, a live read); `docs` gives rule docs."""

    TITLE = "advisor"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "show_view('overview')", "Overview"),
        Binding("p", "show_view('plans')", "Plans"),
        Binding("t", "show_view('catalog')", "Catalog"),
        Binding("f", "show_findings", "Findings", show=False),
        Binding("r", "rerun", "Re-run"),
        Binding("e", "export", "Export"),
        Binding("question_mark,f1", "toggle_help", "Keys"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        loader: Loader,
        docs: DocLookup = _no_docs,
        root: Path | None = None,
        live_sources: Sequence[LiveSource] = (),
        frames_from: Sequence[Path] = (),
        join: Join | None = None,
    ) -> None:
        super().__init__()
        self.loader = loader
        # The static findings joined to the live history read (advisor.tui.costs).
        self.join = join
        self.docs = docs
        # Code frames only from the working folder and the paths named on the command line.
        self.sources = SourceCache(root, frames_from)
        self.live_sources = tuple(live_sources)
        self.runs = 0
        self.session = Session()
        self.lint_report: Report | None = None
        self.outcomes: dict[str, Outcome] = {}
        self._started: dict[str, float] = {}
        # The step each source is on, written by its worker thread and shown by the ticker.
        self._steps: dict[str, str] = {}
        self._ticker: Timer | None = None
        # The cost join running for the latest combination of the findings, if any.
        self._join_worker: Worker[Any] | None = None
        self.findings_screen = FindingsScreen(docs, self.sources)
        # The overview, plans and catalog views, made when first shown.
        self.views: dict[str, View] = {}

    def run(self, *args: Any, **kwargs: Any) -> Any:
        # What the imports made lives as long as the app: frozen, the garbage collector stops
        # rescanning it while the first screen builds a row object per finding (a tenth of
        # the first paint's time at 10,000 findings).
        gc.freeze()
        return super().run(*args, **kwargs)

    def view(self, name: str) -> View:
        """The view called `name` (overview, plans, catalog), made and installed on first use."""
        view = self.views.get(name)
        if view is not None:
            return view
        if name == "overview":
            from advisor.tui.screens.overview import OverviewScreen

            view = OverviewScreen(self.session)
        elif name == "plans":
            from advisor.tui.screens.plans import PlansScreen

            view = PlansScreen(self.session, self._source_text)
        elif name == "catalog":
            from advisor.tui.screens.catalog import CatalogScreen

            view = CatalogScreen(self.session)
        else:
            raise ValueError(f"unknown view {name!r}")
        self.views[name] = view
        self.install_screen(view, name)
        return view

    async def on_mount(self) -> None:
        # Start the lint only once the table exists, so a fast loader cannot beat the screen.
        await self.push_screen(self.findings_screen)
        self.action_rerun()

    def _source_text(self, path: str) -> str | None:
        text = self.sources.get(path)
        return text.text if text is not None else None

    # --- lint and live sources ----------------------------------------------------------------

    def action_rerun(self) -> None:
        self.findings_screen.set_busy(True)
        self.run_worker(
            self.loader, name="lint", group="lint", thread=True, exclusive=True, exit_on_error=False
        )
        for source in self.live_sources:
            self._started[source.name] = time.monotonic()
            self._steps[source.name] = "connect"
            self.session.status[source.name] = "reading…"
            self.run_worker(
                partial(source.read, partial(self._steps.__setitem__, source.name)),
                name=source.name,
                group="source",
                thread=True,
                exit_on_error=False,
            )
        if self.live_sources and self._ticker is None:
            self._ticker = self.set_interval(0.5, self._tick)
        self._show_status()

    def _tick(self) -> None:
        """Progress: the step each running source is on, and how long it has been reading."""
        now = time.monotonic()
        running = False
        for name, started in self._started.items():
            step = self._steps.get(name) or "reading"
            self.session.status[name] = f"{step}… {now - started:.1f} s"
            running = True
        if not running and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._show_status()

    def _show_status(self) -> None:
        # One line once every source is done; the overview keeps the whole text.
        done = not self._started
        self.findings_screen.show_sources(self.session.status_line(), done=done)

    def _update(self) -> None:
        """Combine the lint and every source into the report all views show; with a history
        read, the costs are joined in a worker and fill in once it is done."""
        report, snapshots = combine(self.lint_report, self.outcomes.values())
        self._publish(report, snapshots)
        if self.join is not None and not snapshots.empty:
            self._start_join(report, snapshots)

    def _publish(self, report: Report, snapshots: Snapshots) -> None:
        self.session.report, self.session.snapshots = report, snapshots
        self.findings_screen.show_report(report)
        self.findings_screen.set_busy(bool(self._started) or self._lint_running())
        self._show_status()
        for view in self.views.values():
            if view.is_mounted:
                view.refresh_view()

    def _start_join(self, report: Report, snapshots: Snapshots) -> None:
        """Join `report` to the history read, off the UI thread (it reads and parses the linted
        files again). A newer combination supersedes a join still running."""
        join = self.join
        assert join is not None
        self.session.status[COSTS] = "joining costs…"
        self._show_status()
        self._join_worker = self.run_worker(
            partial(join, report, snapshots),
            name=COSTS,
            group="join",
            thread=True,
            exit_on_error=False,
        )

    def _join_done(self, worker: Worker[Any], state: WorkerState) -> None:
        if worker is not self._join_worker or state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return  # superseded by a newer combination, or still running
        self._join_worker = None
        if state is WorkerState.ERROR or not isinstance(worker.result, Report):
            # The findings stay on screen without their cost; the reason goes to the status.
            self.session.status[COSTS] = f"failed: {_reason(worker.error)}"
            self._show_status()
            return
        joined = worker.result
        known = sum(1 for f in joined.findings if f.impact is not None and f.impact.known)
        total = len(joined.findings)
        self.session.status[COSTS] = f"{known} of {total} finding{'' if total == 1 else 's'} costed"
        self._publish(joined, self.session.snapshots)

    def _lint_running(self) -> bool:
        return any(w.group == "lint" and w.is_running for w in self.workers)

    def _source_done(self, name: str, outcome: Outcome) -> None:
        self._started.pop(name, None)
        self._steps.pop(name, None)
        self.outcomes[name] = outcome
        if outcome.error:
            self.session.status[name] = f"failed: {outcome.error}"
            kept = len(outcome.report.findings) if outcome.report else 0
            self.notify(
                f"{outcome.error} (kept {kept} findings from what was read)",
                title=f"{name} failed",
                severity="error",
                timeout=10,
                markup=False,
            )
        else:
            self.session.status[name] = outcome.summary or "done"
        self._update()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "lint":
            if event.state is WorkerState.SUCCESS and isinstance(worker.result, Report):
                self.runs += 1
                self.lint_report = worker.result
                self._update()
            elif event.state is WorkerState.ERROR:
                self.findings_screen.set_busy(bool(self._started))
                self.notify(
                    _reason(worker.error), title="Lint failed", severity="error", markup=False
                )
        elif worker.group == "source":
            if event.state is WorkerState.SUCCESS and isinstance(worker.result, Outcome):
                self._source_done(worker.name, worker.result)
            elif event.state is WorkerState.ERROR:
                self._source_done(worker.name, Outcome(worker.name, error=_reason(worker.error)))
        elif worker.group == "join":
            self._join_done(worker, event.state)
        elif worker.group == "export":
            if event.state is WorkerState.SUCCESS:
                self.notify(f"Wrote {worker.result}", title="Export", markup=False)
            elif event.state is WorkerState.ERROR:
                self.notify(
                    _reason(worker.error), title="Export failed", severity="error", markup=False
                )

    # --- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        from advisor.tui.screens.export import ExportScreen

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
        atomic.write_text(path, text)
        return path

    # --- views --------------------------------------------------------------------------------

    def action_show_findings(self) -> None:
        while len(self.screen_stack) > 1 and self.screen is not self.findings_screen:
            self.pop_screen()

    def action_show_view(self, name: str) -> None:
        current = self.findings_screen.detail.finding
        if self.screen is self.views.get(name):
            return
        self.action_show_findings()
        view = self.view(name)
        if name == "plans":
            from advisor.tui.screens.plans import PlansScreen

            if isinstance(view, PlansScreen):
                view.select(current)
        self.push_screen(name)

    def on_catalog_screen_object_chosen(self, event: CatalogScreen.ObjectChosen) -> None:
        self.action_show_findings()
        self.findings_screen.filter_object(event.row.name, event.row.names)

    # --- keys and commands --------------------------------------------------------------------

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own "Keys" entry is replaced by ours (one entry, with its keys).
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        findings = self.findings_screen
        for name, key, help_text in (
            ("overview", "o", "Counts, worst tables and indices, top queries"),
            ("plans", "p", "Plan findings with their plan trees"),
            ("catalog", "t", "Tables and indices with their health figures"),
        ):
            yield SystemCommand(
                f"Show the {name}",
                f"{help_text} ({key})",
                lambda name=name: self.action_show_view(name),
            )
        yield SystemCommand(
            "Show the findings", "Back to the findings (f)", self.action_show_findings
        )
        yield SystemCommand(
            "Re-run", "Lint the paths and read the live sources again (r)", self.action_rerun
        )
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
    return shown_error(f"{type(error).__name__}: {error}")
