"""The overview, plans and catalog views, and live sources beside the lint, through Pilot."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea, Tree
from tui_harness import SIZE, RecordingApp, drive, settle
from tui_live_sample import (
    failing_source,
    partial_source,
    rs_plan_finding,
    snapshots,
    source,
)
from tui_sample import sample_report, write_sources

from advisor.model import Report
from advisor.tui.live_sources import LiveSource, Outcome, combine
from advisor.tui.overview import charts
from advisor.tui.screens.catalog import CatalogScreen
from advisor.tui.screens.export import ExportScreen
from advisor.tui.screens.findings import FindingsScreen
from advisor.tui.screens.overview import OverviewScreen
from advisor.tui.screens.plans import MARK, PlansScreen
from advisor.tui.view import Row


def shown(screen: FindingsScreen) -> list[str]:
    return [e.finding.rule_id for e in screen.table.entries if isinstance(e, Row)]


def test_keys_switch_views_and_escape_returns_to_the_findings(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        assert app.screen is screen
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("p")
        assert isinstance(app.screen, PlansScreen)
        await pilot.press("t")
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("t", "f")
        assert app.screen is screen
        assert len(app.screen_stack) == 2  # the default screen and the findings, nothing piled up

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_live_findings_join_the_lint_findings(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        assert sorted(shown(screen)) == sorted(
            ["XX-Q02", "XX-O01", "XX-Q01", "XX-Q01", "XX-I01", "XX-T01", "XX-P01"]
        )
        status = str(screen.query_one("#sources").render())
        assert "postgres: read 0.01 s" in status
        assert not app.notes

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_overview_draws_bars_from_the_planted_numbers(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("o")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, OverviewScreen)
        by_title = {chart.title: chart for chart in view.charts}
        severity = by_title["Findings by severity"]
        assert {b.label: b.value for b in severity.bars}["high"] == 2  # XX-O01 and XX-T01
        skew = by_title["Redshift: row skew (largest slice / smallest)"]
        assert [(b.label, b.value) for b in skew.bars] == [
            ("sales.events", 4.0),
            ("sales.users", 1.5),
        ]
        unsorted = by_title["Redshift: unsorted share"]
        assert unsorted.full == 100.0 and unsorted.bars[0].label == "sales.events"
        stale = by_title["Redshift: stale statistics (stats_off)"]
        assert [b.label for b in stale.bars] == ["sales.users", "sales.events"]
        dead = by_title["PostgreSQL: dead tuples (share of rows)"]
        assert [(b.label, b.value) for b in dead.bars] == [
            ("shop.customers", 50.0),
            ("shop.orders", 10.0),
        ]
        shards = by_title["OpenSearch: largest shards"]
        assert [b.label for b in shards.bars] == ["logs[0]p", "logs[1]p"]
        assert shards.bars[0].text == "2.0 GiB"
        top = by_title["PostgreSQL: top statements by total time (pg_stat_statements)"]
        assert [b.label for b in top.bars] == ["SELECT slow", "SELECT fast"]
        assert "Redshift: top queries by elapsed time (query history)" in by_title
        # The bars are drawn: the largest full, the others in proportion.
        text = "\n".join(str(s.render()) for s in view.query(".chart"))
        assert "sales.events" in text and "█" * 40 in text

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_overview_without_live_sources_still_counts_findings() -> None:
    only_lint = charts(sample_report(), combine(None, [])[1])
    assert [c.title for c in only_lint] == ["Findings by severity", "Findings by family"]


def test_plan_finding_shows_its_plan_with_the_costly_node_marked(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        # Put the cursor on the plan finding, then open its plan.
        rows = [e for e in screen.table.entries if isinstance(e, Row)]
        position = next(i for i, r in enumerate(rows) if r.finding.rule_id == "XX-P01")
        for _ in range(position):
            await pilot.press("down")
        await pilot.press("p")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, PlansScreen)
        assert [f.rule_id for f in view.findings] == ["XX-P01"]
        assert view.plan is not None
        assert [line.label.split()[0] for line in view.plan.marked] == ["Sort"]
        tree = view.query_one(Tree)
        cursor = tree.cursor_node
        assert cursor is not None and cursor.data is not None and cursor.data.marked
        assert MARK in str(cursor.label)
        # The whole plan is there, expanded: root, join, two scans, hash, sort.
        assert len(view.plan.root.walk()) == 5

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_redshift_explain_text_plan_is_parsed_for_its_finding(tmp_path: Path) -> None:
    report = rs_plan_finding(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("p")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, PlansScreen)
        assert view.plan is not None
        assert [line.label.split("  (")[0] for line in view.plan.marked] == [
            "XN Hash Join DS_BCAST_INNER"
        ]
        assert [c.label.split()[1] for c in view.plan.root.children] == ["Seq", "Hash"]

    drive(tmp_path, body, report)


def test_catalog_lists_tables_and_enter_filters_the_findings(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("t")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, CatalogScreen)
        names = [row.name for row in view.rows]
        assert {"shop.orders", "shop.customers", "sales.events", "sales.users", "logs"} == set(
            names
        )
        # Most findings first: shop.customers has the live XX-T01.
        assert view.rows[0].name == "shop.customers" and view.rows[0].findings == 1
        assert view.table.row_count == 5
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert shown(screen) == ["XX-T01"]
        assert "object: shop.customers" in str(screen.query_one("#summary").render())
        # Escape on the table clears the object filter.
        await pilot.press("escape")
        assert len(shown(screen)) == 7

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_failing_source_is_a_notification_and_the_lint_findings_stay(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await settle(app, pilot)
        assert screen.table.row_count == 5
        errors = [message for message, severity in app.notes if severity == "error"]
        assert len(errors) == 1
        assert "ConnectionRefusedError: connection to 127.0.0.1:1 refused" in errors[0]
        assert "Traceback" not in errors[0]
        status = str(screen.query_one("#sources").render())
        assert "postgres: failed: ConnectionRefusedError" in status

    drive(tmp_path, body, sample_report(), sources=[failing_source()])


def test_partial_source_keeps_what_it_read_and_says_why_it_stopped(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        assert "XX-T01" in shown(screen)
        assert any(
            "timed out reading _nodes/stats" in m and "kept 1 findings" in m
            for m, severity in app.notes
            if severity == "error"
        )
        await pilot.press("t")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, CatalogScreen)
        assert [row.name for row in view.rows] == ["logs"]

    drive(tmp_path, body, sample_report(), sources=[partial_source()])


def test_export_writes_the_lint_and_live_findings(tmp_path: Path) -> None:
    out = tmp_path / "all.json"

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(Select).value = "json"
        dialog.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        rules = {f["rule_id"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
        assert {"XX-T01", "XX-P01", "XX-Q02"} <= rules

    drive(tmp_path, body, sample_report(), sources=[source()])


def test_fix_is_a_read_only_highlighted_text_area(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        code = screen.detail.query_one("#detail-fix", TextArea)
        assert code.read_only
        assert code.text == "VACUUM sales.orders;"
        if "sql" in code.available_languages:
            assert code.language == "sql"
        await pilot.press("down")  # the DSL finding: its fix is JSON
        assert code.text.startswith('{"match"')

    drive(tmp_path, body, sample_report())


def test_combine_drops_findings_found_twice() -> None:
    lint = sample_report()
    again = Outcome("opensearch", Report(findings=list(lint.findings[:2])), snapshots())
    report, snaps = combine(lint, [again])
    assert len(report.findings) == len(lint.findings)
    assert snaps.opensearch is not None


def test_redshift_plan_read_from_the_cluster_is_found_by_its_anchor() -> None:
    from dataclasses import replace

    from tui_live_sample import RS_PLAN_TEXT

    from advisor.model import Finding, Severity
    from advisor.model_redshift import RsSnapshot
    from advisor.sql.explain import parse_plan
    from advisor.tui.live_sources import Snapshots
    from advisor.tui.plans import plan_for

    statement = "SELECT * FROM category, event WHERE category.catid = event.catid"
    plan = replace(parse_plan(RS_PLAN_TEXT), path=None, statement=statement, query_id=7)
    join = plan.root
    finding = Finding(
        "XX-P02",
        Severity.HIGH,
        "broadcast",
        None,
        anchor=f"{statement} {join.label} {join.detail('Hash Cond')}",
    )
    tree = plan_for(finding, Snapshots(redshift=RsSnapshot(plans=(plan,))), lambda _p: None)
    assert tree is not None and tree.title == statement
    assert [line.label.split("  (")[0] for line in tree.marked] == [join.label]


def test_a_running_source_shows_the_step_it_is_on(tmp_path: Path) -> None:
    release = threading.Event()

    def read(step: Callable[[str], None]) -> Outcome:
        step("query history")
        release.wait(10)
        return Outcome("redshift", None, snapshots(), None, "read 0.01 s")

    async def main() -> None:
        app = RecordingApp(sample_report, tmp_path, [LiveSource("redshift", read)])
        async with app.run_test(size=SIZE) as pilot:
            screen = app.findings_screen
            try:
                for _ in range(40):  # the ticker runs every 0.5 s
                    await pilot.pause(0.1)
                    if "query history…" in str(screen.query_one("#sources").render()):
                        break
                status = str(screen.query_one("#sources").render())
                assert "redshift: query history…" in status, status
            finally:
                release.set()
            await settle(app, pilot)
            assert "redshift: read 0.01 s" in str(screen.query_one("#sources").render())

    asyncio.run(main())
