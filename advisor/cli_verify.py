"""`advisor lint --opensearch URL --verify-fixes`: rewritten request bodies checked live.

`advisor.verify_os` does the checking; this module declares the options, builds the checker
from them and prints what it could not check. A cluster that cannot be searched is a note on
stderr and makes the run exit 2, after the report of every finding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from advisor.cli_options import say

if TYPE_CHECKING:
    from advisor.config import Config
    from advisor.model import Finding, Report
    from advisor.verify_os import Verifier

NOTES_SHOWN = 10  # per-fix notes printed before "and N more"


def verify_options(func: Callable[..., Any]) -> Callable[..., Any]:
    from advisor.cli_options import apply_options
    from advisor.verify_os import DEFAULT_LIMIT

    return apply_options(
        func,
        [
            click.option(
                "--verify-fixes",
                is_flag=True,
                help="With --opensearch: run each rewritten request body next to the original"
                " on its index (profiled, read-only) and say whether it keeps the results;"
                " one that does not is not offered as a fix to apply.",
            ),
            click.option(
                "--verify-limit",
                type=click.IntRange(min=1),
                default=DEFAULT_LIMIT,
                show_default=True,
                metavar="N",
                help="With --verify-fixes: check at most N rewrites in one run.",
            ),
        ],
    )


def verifier_of(
    verify_fixes: bool, limit: int, opensearch_url: str | None, config: Config
) -> Verifier | None:
    """The checker the options ask for (None without --verify-fixes)."""
    if not verify_fixes:
        return None
    if not opensearch_url:
        raise click.UsageError(
            "--verify-fixes needs --opensearch URL: the rewrites are run on that cluster"
        )
    from connectors.opensearch import UrlError, normalise_url

    try:
        url, _note = normalise_url(opensearch_url)
    except UrlError as err:
        raise click.BadParameter(str(err), param_hint="--opensearch") from None
    from advisor.verify_os import Verifier, cluster_measure

    return Verifier(cluster_measure(url), limit=limit, limits=config.limits)


def check(verifier: Verifier | None, report: Report) -> Report:
    """The report with its DSL fixes checked."""
    return report if verifier is None else verifier.check(report)


def gate(verifier: Verifier | None) -> Callable[[str, str, list[Finding]], list[Finding]] | None:
    """What `--fix` runs over the findings of each pass: a rewrite that changes the results
    on the cluster is then advice, and is not applied."""
    return None if verifier is None else verifier.check_text


def summary(verifier: Verifier | None) -> bool:
    """Print what the checks found and what they could not check; whether the cluster could
    not be searched (exit 2)."""
    if verifier is None:
        return False
    notes = list(verifier.notes)
    for note in notes[:NOTES_SHOWN]:
        say(note, limit=None)
    if len(notes) > NOTES_SHOWN:
        say(f"and {len(notes) - NOTES_SHOWN} more fixes not checked", limit=None)
    counts = verifier.counts()
    parts = [f"{n} {verdict.counted}" for verdict, n in counts.items() if n]
    ran = f"{verifier.ran} rewrite(s) run next to their original"
    say(f"fixes checked on the cluster: {ran}" + "".join(f", {p}" for p in parts), limit=None)
    if verifier.failure is not None:
        say(f"cannot verify fixes: {verifier.failure}", limit=None)
        return True
    return False
