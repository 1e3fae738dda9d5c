"""`advisor tui PATHS` with a live source: the linted statements joined to the history the
source read, the table sorted costliest first, and findings without history marked."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from impact.test_impact import DDL, REPORT, clicks_history
from textual.pilot import Pilot
from tui_harness import screen_text

from advisor.config import Config
from advisor.engine import Engine
from advisor.model import Report
from advisor.tui.app import AdvisorApp
from advisor.tui.costs import Join, history_join, with_catalog_costs
from advisor.tui.live_sources import LiveSource, Outcome, Snapshots
from advisor.tui.view import CELL, NO_HISTORY, FindingsView, Row


def _tree(root: Path) -> None:
    (root / "ddl").mkdir()
    (root / "reports").mkdir()
    (root / "ddl" / "spectrum.sql").write_text(DDL, encoding="utf-8")
    (root / "reports" / "clicks.sql").write_text(REPORT, encoding="utf-8")


def test_static_findings_get_their_cost_from_a_live_source_and_lead_the_table(
    tmp_path: Path,
) -> None:
    _tree(tmp_path)
    config = Config()
    engine = Engine(config, lint=True)
    history = LiveSource(
        "redshift",
        lambda _step: Outcome("redshift", snapshots=Snapshots(redshift=clicks_history())),
    )

    async def main() -> list[Row]:
        app = AdvisorApp(
            lambda: engine.lint_paths([Path("ddl"), Path("reports")]),
            root=tmp_path,
            live_sources=[history],
            join=history_join(config),
        )
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.findings_screen
            # The join fills the costs in once its worker is done.
            await _until(pilot, lambda: screen.view.costed)
            await pilot.pause()
            assert screen.view.sort_column == "cost" and screen.view.costed
            return screen.view.matching()

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        rows = asyncio.run(main())
    finally:
        os.chdir(cwd)
    costs = [row.cells[CELL["cost"]] for row in rows]
    # The select star on the external text table, measured, first.
    first = rows[0].finding
    assert first.rule_id == "RS-Q31" and first.impact is not None and first.impact.known
    assert costs[0].startswith("$"), costs
    # The statement of the same file that never ran is marked, after the costed ones.
    never = [row for row in rows if row.cells[CELL["cost"]] == NO_HISTORY]
    assert never, costs
    assert all(row.finding.impact is not None and not row.finding.impact.known for row in never)
    assert costs.index(NO_HISTORY) > max(i for i, c in enumerate(costs) if c.startswith("$"))


def test_without_a_live_source_nothing_is_joined(tmp_path: Path) -> None:
    _tree(tmp_path)
    config = Config()
    report = Engine(config, lint=True).lint_paths([tmp_path])
    assert history_join(config)(report, Snapshots()) is report


def test_without_a_live_source_catalog_estimates_give_the_cost_column(tmp_path: Path) -> None:
    (tmp_path / "ddl.sql").write_text(
        "CREATE EXTERNAL TABLE s.ev (a INT, b INT) STORED AS TEXTFILE LOCATION 's3://b/e/'"
        " TABLE PROPERTIES ('totalSize'='2000000000000');\n",
        encoding="utf-8",
    )
    (tmp_path / "q.sql").write_text("SELECT a FROM s.ev ORDER BY a;\n", encoding="utf-8")
    config = Config(prices={"scan_usd_per_tb": 2.0})
    engine = Engine(config, lint=True)
    report = with_catalog_costs(lambda: engine.lint_paths([tmp_path]), config)()
    view = FindingsView.of(report.findings)
    assert view.costed and view.sort_column == "cost"
    first = view.matching()[0]
    # 2 TB of text read whole at $2 per TB, ahead of the DDL findings of no cost.
    assert first.finding.rule_id == "RS-Q26" and first.cells[CELL["cost"]] == "$4.00/run"


def test_an_estimate_without_a_size_does_not_bring_the_cost_column(tmp_path: Path) -> None:
    (tmp_path / "ddl.sql").write_text(
        "CREATE EXTERNAL TABLE s.ev (a INT, b INT) STORED AS TEXTFILE LOCATION 's3://b/e/';\n",
        encoding="utf-8",
    )
    (tmp_path / "q.sql").write_text("SELECT * FROM s.ev;\n", encoding="utf-8")
    config = Config()
    engine = Engine(config, lint=True)
    report = with_catalog_costs(lambda: engine.lint_paths([tmp_path]), config)()
    # RS-Q31 says a run reads the whole table, of a size the DDL does not give.
    [star] = [f for f in report.findings if f.rule_id == "RS-Q31"]
    assert star.impact is not None and star.impact.known and not star.impact.figured
    view = FindingsView.of(report.findings)
    assert not view.costed and view.sort_column == "severity"


def _costed_app(tmp_path: Path, join: Join) -> tuple[AdvisorApp, Engine]:
    _tree(tmp_path)
    engine = Engine(Config(), lint=True)
    history = LiveSource(
        "redshift",
        lambda _step: Outcome("redshift", snapshots=Snapshots(redshift=clicks_history())),
    )
    app = AdvisorApp(
        lambda: engine.lint_paths([Path("ddl"), Path("reports")]),
        root=tmp_path,
        live_sources=[history],
        join=join,
    )
    return app, engine


def _in(folder: Path, main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        asyncio.run(main())
    finally:
        os.chdir(cwd)


async def _until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    for _ in range(1000):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


def test_the_cost_join_runs_in_a_worker_after_the_findings_are_painted(tmp_path: Path) -> None:
    """The findings are on screen, unsorted by cost, while the join runs off the UI thread;
    once it is done the rows carry their cost and the table sorts costliest first."""
    real = history_join(Config())
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_join(report: Report, snapshots: Snapshots) -> Report:
        threads.append(threading.current_thread())
        assert release.wait(30), "the test never released the join"
        return real(report, snapshots)

    app, _engine = _costed_app(tmp_path, slow_join)

    async def main() -> None:
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.findings_screen
            await _until(pilot, lambda: bool(threads) and screen.table.row_count > 0)
            await pilot.pause()
            # Painted, with the findings and no cost yet; the status says what is running.
            assert threads[0] is not threading.main_thread()
            assert not screen.view.costed and screen.view.sort_column == "severity"
            assert "history: joining costs…" in app.session.status_line()
            assert any("joining costs…" in line for line in screen_text(app))
            release.set()
            await app.workers.wait_for_complete()
            await _until(pilot, lambda: screen.view.costed)
            await pilot.pause()
            assert screen.view.sort_column == "cost"
            rows = screen.table.entries
            first = rows[0]
            assert isinstance(first, Row) and first.finding.rule_id == "RS-Q31"
            assert first.cells[CELL["cost"]].startswith("$")
            assert "Cost" in next(line for line in screen_text(app) if "Severity" in line)
            status = app.session.status["history"]
            assert status.endswith("costed") and not status.startswith("0 of"), status

    _in(tmp_path, main)


def test_a_failing_join_is_a_note_in_the_status_line_and_the_findings_stay(
    tmp_path: Path,
) -> None:
    def broken(report: Report, snapshots: Snapshots) -> Report:
        raise OSError("reports/clicks.sql: permission denied")

    app, _engine = _costed_app(tmp_path, broken)

    async def main() -> None:
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.findings_screen
            await _until(pilot, lambda: "failed" in app.session.status.get("history", ""))
            await pilot.pause()
            assert app.is_running
            assert app.session.status["history"] == (
                "failed: OSError: reports/clicks.sql: permission denied"
            )
            assert any("permission denied" in line for line in screen_text(app))
            # The lint's findings are shown without a cost, in the usual order.
            assert screen.table.row_count > 0 and not screen.view.costed
            assert screen.view.sort_column == "severity"

    _in(tmp_path, main)


def test_a_failing_source_is_a_note_and_nothing_is_joined(
    tmp_path: Path,
) -> None:
    """A source that fails reads no history: its reason is shown and nothing is joined."""
    _tree(tmp_path)
    engine = Engine(Config(), lint=True)
    joined: list[Report] = []

    def join(report: Report, snapshots: Snapshots) -> Report:
        joined.append(report)
        return report

    def refused(_step: object) -> Outcome:
        raise ConnectionRefusedError("connection refused")

    app = AdvisorApp(
        lambda: engine.lint_paths([Path("ddl"), Path("reports")]),
        root=tmp_path,
        live_sources=[LiveSource("redshift", refused)],
        join=join,
    )

    async def main() -> None:
        async with app.run_test(size=(160, 40)) as pilot:
            screen = app.findings_screen
            await _until(pilot, lambda: "failed" in app.session.status.get("redshift", ""))
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "connection refused" in app.session.status["redshift"]
            assert any("connection refused" in line for line in screen_text(app))
            assert screen.table.row_count > 0 and not screen.view.costed
            assert not joined and "history" not in app.session.status

    _in(tmp_path, main)
