"""How the commands write to a terminal or a pipe: colour by the no-color.org and
force-color.org conventions, and a reader that goes away (`advisor rule X | head`) ends the
run quietly instead of as an error.

Colour: `--color always|never|auto` (bare `--color`: always) and `--no-color` win; then a
non-empty `NO_COLOR` turns colour off and a non-empty `FORCE_COLOR` turns it on; otherwise
colour is on when standard output is a terminal and the report is not written to a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
_NO_COLOR_META = "advisor.no_color"
_SHOW_FIXES_META = "advisor.show_fixes"
WHEN = {"always": True, "never": False, "auto": None}


class ColourWhen(click.Choice):  # type: ignore[type-arg]
    """`always`, `never` or `auto`, converted to True, False or None (decide by the output)."""

    def __init__(self) -> None:
        super().__init__(list(WHEN))

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value is None or isinstance(value, bool):
            return value
        return WHEN[super().convert(value, param, ctx)]


def _no_colour(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_NO_COLOR_META] = True


def colour_options(func: F) -> F:
    """`--color [always|never|auto]` (as the `color` argument: True, False or None) and
    `--no-color`."""
    func = click.option(
        "--no-color",
        is_flag=True,
        expose_value=False,
        callback=_no_colour,
        help="Never colour the output (as --color never).",
    )(func)
    return click.option(
        "--color",
        "color",
        type=ColourWhen(),
        is_flag=False,
        flag_value="always",
        default=None,
        metavar="[always|never|auto]",
        help="Colour the text output [default: auto: when writing to a terminal; NO_COLOR "
        "turns it off, FORCE_COLOR on].",
    )(func)


def use_colour(
    color: bool | None, output: Path | None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to colour, by the flags, then NO_COLOR / FORCE_COLOR, then the terminal."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and any(c.meta.get(_NO_COLOR_META) for c in _chain(ctx)):
        return False
    if color is not None:
        return color
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty()


def _chain(ctx: click.Context) -> list[click.Context]:
    out = []
    current: click.Context | None = ctx
    while current is not None:
        out.append(current)
        current = current.parent
    return out


def closed_pipe() -> None:
    """The reader of standard output has gone: exit 0 without a word (nothing can be said
    on a closed pipe, and Python's own flush at exit must not complain either)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(0)


def _show_fixes(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_SHOW_FIXES_META] = True


def show_fixes_option(func: F) -> F:
    return click.option(
        "--show-fixes",
        is_flag=True,
        expose_value=False,
        callback=_show_fixes,
        help="Print each fix in full, not as a diff of the span it changes.",
    )(func)


def showing_fixes() -> bool:
    ctx = click.get_current_context(silent=True)
    return ctx is not None and any(c.meta.get(_SHOW_FIXES_META) for c in _chain(ctx))
