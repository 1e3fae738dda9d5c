"""Runs the app headless at a fixed size and records its notifications."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.worker import WorkerFailed
from tui_sample import docs

from advisor.model import Report
from advisor.tui.app import AdvisorApp, Loader
from advisor.tui.live_sources import LiveSource
from advisor.tui.screens.findings import FindingsScreen

SIZE = (120, 40)


class RecordingApp(AdvisorApp):
    """The real app, keeping every notification for the test to read."""

    def __init__(self, loader: Loader, root: Path, live_sources: Sequence[LiveSource] = ()) -> None:
        super().__init__(loader, docs=docs, root=root, live_sources=live_sources)
        self.notes: list[tuple[str, SeverityLevel]] = []

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.notes.append((message, kwargs.get("severity", "information")))
        super().notify(message, *args, **kwargs)


Body = Callable[[RecordingApp, Pilot[None], FindingsScreen], Awaitable[None]]


async def settle(app: AdvisorApp, pilot: Pilot[None]) -> None:
    """Wait for running workers and the messages they post."""
    # A failed worker is reported as a notification, which the tests read.
    with contextlib.suppress(WorkerFailed):
        await app.workers.wait_for_complete()
    await pilot.pause()
    # The detail pane builds its widgets and lays out the documentation after the first
    # paint; what the tests see (and the snapshots draw) must not depend on the machine's load.
    await app.findings_screen.detail.settled()
    await pilot.pause()


def screen_text(app: AdvisorApp) -> list[str]:
    """The screen as plain text, one string per terminal line (what export_screenshot draws)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()[:height]


def drive(
    root: Path,
    body: Body,
    report: Report | None = None,
    loader: Loader | None = None,
    sources: Sequence[LiveSource] = (),
    size: tuple[int, int] = SIZE,
) -> None:
    async def main() -> None:
        chosen = loader if loader is not None else (lambda: report or Report())
        app = RecordingApp(chosen, root, sources)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await body(app, pilot, app.findings_screen)

    asyncio.run(main())
