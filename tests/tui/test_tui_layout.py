"""The findings screen at 80x24 and at 200 columns, and the small promises of the views: Esc
clears the filter, one meaning of the sort arrow, one "Keys" command, honest copy messages,
unadorned overview bars, live findings located by their object."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from rich.text import Text
from test_tui_snapshots import check_snapshot
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_harness import RecordingApp, drive, screen_text
from tui_live_sample import source
from tui_sample import sample_report, write_sources

from advisor.model import Evidence, Finding, Impact, Severity
from advisor.tui import clipboard
from advisor.tui.overview import Bar, Chart
from advisor.tui.screens.findings import FindingsScreen
from advisor.tui.screens.overview import chart_text
from advisor.tui.view import CELL, FindingsView, Row

VACUUM = "VACUUM cannot run inside a transaction"


def message_shown(lines: list[str], message: str) -> str:
    """The part of `message` shown on its row (up to an ellipsis)."""
    row = next(line for line in lines if message[:30] in line)
    start = row.index(message[:30])
    shown = row[start:].split("…")[0].split("▏")[0].rstrip()
    assert message.startswith(shown), (shown, row)
    return shown


def test_80x24_gives_the_message_the_room_and_keeps_help_and_quit(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.pause()
        lines = screen_text(app)
        assert len(lines) == 24
        header = next(line for line in lines if "Severity" in line)
        assert "Message" in header
        # The message column starts before the middle and runs to the edge.
        assert header.index("Message") < 50
        assert len(message_shown(lines, VACUUM)) >= 30
        footer = lines[-1]
        assert footer.lstrip().startswith("? Keys q Quit"), footer
        # The detail pane is under the table, not squeezing it.
        assert screen.has_class("-narrow")
        assert any("ERROR XX-Q02" in line for line in lines[len(lines) // 2 :])
        check_snapshot("findings_80x24", app.export_screenshot(title="advisor tui"), tmp_path)

    drive(tmp_path, body, sample_report(), size=(80, 24))


def test_200_columns_show_whole_messages_beside_the_detail(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.pause()
        lines = screen_text(app)
        assert not screen.has_class("-narrow")
        for finding in sample_report().findings:
            assert message_shown(lines, finding.message) == finding.message
        assert screen.table.size.width >= 130
        assert "? Keys" in lines[-1] and "q Quit" in lines[-1]
        check_snapshot("findings_200x50", app.export_screenshot(title="advisor tui"), tmp_path)

    drive(tmp_path, body, sample_report(), size=(200, 50))


def test_the_source_status_is_one_line_once_the_sources_are_done(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        status = screen.query_one("#sources")
        assert status.display and status.has_class("-done")
        assert status.size.height == 1
        lines = screen_text(app)
        assert sum("postgres: " in line for line in lines) == 1

    sources = [source("postgres"), source("opensearch"), source("redshift")]
    drive(tmp_path, body, sample_report(), sources=sources, size=(80, 24))


def test_escape_clears_the_text_filter(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("slash", *"vacuum")
        await pilot.pause(0.3)
        assert screen.table.row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == ""
        assert screen.view.text == ""
        assert screen.table.row_count == 5
        assert screen.table.has_focus
        # Also after Enter, from the table.
        await pilot.press("slash", *"vacuum", "enter")
        assert screen.table.row_count == 1 and screen.table.has_focus
        await pilot.press("escape")
        assert screen.table.row_count == 5

    drive(tmp_path, body, sample_report())


def test_the_sort_arrow_means_the_same_for_every_column() -> None:
    view = FindingsView.of(sample_report().findings)
    # Severity sorts most urgent first: descending.
    assert view.sort_column == "severity" and view.arrow == "▼"
    values = [int(r.finding.severity) for r in view.matching()]
    assert values == sorted(values, reverse=True)
    view.sort_by("severity")
    assert view.arrow == "▲"
    values = [int(r.finding.severity) for r in view.matching()]
    assert values == sorted(values)
    for column in ("rule", "object", "message"):
        view.sort_by(column)
        assert view.arrow == "▲", column  # A to Z
        view.sort_by(column)
        assert view.arrow == "▼", column


def test_the_sorted_column_heading_carries_the_arrow(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        header = next(line for line in screen_text(app) if "Severity" in line)
        assert "Severity ▼" in header and "Rule ▲" not in header
        await pilot.press("s")
        header = next(line for line in screen_text(app) if "Severity" in line)
        assert "Rule ▲" in header and "Severity ▼" not in header

    drive(tmp_path, body, sample_report())


def test_one_keys_entry_in_the_command_palette(tmp_path: Path) -> None:
    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        titles = [command.title for command in app.get_system_commands(screen)]
        assert titles.count("Keys") == 1

    drive(tmp_path, body, sample_report())


@pytest.mark.parametrize("worked", [True, False])
def test_copy_says_copied_only_when_it_worked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worked: bool
) -> None:
    monkeypatch.setattr(clipboard, "system_copy", lambda text: "xclip" if worked else None)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("c")
        message, _ = app.notes[-1]
        fix_box = screen.detail.query_one("#detail-fix", TextArea)
        if worked:
            assert message == "Copied the fix for XX-Q02 to the clipboard."
        else:
            assert "Copied" not in message
            assert "OSC 52" in message and "Fix box" in message
            assert fix_box.selected_text == "VACUUM sales.orders;"
        assert screen.table.has_focus

    drive(tmp_path, body, sample_report())


def test_system_copy_tries_the_commands_that_exist() -> None:
    calls: list[list[str]] = []

    def run(argv: Sequence[str], text: str) -> bool:
        calls.append(list(argv))
        return argv[0] == "xsel"

    candidates = [["wl-copy"], ["xclip", "-selection", "clipboard"], ["xsel", "--clipboard"]]
    present = {"xclip", "xsel"}
    found = clipboard.system_copy("x", candidates, run, lambda n: n if n in present else None)
    assert found == "xsel"
    assert [c[0] for c in calls] == ["xclip", "xsel"]
    none = clipboard.system_copy("x", candidates, run, lambda n: None)
    assert none is None
    assert clipboard.commands({}, "linux") == []
    assert clipboard.commands({"DISPLAY": ":0"}, "linux")[0][0] == "xclip"
    assert clipboard.commands({}, "darwin") == [["pbcopy"]]


def test_overview_bars_are_not_underlined() -> None:
    chart = Chart("Findings by severity", (Bar("error", 3, "3", "bold red"), Bar("low", 1, "1")))
    text = chart_text(chart)
    assert isinstance(text, Text)
    assert "underline" not in str(text.style)
    title_end = len(chart.title)
    for span in text.spans:
        if "underline" in str(span.style):
            assert span.end <= title_end, span


def test_live_findings_show_their_object_as_location() -> None:
    live = Finding("RS-C01", Severity.HIGH, "skewed", None, object="sales.orders")
    assert Row.of(0, live).cells[CELL["location"]] == "system://redshift/sales.orders"
    pg = Finding("PG-C01", Severity.HIGH, "dead rows", None, object="shop.orders")
    assert Row.of(0, pg).cells[CELL["location"]] == "system://postgres/shop.orders"
    os_finding = Finding("OS-C07", Severity.LOW, "red", None, object="logs")
    assert Row.of(0, os_finding).cells[CELL["location"]] == "system://opensearch/logs"
    assert "system://opensearch/logs" in Row.of(0, os_finding).haystack
    assert Row.of(0, Finding("RS-C01", Severity.LOW, "run", None)).cells[CELL["location"]] == ""


def test_known_costs_lead_the_table_at_80x24(tmp_path: Path) -> None:
    write_sources(tmp_path)
    report = sample_report()
    first = report.findings[2]
    report.findings[2] = replace(
        first, impact=Impact("measured", "redshift", 40, 7.0, dollars_per_day=2.5)
    )

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.pause()
        lines = screen_text(app)
        header = next(line for line in lines if "Severity" in line)
        assert "Cost ▼" in header and "Message" in header, header
        rows = lines[lines.index(header) + 1 :]
        assert "$2.50/day" in rows[0] and first.rule_id in rows[0], rows[0]
        # The message keeps at least its minimum beside the extra column.
        assert any(VACUUM[:20] in line for line in rows), rows
        assert lines[-1].lstrip().startswith("? Keys q Quit"), lines[-1]

    drive(tmp_path, body, report, size=(80, 24))


def test_the_evidence_table_is_drawn_from_the_finding_shown_alone(tmp_path: Path) -> None:
    """The pane's drawing of a finding does not depend on what it showed before (its evidence
    table once kept the widest column it had ever held, so a picture depended on timing)."""
    wide = Finding(
        "XX-Q09",
        Severity.LOW,
        "wide evidence",
        None,
        evidence=Evidence.of(a_rather_long_evidence_name="x" * 60),
    )
    narrow = sample_report().findings[0]  # columns=42, table=sales.orders

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        detail = screen.detail

        async def drawn(*shown: Finding) -> list[str]:
            for finding in shown:
                detail.show(finding, None, "", None)
                await detail.settled()
                await pilot.pause()
            return [line[-40:] for line in screen_text(app)]

        alone = await drawn(narrow)
        after = await drawn(wide, narrow)
        assert alone == after
        assert any("sales.orders" in line for line in alone)

    drive(tmp_path, body, sample_report())
