"""Headless Chromium for the HTML report's tests: find the binary, load a page, read back the
DOM after the page's scripts ran and every console message the browser printed.

No browser driver library: `--dump-dom` prints the document once it has loaded, and
`--enable-logging=stderr` prints each console message (errors, warnings, uncaught exceptions,
Content-Security-Policy refusals) as a `CONSOLE` line on stderr.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120  # seconds; a cold start on a loaded machine takes a few
_CONSOLE = re.compile(r':CONSOLE(?:\(\d+\))?(?::\d+)?\] "(?P<text>.*)", source: (?P<source>.*)$')


def find() -> str | None:
    """The browser binary: `ADVISOR_CHROMIUM` if set, else the first of NAMES on PATH."""
    named = os.environ.get("ADVISOR_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Loaded:
    dom: str
    console: list[str]  # "text (source)" for each console message, in order
    stderr: str


def flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",  # as root in a container the sandbox cannot start
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
    ]


def load(binary: str, page: Path, profile: Path, *extra: str) -> Loaded:
    """Load `page` (a file), return its DOM after load and the console messages."""
    done = subprocess.run(
        [binary, *flags(profile), *extra, "--dump-dom", page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"chromium exited {done.returncode}:\n{done.stderr[-3000:]}"
    return Loaded(done.stdout, console(done.stderr), done.stderr)


def screenshot(binary: str, page: Path, out: Path, profile: Path, size: str = "1280,1000") -> None:
    done = subprocess.run(
        [
            binary,
            *flags(profile),
            f"--window-size={size}",
            f"--screenshot={out.resolve()}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0 and out.is_file(), f"no screenshot:\n{done.stderr[-3000:]}"


def console(stderr: str) -> list[str]:
    out = []
    for line in stderr.splitlines():
        match = _CONSOLE.search(line)
        if match:
            out.append(f"{match['text']} ({match['source']})")
    return out
