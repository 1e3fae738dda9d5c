"""The app driven by keys through Pilot; assertions on state, not on pixels."""

from __future__ import annotations

import json
from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Select
from tui_harness import RecordingApp, drive, settle
from tui_sample import sample_report, write_sources

from advisor.model import Report, Severity
from advisor.tui.screens.export import ExportScreen
from advisor.tui.screens.findings import FindingsScreen
from advisor.tui.view import Group, Grouping, Row


def shown_rules(screen: FindingsScreen) -> list[str]:
    return [e.finding.rule_id for e in screen.table.entries if isinstance(e, Row)]


def grouping(screen: FindingsScreen) -> Grouping:
    return screen.view.grouping


def test_first_screen_shows_every_finding_and_the_counts(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        assert screen.table.row_count == 5
        assert shown_rules(screen) == ["XX-Q02", "XX-O01", "XX-Q01", "XX-Q01", "XX-I01"]
        summary = str(screen.query_one("#summary").render())
        assert "error 1" in summary
        assert "low 2" in summary
        assert "showing 5 of 5" in summary
        # The detail pane follows the cursor from the start.
        assert screen.detail.finding is not None
        assert screen.detail.finding.rule_id == "XX-Q02"
        assert screen.table.has_focus

    drive(tmp_path, body, sample_report())


def test_slash_focuses_the_filter_and_typing_filters(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("slash")
        assert screen.query_one("#filter", Input).has_focus
        await pilot.press(*"export.sql")
        await pilot.pause(0.3)  # the filter applies once typing pauses
        assert screen.table.row_count == 3
        await pilot.press("backspace", *"json", "enter")
        assert shown_rules(screen) == []
        await pilot.press("slash")
        screen.query_one("#filter", Input).value = ""
        await pilot.press(*"search", "enter")
        assert shown_rules(screen) == ["XX-O01"]
        assert screen.table.has_focus

    drive(tmp_path, body, sample_report())


def test_number_keys_set_the_minimum_severity(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("4")
        assert screen.view.min_severity is Severity.HIGH
        assert shown_rules(screen) == ["XX-Q02", "XX-O01"]
        await pilot.press("5")
        assert shown_rules(screen) == ["XX-Q02"]
        await pilot.press("1")
        assert screen.table.row_count == 5

    drive(tmp_path, body, sample_report())


def test_sort_by_key_and_by_header_click(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("s")
        assert screen.view.sort_column == "rule"
        assert shown_rules(screen)[0] == "XX-I01"
        await pilot.press("S")
        assert shown_rules(screen)[0] == "XX-Q02"
        await pilot.click("#findings", offset=(30, 0))  # the Object header
        await pilot.pause()
        assert screen.view.sort_column == "object"
        objects = [e.finding.object for e in screen.table.entries if isinstance(e, Row)]
        assert objects == sorted(objects, key=lambda o: (o or "").lower())

    drive(tmp_path, body, sample_report())


def test_g_cycles_grouping(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("g")
        assert grouping(screen) is Grouping.FILE
        groups = [e.name for e in screen.table.entries if isinstance(e, Group)]
        assert groups == ["(no file)", "queries/export.sql", "search.json"]
        assert screen.table.row_count == 8
        await pilot.press("g")
        assert grouping(screen) is Grouping.RULE
        await pilot.press("g")
        assert screen.table.row_count == 5

    drive(tmp_path, body, sample_report())


def test_cursor_moves_the_detail_and_enter_opens_it(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("down", "down")
        await pilot.pause()
        finding = screen.detail.finding
        assert finding is not None
        assert finding.rule_id == "XX-Q01"
        evidence = screen.detail.query_one("#detail-evidence")
        assert evidence.display
        source = screen.detail.query_one("#detail-source")
        assert source.display  # the file was found under the app's root
        await pilot.press("enter")
        assert screen.maximized is screen.detail
        await pilot.press("escape")
        assert screen.maximized is None
        assert screen.table.has_focus

    drive(tmp_path, body, sample_report())


def test_c_copies_the_fix(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("c")
        assert app.clipboard == "VACUUM sales.orders;"
        await pilot.press("down", "down", "down", "down", "c")  # the info finding has no fix
        assert app.notes[-1] == ("This finding has no fix to copy.", "warning")

    drive(tmp_path, body, sample_report())


def test_e_exports_the_filtered_findings(tmp_path: Path) -> None:
    target = tmp_path / "out.json"

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("4", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one(Select).value == "json"
        path = dialog.query_one("#export-path", Input)
        assert path.value == "advisor-report.json"
        path.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)

    drive(tmp_path, body, sample_report())
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [f["rule_id"] for f in data["findings"]] == ["XX-Q02", "XX-O01"]


def test_export_failure_is_a_notification(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "no" / "dir.json")
        await pilot.press("enter")
        await settle(app, pilot)
        message, severity = app.notes[-1]
        assert severity == "error"
        assert "FileNotFoundError" in message

    drive(tmp_path, body, sample_report())


def test_lint_failure_is_a_notification_not_a_traceback(tmp_path: Path) -> None:
    def broken() -> Report:
        raise OSError("permission denied: queries/")

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        assert app.notes == [("OSError: permission denied: queries/", "error")]
        assert screen.table.row_count == 0
        assert not screen.busy

    drive(tmp_path, body, loader=broken)


def test_r_reruns_and_keeps_the_filter(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("5", "r")
        await settle(app, pilot)
        assert app.runs == 2
        assert shown_rules(screen) == ["XX-Q02"]

    drive(tmp_path, body, sample_report())


def test_help_and_command_palette(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("question_mark")
        assert screen.query("HelpPanel")
        await pilot.press("f1")
        assert not screen.query("HelpPanel")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Re-run", "Export findings", "Copy fix", "Cycle grouping"} <= titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"cycle grou", "enter")
        await pilot.pause()
        assert screen.view.grouping is Grouping.FILE

    drive(tmp_path, body, sample_report())


def test_q_quits(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0

    drive(tmp_path, body, sample_report())


def severity_of(screen: FindingsScreen) -> Severity:
    return screen.view.min_severity


def queue_keys(app: RecordingApp, *keys: str) -> None:
    """Put keys in the app's queue at once, as a terminal delivers keys typed while the app
    was busy (drawing the first results): none is handled before the last is queued."""
    names = {"/": "slash", "-": "minus", "\r": "enter", "\x1b": "escape"}
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(names.get(key, key), key)
        event.set_sender(app)
        driver.send_message(event)


def test_keys_typed_while_busy_after_the_first_paint_go_where_the_first_key_sent_focus(
    tmp_path: Path,
) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        # "/" then the filter text and Enter, queued together: the text is the filter's,
        # not keys for the table (S would reverse the sort, Enter open the detail).
        queue_keys(app, "/", "X", "X", "-", "Q", "0", "1", "\r")
        await pilot.pause()
        await pilot.pause(0.3)
        assert screen.view.text == "XX-Q01"
        assert shown_rules(screen) == ["XX-Q01", "XX-Q01"]
        assert screen.view.sort_column == "severity" and not screen.view.reverse
        assert screen.maximized is None
        assert screen.table.has_focus
        # Enter's move back to the table is immediate too: the next keys are the table's.
        queue_keys(app, "/", "x", "x", "-", "i", "\r", "2")
        await pilot.pause()
        await pilot.pause(0.3)
        assert screen.view.text == "xx-i"
        assert severity_of(screen) == Severity.LOW
        # Escape clears the filter and returns to the table; the keys after it are the table's.
        queue_keys(app, "/", "q", "\x1b", "1")
        await pilot.pause()
        await pilot.pause(0.3)
        assert screen.view.text == ""
        assert severity_of(screen) == Severity.INFO

    drive(tmp_path, body, sample_report())
