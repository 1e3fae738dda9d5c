"""Copying a fix: through the system's clipboard command when there is one, so the advisor can
say that the copy worked; otherwise the terminal is asked (OSC 52), which no program can
confirm, and the user is told how to copy by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

TIMEOUT = 2.0


def commands(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> list[list[str]]:
    """The clipboard commands worth trying here, most specific first."""
    env = os.environ if env is None else env
    out: list[list[str]] = []
    if platform == "darwin":
        out.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        out.append(["wl-copy"])
    if env.get("DISPLAY"):
        out += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return out


Runner = Callable[[Sequence[str], str], bool]


def _run(argv: Sequence[str], text: str) -> bool:
    try:
        done = subprocess.run(
            list(argv),
            input=text,
            text=True,
            # Not pipes: xclip leaves a child serving the selection, which would hold them open.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def system_copy(
    text: str,
    candidates: Sequence[Sequence[str]] | None = None,
    run: Runner = _run,
    which: Callable[[str], str | None] = shutil.which,
) -> str | None:
    """Copy `text` with the first clipboard command that exists and succeeds; its name, or None
    when none did."""
    for argv in commands() if candidates is None else candidates:
        if which(argv[0]) is not None and run(argv, text):
            return argv[0]
    return None
