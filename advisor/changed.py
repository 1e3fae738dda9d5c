"""Which files a run lints: those git says changed (`--changed`, `--since REV`), and one
shard of them (`--shard I/N`). The project catalog is still built from every file.

Git is asked read-only (`git diff --name-only`, `git ls-files --others`); a path outside a
repository, a missing git, or an unknown revision is a `SelectionError` with the reason.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path


class SelectionError(ValueError):
    """A file selection that cannot be made (no repository, bad revision, bad shard)."""


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N` with 1 <= I <= N."""
    index, sep, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i = n = 0
    if not sep or n < 1 or not 1 <= i <= n:
        raise SelectionError(f"--shard expects I/N with 1 <= I <= N (e.g. 2/4), got {text!r}")
    return i, n


def shard_of(path: Path, root: Path, count: int) -> int:
    """The shard (1..count) of a file: a hash of its path relative to `root`, so that every CI
    job computes the same split, whatever the order or the number of the other files."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    digest = hashlib.sha256(Path(rel).as_posix().encode()).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise SelectionError("--changed and --since need git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise SelectionError(f"git {args[0]} did not answer within 60 s") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise SelectionError(f"git {args[0]}: {reason}")
    return done.stdout


def repository_root(start: Path) -> Path:
    folder = start if start.is_dir() else start.parent
    try:
        out = _git(["rev-parse", "--show-toplevel"], folder.resolve())
    except SelectionError as err:
        raise SelectionError(
            f"--changed and --since need a git repository; {start} is not in one ({err})"
        ) from None
    return Path(out.strip()).resolve()


def changed_files(start: Path, since: str | None) -> set[Path]:
    """Files changed in the work tree and index against `since` (HEAD by default), plus new
    files git does not ignore; resolved paths."""
    root = repository_root(start)
    revision = since or "HEAD"
    if revision.startswith("-"):
        raise SelectionError(f"--since: {revision!r} is not a revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    except SelectionError:
        raise SelectionError(f"--since {revision}: not a commit of {root.name}") from None
    listed = _git(["diff", "--name-only", "-z", "--no-renames", revision, "--"], root)
    new = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = [n for n in (listed + new).split("\0") if n]
    return {(root / n).resolve() for n in names}


def selection(
    start: Path, root: Path, *, changed: bool, since: str | None, shard: str | None
) -> Callable[[Path], bool] | None:
    """The predicate of the files to lint, or None for all of them; shards are computed from
    paths relative to `root` (the project's root)."""
    wanted: set[Path] | None = None
    if changed or since is not None:
        wanted = changed_files(start, since)
    part = parse_shard(shard) if shard is not None else None
    if wanted is None and part is None:
        return None

    # A path resolves to another name only when it is a link itself: a name not among the
    # changed files' is answered without resolving it (a repository has few changed files).
    names = {p.name for p in wanted} if wanted is not None else set()

    def chosen(path: Path) -> bool:
        if wanted is not None:
            if path.name not in names and not path.is_symlink():
                return False
            if path.resolve() not in wanted:
                return False
        return part is None or shard_of(path, root, part[1]) == part[0]

    return chosen
