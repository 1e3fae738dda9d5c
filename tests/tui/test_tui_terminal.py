"""The installed `advisor tui` in a real terminal (tmux): start, filter, overview, quit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADVISOR = Path(sys.executable).with_name("advisor")
EXITED = "advisor-tui-exited-with"


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True)
    return done.stdout


def wait_for(check: Callable[[str], bool], session: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if check(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out; the terminal shows:\n{screen}")


def type_filter(session: str, text: str) -> str:
    """Type `text` into the filter box; the screen once the table shows it.

    Focus moves after the key is handled, so keys sent at once would reach the table first.
    A key pressed in the second after the first lint's results are drawn can be lost in a
    real terminal (the app is busy drawing them, more so on a loaded machine): the typing is
    tried again, from the table, after Escape.
    """
    for _attempt in range(3):
        tmux("send-keys", "-t", session, "-l", "/")
        time.sleep(0.5)
        tmux("send-keys", "-t", session, "-l", text)
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "Enter")
        try:
            return wait_for(lambda screen: f"filter: '{text}'" in screen, session, timeout=4.0)
        except AssertionError:
            tmux("send-keys", "-t", session, "Escape")
            time.sleep(0.5)
    return wait_for(lambda screen: f"filter: '{text}'" in screen, session)


@contextmanager
def terminal(width: int, height: int) -> Iterator[str]:
    """`advisor tui examples/redshift` in a tmux session of this size; yields its name."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux) so the terminal test cannot run")
    if not ADVISOR.exists():
        pytest.skip(f"the advisor command is not installed beside {sys.executable}")
    name = f"advisor-tui-{uuid.uuid4().hex[:8]}"
    # COLUMNS/LINES inherited from the test run would override the pane's real size.
    command = (
        f"env -u COLUMNS -u LINES '{ADVISOR}' tui examples/redshift; echo {EXITED} $?; sleep 30"
    )
    size = ("-x", str(width), "-y", str(height))
    tmux("new-session", "-d", "-s", name, *size, "-c", str(ROOT), command)
    try:
        yield name
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


@pytest.fixture
def session() -> Iterator[str]:
    with terminal(140, 35) as name:
        yield name


def test_tui_filters_and_quits_in_a_real_terminal(session: str) -> None:
    wait_for(lambda screen: "showing" in screen and " RS-" in screen, session)
    screen = type_filter(session, "RS-D")
    rows = [line for line in screen.splitlines() if " RS-" in line.split("▏")[0]]
    assert rows
    assert all(" RS-D" in line.split("▏")[0] for line in rows), screen
    # Escape returns to the table from wherever focus is, so keys are keys, not filter text.
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "Escape")
    time.sleep(0.5)
    tmux("send-keys", "-t", session, "o")
    screen = wait_for(lambda screen: "Findings by severity" in screen, session)
    assert "Overview:" in screen and "█" in screen
    tmux("send-keys", "-t", session, "Escape")
    wait_for(lambda screen: "showing" in screen, session)
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "q")
    screen = wait_for(lambda screen: EXITED in screen, session)
    assert f"{EXITED} 0" in screen


def test_tui_fits_an_80x24_terminal() -> None:
    with terminal(80, 24) as session:
        screen = wait_for(lambda screen: "showing" in screen and " RS-" in screen, session)
        lines = screen.splitlines()
        assert len(lines) == 24
        header = next(line for line in lines if "Severity" in line)
        assert "Message" in header
        message_at = header.index("Message")
        rows = [line for line in lines if line.startswith((" error", " high", " low", " info"))]
        assert rows, screen
        # Every row has at least 30 characters of its message on screen.
        assert all(len(line[message_at:].rstrip()) >= 30 for line in rows), screen
        assert "? Keys" in lines[-1] and "q Quit" in lines[-1], lines[-1]
        tmux("send-keys", "-t", session, "q")
        screen = wait_for(lambda screen: EXITED in screen, session)
        assert f"{EXITED} 0" in screen
