"""`advisor analyze --verify-fixes`: PostgreSQL index recommendations tried as hypothetical
indexes before they are reported.

`advisor.verify_pg` says which findings and statements, and what the finding then says;
`connectors.postgres_whatif` holds the session (one transaction, always rolled back). This
module declares the options, builds the check from them and prints its one-line summary.

- `--verify-fixes` asks for it (off by default: it opens one more session on the database).
- `--allow-extension hypopg` lets that session create HypoPG when the database does not have
  it, inside the transaction that is rolled back; without it a database without hypopg gets
  "not checked" on each index finding, with the reason.
- Fixes are checked only against a live database: findings from `--snapshot` say so.
- A session that fails (the connection, the deadline) leaves the findings "not checked" and
  makes the run exit 2, like a failed read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from advisor.cli_options import apply_options

if TYPE_CHECKING:
    from advisor.cli_analyze import Asked
    from advisor.live import ReadOptions, SourceRun
    from advisor.model import Report
    from advisor.model_postgres import PgSnapshot, WhatIfIndex, WhatIfRun
    from advisor.verify_pg import VerifyOptions
    from connectors.postgres import PostgresSource

F = Callable[..., Any]

SNAPSHOT_ONLY = "fixes are checked only against a live database, not a snapshot"
# `advisor.verify_pg.EXTENSIONS`, repeated so that declaring the options does not import the
# verifier into every command; a test keeps the two equal.
EXTENSIONS = ("hypopg",)


def options(func: F) -> F:
    """The options of `analyze` that ask for the check."""
    return apply_options(
        func,
        [
            click.option(
                "--verify-fixes",
                is_flag=True,
                help="Try each PostgreSQL index recommendation as a hypothetical index "
                "(HypoPG) and state the planner's cost of the affected statements before "
                "and after (EXPLAIN only, in a transaction that is rolled back).",
            ),
            click.option(
                "--allow-extension",
                "allow_extensions",
                multiple=True,
                type=click.Choice(EXTENSIONS),
                metavar="NAME",
                help="With --verify-fixes: create this extension (hypopg) for the check when "
                "the database lacks it, inside the transaction that is rolled back.",
            ),
        ],
    )


@dataclass(frozen=True, slots=True)
class Verified:
    """A report after the check, the line that sums it up, and whether the session failed."""

    report: Report
    notes: tuple[str, ...] = ()
    failed: bool = False


Hook = Callable[["Report", "Sequence[SourceRun]"], Verified]


def check(
    report: Report,
    snapshot: PgSnapshot | None,
    source: PostgresSource | None,
    allow_extension: bool = False,
    why_not: str = "",
) -> Verified:
    """The report with its index recommendations judged on the live database at `source`
    (None: they come from a snapshot, and say so)."""
    from advisor.verify_pg import VerifyOptions, verify_report

    options = VerifyOptions(allow_extension=allow_extension)
    failed: list[bool] = []
    session = None
    if source is not None and not why_not:
        session = _session(source, options, failed)
    elif not why_not:
        why_not = SNAPSHOT_ONLY
    checked, summary = verify_report(report, snapshot, session, options, why_not)
    return Verified(checked, (summary,) if summary else (), any(failed))


def _session(
    source: PostgresSource, options: VerifyOptions, failed: list[bool]
) -> Callable[[Sequence[WhatIfIndex]], WhatIfRun]:
    from connectors.postgres_whatif import check_indexes

    def run(indexes: Sequence[WhatIfIndex]) -> WhatIfRun:
        outcome = check_indexes(source, indexes, allow_extension=options.allow_extension)
        # A database without the extension is an answer; a session that could not run (the
        # connection, the deadline, the statement bound) is a failure of the run.
        if outcome.error and outcome.extension not in ("missing", "unavailable"):
            failed.append(True)
        return outcome

    return run


def hook(
    verify_fixes: bool,
    allow_extensions: Sequence[str],
    asked: Asked,
    read_options: ReadOptions,
) -> Hook | None:
    """What `analyze` runs over its report after the baseline (None without --verify-fixes):
    the PostgreSQL source's findings judged on the database it read live."""
    if allow_extensions and not verify_fixes:
        raise click.UsageError("--allow-extension is for --verify-fixes: add it, or drop it")
    if not verify_fixes:
        return None
    allow = "hypopg" in allow_extensions

    def run(report: Report, runs: Sequence[SourceRun]) -> Verified:
        from advisor import live
        from advisor.model_postgres import PgSnapshot
        from connectors.postgres import PostgresSource

        read = next((r for r in runs if r.system.name == "postgres"), None)
        if read is None or read.run.snapshot is None:
            return Verified(report)
        snapshot = read.run.snapshot
        assert isinstance(snapshot, PgSnapshot)
        if not any(w.system == "postgres" for w in asked.wanted(read_options)):
            return check(report, snapshot, None, allow)
        if read.run.error is not None:
            return check(report, snapshot, None, allow, "the database was not read whole")
        source, _note = live.SYSTEMS["postgres"].source(asked.dsn or "", read_options)
        assert isinstance(source, PostgresSource)
        return check(report, snapshot, source, allow)

    return run
