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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from advisor.cli_options import apply_options, say

if TYPE_CHECKING:
    from advisor.model import Report
    from advisor.model_postgres import PgSnapshot, WhatIfIndex, WhatIfRun
    from connectors.postgres import PostgresSource

F = Callable[..., Any]

SNAPSHOT_ONLY = "fixes are checked only against a live database, not a snapshot"


def options(func: F) -> F:
    """The options of `analyze` that ask for the check."""
    from advisor.verify_pg import EXTENSIONS

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


@dataclass(slots=True)
class PgVerifier:
    """The check of one run: where to connect (None: the findings come from a snapshot) and
    how far it may go; `failed` is set when the session could not run."""

    source: PostgresSource | None
    allow_extension: bool = False
    failed: bool = False
    summaries: list[str] = field(default_factory=list)

    def check(self, report: Report, snapshot: PgSnapshot | None, why_not: str = "") -> Report:
        """The report with its index recommendations judged; prints the summary line."""
        from advisor.verify_pg import VerifyOptions, verify_report

        options = VerifyOptions(allow_extension=self.allow_extension)
        check = self._session(options) if self.source is not None and not why_not else None
        if check is None and not why_not:
            why_not = SNAPSHOT_ONLY
        checked, summary = verify_report(report, snapshot, check, options, why_not)
        if summary:
            self.summaries.append(summary)
            say(summary)
        return checked

    def _session(self, options: Any) -> Callable[[Sequence[WhatIfIndex]], WhatIfRun]:
        from connectors.postgres_whatif import check_indexes

        source = self.source
        assert source is not None

        def run(indexes: Sequence[WhatIfIndex]) -> WhatIfRun:
            outcome = check_indexes(source, indexes, allow_extension=options.allow_extension)
            # A database without the extension is an answer; a session that could not run
            # (connection, deadline, the statement bound) is a failure of the run.
            if outcome.error and outcome.extension not in ("missing", "unavailable"):
                self.failed = True
            return outcome

        return run


def verifier_of(
    verify_fixes: bool, allow_extensions: Sequence[str], source: PostgresSource | None
) -> PgVerifier | None:
    """The check the options ask for (None without --verify-fixes); `source`: the live
    database the run reads (None when it reads none)."""
    if allow_extensions and not verify_fixes:
        raise click.UsageError("--allow-extension is for --verify-fixes: add it, or drop it")
    if not verify_fixes:
        return None
    return PgVerifier(source, allow_extension="hypopg" in allow_extensions)
