"""Which files below a folder git ignores (`.gitignore`, `.git/info/exclude`, the global
excludes file), so that `advisor lint DIR` skips build output and vendored files as Ruff does.

Git itself answers (`git ls-files --others --ignored --exclude-standard --directory`), so the
matching is git's own, nested `.gitignore` files and negations included. Outside a work tree,
or without git on the PATH, nothing is ignored. Files named on the command line are always
linted; only what a folder walk finds is filtered.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

GIT_SECONDS = 30.0


class Ignored:
    """The ignored files and folders below some folders, as resolved absolute paths."""

    def __init__(self, paths: set[str]) -> None:
        self.paths = paths

    def __call__(self, path: str) -> bool:
        """Whether `path` (a file or folder) is ignored, or lies in an ignored folder."""
        if not self.paths:
            return False
        current = os.path.abspath(path)
        while True:
            if current in self.paths:
                return True
            parent = os.path.dirname(current)
            if parent == current:
                return False
            current = parent


def ignored_below(folders: Sequence[Path]) -> Ignored:
    """What git ignores below each of `folders` (nothing for a folder outside a work tree)."""
    git = shutil.which("git")
    found: set[str] = set()
    if git is None:
        return Ignored(found)
    for folder in folders:
        if folder.is_dir():
            found.update(_ignored(git, folder.absolute()))
    return Ignored(found)


def _ignored(git: str, folder: Path) -> list[str]:
    try:
        done = subprocess.run(
            [git, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
            cwd=folder,
            capture_output=True,
            timeout=GIT_SECONDS,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:  # not a work tree, or git refused: nothing is ignored
        return []
    out = []
    for name in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if name:
            out.append(os.path.abspath(folder / name.rstrip("/")))
    return out
