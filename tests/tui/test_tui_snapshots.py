"""Two SVG snapshots at a fixed size; behaviour is tested in test_tui_app.py.

pytest-textual-snapshot pins pytest below 9 (through syrupy), so the comparison is done here:
the app's own SVG export against a file under `snapshots/`. Set ADVISOR_UPDATE_SNAPSHOTS=1 to
rewrite the files after an intended change, then look at them before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot
from tui_harness import RecordingApp, drive
from tui_sample import sample_report, write_sources

from advisor.tui.screens.findings import FindingsScreen

SNAPSHOTS = Path(__file__).with_name("snapshots")


def check_snapshot(name: str, svg: str, tmp_path: Path) -> None:
    expected = SNAPSHOTS / f"{name}.svg"
    if os.environ.get("ADVISOR_UPDATE_SNAPSHOTS") == "1" or not expected.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        expected.write_text(svg, encoding="utf-8")
        return
    if expected.read_text(encoding="utf-8") != svg:
        actual = tmp_path / f"{name}.svg"
        actual.write_text(svg, encoding="utf-8")
        raise AssertionError(f"{name}: the screen changed; compare {expected} with {actual}")


def test_snapshot_first_screen(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.pause()
        check_snapshot("first_screen", app.export_screenshot(title="advisor tui"), tmp_path)

    drive(tmp_path, body, sample_report())


def test_snapshot_grouped_and_filtered(tmp_path: Path) -> None:
    write_sources(tmp_path)

    async def body(app: RecordingApp, pilot: Pilot[None], screen: FindingsScreen) -> None:
        await pilot.press("2", "g", "g", "slash", *"orders", "enter", "down")
        await pilot.pause()
        await screen.detail.settled()
        await pilot.pause()
        check_snapshot("grouped_by_rule", app.export_screenshot(title="advisor tui"), tmp_path)

    drive(tmp_path, body, sample_report())
