"""Input the commands refuse to treat as "nothing found": a folder with no file the advisor
reads, a plan file with no plan. A green run that checked nothing is worse than a red one, so
each is one line on stderr naming what was looked for, and exit code 2 unless `--allow-empty`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from advisor.cli_options import say
from advisor.model import Report

ALLOW_EMPTY_HELP = "Exit 0 (not 2) when the paths hold no file the advisor reads."


def allow_empty_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option("--allow-empty", is_flag=True, help=ALLOW_EMPTY_HELP)(func)


def lint_looked_for() -> str:
    from advisor.dsl.sniff import DSL_SUFFIXES
    from advisor.engine import SQL_SUFFIXES

    sql = ", ".join(f"*{s}" for s in SQL_SUFFIXES)
    dsl = ", ".join(f"*{s}" for s in DSL_SUFFIXES)
    return f"SQL files ({sql}) and OpenSearch request files ({dsl})"


def check_lint_input(report: Report, paths: Sequence[Path], allow_empty: bool) -> None:
    """Exit 2 when a lint run read no file at all (and nothing was reported unreadable)."""
    if report.files or report.findings or allow_empty:
        return
    named = ", ".join(p.as_posix() for p in paths)
    say(
        f"no file to lint in {named}: looked for {lint_looked_for()}, after `exclude` and "
        "git's ignores (--no-respect-gitignore lints ignored files; --allow-empty accepts "
        "an empty run)",
        limit=None,
    )
    sys.exit(2)


def check_plans(report: Report, files: Sequence[Path], allow_empty: bool) -> None:
    """Exit 2 when `advisor explain` found no EXPLAIN plan in any of its files (a plan
    report counts its plans where other runs count statements)."""
    if report.statements or allow_empty:
        return
    named = ", ".join(p.as_posix() for p in files)
    say(
        f"no EXPLAIN plan in {named}: looked for Redshift plan operator lines "
        "(`XN Seq Scan on t  (cost=...)`, `->  XN Hash Join ...`); --allow-empty accepts "
        "this",
        limit=None,
    )
    sys.exit(2)
