"""Files written whole or not at all: reports, snapshots and baselines.

`write_text` writes to a temporary file in the target's folder, flushes it to disk (fsync)
and renames it over the target, so a full disk, a file-size limit or an interrupted run leaves
the old file as it was, never a truncated one. The new file keeps the old one's permissions
(a new file gets the usual ones, as the umask allows). A symbolic link at the target is
replaced by the file, never written through. Imports nothing of the project.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` in one step; on any error the old file is left intact and
    the error (an OSError) is raised."""
    data = text.encode(encoding)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        old = path.lstat()
        mode = stat.S_IMODE(old.st_mode) if stat.S_ISREG(old.st_mode) else _default_mode()
    except FileNotFoundError:
        mode = _default_mode()
    import tempfile  # only a write needs it; lint that prints to the terminal does not

    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where we can
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
