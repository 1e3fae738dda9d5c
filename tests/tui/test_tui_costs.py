"""`advisor tui PATHS` with a live source: the linted statements joined to the history the
source read, the table sorted costliest first, and findings without history marked."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from impact.test_impact import DDL, REPORT, clicks_history

from advisor.config import Config
from advisor.engine import Engine
from advisor.tui.app import AdvisorApp
from advisor.tui.costs import history_join, with_catalog_costs
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
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            screen = app.findings_screen
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
