"""Finding and reading input files with bounded work, and saying what was not read.

Only regular files are read: a FIFO, socket or device found in a folder is reported and
skipped (reading one could block for ever or never end), and so is a file larger than
`max-file-bytes`. Symbolic links that lead out of the folder being linted are not followed
unless asked (`--follow-symlinks`): a link to a credentials file must not end up in a report.
A folder that cannot be listed is reported too; nothing is skipped in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from advisor.errors import InputFileError
from advisor.model import Limits, ParseProblem

_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".services", ".tox"}


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def not_regular(path: Path) -> str | None:
    """Why `path` (followed if a link) is not a regular file, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else file_kind(mode)


def too_large(path: str, size: int, limit: int) -> ParseProblem:
    return ParseProblem(
        path,
        f"file is {size:,} bytes, over the {limit:,}-byte limit (`max-file-bytes`): not read; "
        + Limits.hint("max-file-bytes"),
    )


def read_bounded(path: Path, limits: Limits) -> bytes | ParseProblem:
    """The bytes of a regular file of at most `max-file-bytes`, else why it was not read."""
    display = path.as_posix()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        # Non-blocking, so that opening a FIFO cannot hang; what it is is checked next.
        fd = os.open(path, flags)
    except OSError as err:
        return ParseProblem(display, f"cannot read file: {err.strerror}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return ParseProblem(display, f"{file_kind(info.st_mode)}, not a regular file: not read")
        limit = limits.max_file_bytes
        if info.st_size > limit:
            return too_large(display, info.st_size, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            return too_large(display, len(data), limit)
        return data
    except OSError as err:
        return ParseProblem(display, f"cannot read file: {err.strerror}")
    finally:
        os.close(fd)


def walk(
    paths: Sequence[Path],
    wanted: Callable[[str], bool],
    excluded: Callable[[str], bool],
    problems: list[ParseProblem],
    *,
    follow_symlinks: bool = False,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Path]:
    """The files named, and the wanted files below the folders named, in a stable order;
    `skip` drops files and folders found in a walk (git's ignores), never a file named."""
    for path in paths:
        if not path.is_dir():
            why = not_regular(path)
            if why is None:
                yield path
            else:
                problems.append(ParseProblem(path.as_posix(), f"{why}, not a regular file"))
            continue
        yield from _walk_folder(path, wanted, excluded, problems, follow_symlinks, skip)


def _walk_folder(
    top: Path,
    wanted: Callable[[str], bool],
    excluded: Callable[[str], bool],
    problems: list[ParseProblem],
    follow_symlinks: bool,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Path]:
    root = top.resolve()
    seen: set[str] = set()

    def unreadable(err: OSError) -> None:
        where = Path(err.filename).as_posix() if err.filename else top.as_posix()
        problems.append(ParseProblem(where, f"cannot read folder: {err.strerror}"))

    for folder, dirs, files in os.walk(top, onerror=unreadable, followlinks=follow_symlinks):
        if follow_symlinks:
            real = os.path.realpath(folder)
            if real in seen:  # a link loop, or a folder reached twice
                dirs[:] = []
                continue
            seen.add(real)
        kept = []
        for name in sorted(dirs):
            if name in _SKIP_DIRS or name.startswith("."):
                continue
            full = Path(folder, name)
            if skip is not None and skip(str(full)):
                continue
            if not follow_symlinks and full.is_symlink():
                if not _inside(full, root):
                    problems.append(_outside(full, top))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            full = Path(folder, name)
            if not wanted(name) or excluded(str(full)) or (skip is not None and skip(str(full))):
                continue
            if full.is_symlink() and not follow_symlinks and not _inside(full, root):
                problems.append(_outside(full, top))
                continue
            why = not_regular(full)
            if why is not None:
                problems.append(
                    ParseProblem(full.as_posix(), f"{why}, not a regular file: skipped")
                )
                continue
            yield full


def _inside(link: Path, root: Path) -> bool:
    try:
        link.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _outside(link: Path, top: Path) -> ParseProblem:
    return ParseProblem(
        link.as_posix(),
        f"symbolic link out of {top.as_posix()}: not followed (pass --follow-symlinks to read it)",
    )


class InputError(InputFileError, ValueError):
    """A file named by the user that cannot be read; the CLI prints it and exits with 2."""


def read_text(path: Path, limits: Limits | None = None) -> str:
    """A UTF-8 text file (a BOM is allowed) read within the limits; raises InputError."""
    data = read_bounded(path, limits or Limits())
    if isinstance(data, ParseProblem):
        raise InputError(f"{data.path}: {data.message}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path.as_posix()}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02x})"
        ) from None
