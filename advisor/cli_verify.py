"""`advisor lint --verify-fixes` with `--opensearch URL` and/or `--redshift DSN`: rewritten
request bodies profiled and rewritten queries explained on the live system.

`advisor.verify_os` and `advisor.verify_rs` do the checking; this module declares the options,
builds the checkers from them and prints what they could not check. A system that cannot be
reached is a note on stderr and makes the run exit 2, after the report of every finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import click

from advisor import words
from advisor.cli_options import say

if TYPE_CHECKING:
    from advisor.config import Config
    from advisor.model import Finding, Report
    from advisor.verify_os import Verifier as OsVerifier
    from advisor.verify_rs import RsVerifier

NOTES_SHOWN = 10  # per-fix notes printed before "and N more"
# `advisor.verify_os.DEFAULT_LIMIT`, repeated so that declaring the option does not import the
# verifier (and the OpenSearch model) into every run; a test keeps the two equal.
DEFAULT_LIMIT = 20


def verify_options(func: Callable[..., Any]) -> Callable[..., Any]:
    from advisor.cli_options import apply_options

    return apply_options(
        func,
        [
            click.option(
                "--verify-fixes",
                is_flag=True,
                help="With --opensearch: run each rewritten request body next to the original"
                " on its index (profiled, read-only) and say whether it keeps the results;"
                " one that does not is not offered as a fix to apply. With --redshift: EXPLAIN"
                " each rewritten query next to the original (never run) and state the plan"
                " cost and the steps moving rows of each.",
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


@dataclass(slots=True)
class Verifier:
    """The checkers one run asked for: OpenSearch rewrites, Redshift rewrites, or both."""

    opensearch: OsVerifier | None = None
    redshift: RsVerifier | None = None

    def check(self, report: Report) -> Report:
        if self.opensearch is not None:
            report = self.opensearch.check(report)
        if self.redshift is not None:
            report = replace(report, findings=self.redshift.check(report.findings))
        return report

    def check_text(self, path: str, text: str, findings: list[Finding]) -> list[Finding]:
        if self.opensearch is not None:
            findings = self.opensearch.check_text(path, text, findings)
        if self.redshift is not None:
            findings = self.redshift.check_text(path, text, findings)
        return findings


def verifier_of(
    verify_fixes: bool,
    limit: int,
    opensearch_url: str | None,
    config: Config,
    redshift_dsn: str | None = None,
) -> Verifier | None:
    """The checkers the options ask for (None without --verify-fixes)."""
    if not verify_fixes:
        return None
    if not opensearch_url and not redshift_dsn:
        raise click.UsageError(
            "--verify-fixes needs --opensearch URL or --redshift DSN: the rewrites are checked"
            " on that system (PostgreSQL index advice is checked by"
            " `advisor analyze --dsn DSN --verify-fixes`)"
        )
    verifier = Verifier()
    if opensearch_url:
        from connectors.opensearch import UrlError, normalise_url

        try:
            url, _note = normalise_url(opensearch_url)
        except UrlError as err:
            raise click.BadParameter(str(err), param_hint="--opensearch") from None
        from advisor.verify_os import Verifier as Os
        from advisor.verify_os import cluster_measure

        verifier.opensearch = Os(cluster_measure(url), limit=limit, limits=config.limits)
    if redshift_dsn:
        from advisor.verify_rs import RsVerifier, cluster_explain

        verifier.redshift = RsVerifier(cluster_explain(redshift_dsn), limit=limit)
    return verifier


def check(verifier: Verifier | None, report: Report) -> Report:
    """The report with its rewrites checked."""
    return report if verifier is None else verifier.check(report)


def gate(verifier: Verifier | None) -> Callable[[str, str, list[Finding]], list[Finding]] | None:
    """What `--fix` runs over the findings of each pass: a rewrite that changes the results
    (or does not plan) on the live system is then advice, and is not applied."""
    return None if verifier is None else verifier.check_text


def summary(verifier: Verifier | None) -> bool:
    """Print what the checks found and what they could not check; whether a system could
    not be reached (exit 2)."""
    if verifier is None:
        return False
    failed = False
    if verifier.opensearch is not None:
        failed = _summary_os(verifier.opensearch) or failed
    if verifier.redshift is not None:
        failed = _summary_rs(verifier.redshift) or failed
    return failed


def _notes(notes: list[str]) -> None:
    for note in notes[:NOTES_SHOWN]:
        say(note, limit=None)
    if len(notes) > NOTES_SHOWN:
        more = len(notes) - NOTES_SHOWN
        say(f"and {words.count(more, 'more fix', 'more fixes')} not checked", limit=None)


def _summary_os(verifier: OsVerifier) -> bool:
    _notes(list(verifier.notes))
    counts = verifier.counts()
    parts = [verdict.counted(n) for verdict, n in counts.items() if n]
    ran = f"{words.count(verifier.ran, 'rewrite')} run next to "
    ran += "its original" if verifier.ran == 1 else "their originals"
    say(f"fixes checked on the cluster: {ran}" + "".join(f", {p}" for p in parts), limit=None)
    if verifier.failure is not None:
        say(f"cannot verify fixes: {verifier.failure}", limit=None)
        return True
    return False


def _summary_rs(verifier: RsVerifier) -> bool:
    from advisor.verify_rs import Verdict

    _notes(list(verifier.notes))
    counts = verifier.counts()
    planned = counts[Verdict.PLANNED] + counts[Verdict.REWRITE_FAILS]
    text = f"query rewrites explained on Redshift: {words.count(planned, 'pair')} planned"
    failing = counts[Verdict.REWRITE_FAILS]
    if failing:
        verb = "does" if failing == 1 else "do"
        text += f", {words.count(failing, 'rewrite')} {verb} not plan (not safe)"
    if counts[Verdict.NOT_VERIFIED]:
        text += f", {counts[Verdict.NOT_VERIFIED]} could not be compared"
    say(text, limit=None)
    if verifier.failure is not None:
        say(f"cannot verify fixes: {verifier.failure}", limit=None)
        return True
    return False
