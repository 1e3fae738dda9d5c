"""What the commands share beyond argument parsing: checked option types, safe messages, and
writes that never leave a truncated file.

`Seconds` accepts only positive, finite numbers of seconds (`0`, `inf`, `nan` and negative
values are usage errors, exit 2); `HistoryWindow` a duration such as `7d` or `36h` (`--since`).
`say` prints a message on stderr with credentials masked
and control characters shown (a hostile server's answer cannot paint the terminal).
`write_file` writes a report, snapshot or baseline atomically and turns a failed write into
a one-line error.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from advisor import atomic
from advisor.printable import bounded, printable
from advisor.redact import redact

F = TypeVar("F", bound=Callable[..., Any])

MAX_SECONDS = 7 * 24 * 3600.0


class Seconds(click.ParamType):  # type: ignore[type-arg]
    """A positive, finite number of seconds (at most a week)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(number) or number <= 0 or number > MAX_SECONDS:
            self.fail(
                f"{printable(str(value))} is not a positive, finite number of seconds "
                f"(at most {MAX_SECONDS:g})",
                param,
                ctx,
            )
        return number


SECONDS = Seconds()


# The history window of a live Redshift read (`--since`): a duration back from now.
MAX_SINCE_DAYS = 366.0
_SINCE_UNITS = {"m": 1 / 1440, "h": 1 / 24, "d": 1.0, "w": 7.0}


def parse_since(text: str) -> float:
    """The days of a history window: a number and a unit, `m` (minutes), `h` (hours), `d`
    (days) or `w` (weeks), such as `7d`, `36h`, `90m` or `2w`; a bare number is days.
    Raises ValueError with what was wrong (not positive, longer than a year, no number)."""
    raw = str(text).strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)\s*([mhdw]?)", raw)
    if match is None:
        raise ValueError(
            f"{text!r} is not a history window: give a duration such as 7d, 36h, 90m or 2w"
        )
    days = float(match.group(1)) * _SINCE_UNITS[match.group(2) or "d"]
    if not math.isfinite(days) or days <= 0:
        raise ValueError(f"{text!r} is not a history window: it must be longer than zero")
    if days > MAX_SINCE_DAYS:
        raise ValueError(f"{text!r} is not a history window: at most {MAX_SINCE_DAYS:g} days")
    return days


class HistoryWindow(click.ParamType):  # type: ignore[type-arg]
    """A history window such as 7d, 36h, 90m or 2w (`parse_since`); the value is its length
    in days (advisor.live.ReadOptions.since_days)."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, float):
            return value
        try:
            return parse_since(printable(str(value)))
        except ValueError as err:
            self.fail(str(err), param, ctx)


HISTORY_WINDOW = HistoryWindow()


def say(message: object, secrets: tuple[str, ...] = (), *, limit: int | None = 600) -> None:
    """One line on stderr, credentials masked, control characters shown, length capped
    (`limit=None`: our own summary lines, which name only what was read)."""
    text = redact(str(message), secrets)
    shown = printable(text) if limit is None else bounded(text, limit)
    click.echo(f"advisor: {shown}", err=True)


def clean(message: object, secrets: tuple[str, ...] = ()) -> str:
    """A message fit to show in a status line or notification: masked, printable, capped."""
    return bounded(redact(str(message), secrets))


class WriteError(click.ClickException):
    exit_code = 2


def check_folder(path: Path | None) -> None:
    """Refuse a file to write whose folder is missing, before any work (a live read can take
    minutes; the same error after it would waste them)."""
    if path is None:
        return
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise WriteError(
            f"cannot write {printable(str(path))}: the folder {printable(str(folder))} {what} "
            "(create it first)"
        )


def write_file(path: Path, text: str) -> None:
    """Write `path` whole or not at all; a failure is a clear error (exit 2), old file kept."""
    check_folder(path)
    try:
        atomic.write_text(path, text)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise WriteError(
            f"cannot write {printable(str(path))}: {reason}; the old file, if any, is unchanged"
        ) from None


class Deadline:
    """The time left of one overall deadline shared by the sources of a run."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left for the next source (a small floor so it still reports its failure)."""
        return max(0.2, self.ends - time.monotonic())


def apply_options(func: F, options: Sequence[Callable[[Any], Any]]) -> F:
    """`func` decorated with click `options`, the first of them outermost (as if written above
    it in that order), so `--help` lists them in the order given."""
    decorated: Any = func
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)
