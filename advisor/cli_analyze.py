"""`advisor analyze` and `advisor snapshot`: which live sources a run asks for, read through
the registry of systems (`advisor.live.SYSTEMS`), judged, reported and saved.

Any combination of `--dsn`, `--redshift`, `--opensearch` and `--snapshot` is one run: every
source is read, a source that fails gives a note (and exit code 2) while the others' findings
are still reported, and nothing is ever built from a read that returned no data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor import cli_files, live
from advisor.cli_options import say
from advisor.config import Config
from advisor.errors import AdvisorError
from advisor.model import Report

if TYPE_CHECKING:
    from advisor import cli_verify_pg


@dataclass(frozen=True, slots=True)
class Asked:
    """The live options of a command line: an address per system (None: not asked)."""

    dsn: str | None = None
    redshift: str | None = None
    opensearch: str | None = None
    snapshot: Path | None = None

    def wanted(self, options: live.ReadOptions) -> list[live.Wanted]:
        """The systems to read live. PostgreSQL is read (from --dsn or the PG* environment)
        when nothing else is asked for, or when a PostgreSQL-only option says so."""
        others = (
            self.redshift is not None or self.opensearch is not None or self.snapshot is not None
        )
        postgres = (
            self.dsn is not None
            or bool(options.explain)
            or options.analyze_plans
            or not others
            or (bool(options.schemas) and self.redshift is None and self.snapshot is None)
        )
        wanted = []
        if postgres:
            wanted.append(live.Wanted("postgres", self.dsn or ""))
        if self.redshift is not None:
            wanted.append(live.Wanted("redshift", self.redshift))
        if self.opensearch is not None:
            wanted.append(live.Wanted("opensearch", self.opensearch))
        return wanted


def check_usage(asked: Asked, options: live.ReadOptions) -> None:
    if options.profile and asked.opensearch is None:
        raise click.UsageError("--profile needs --opensearch URL")
    if options.request_paths and asked.opensearch is None and asked.snapshot is None:
        raise click.UsageError("request files need --opensearch URL (or --snapshot FILE)")


def read(asked: Asked, options: live.ReadOptions) -> list[live.SourceRun]:
    """Read what was asked; a bad address is a usage error, named before anything is read."""
    wanted = asked.wanted(options)
    try:
        _sources, notes = live.sources(wanted, options)
    except AdvisorError as err:
        raise click.UsageError(str(err)) from None
    for note in notes:
        say(note)
    runs = live.read_sources(wanted, options, asked.snapshot)
    if asked.snapshot is not None and not runs:
        names = list(live.SYSTEMS)
        say(f"{asked.snapshot}: no {', '.join(names[:-1])} or {names[-1]} section")
        sys.exit(2)
    return runs


@dataclass(frozen=True, slots=True)
class Output:
    """How a command reports: the emitter and the CI options (baseline, exit code)."""

    emit: Callable[[Report, Sequence[Path]], None]
    exit_code: Callable[[Report], int]
    baseline: Path | None = None
    update_baseline: bool = False
    prune: bool = False
    # Run over the report after the baseline, before it is emitted (--verify-fixes).
    verify: cli_verify_pg.Hook | None = None


def analyze(
    asked: Asked,
    options: live.ReadOptions,
    config: Config,
    output: Output,
    save_snapshot: Path | None = None,
) -> int:
    """The whole `analyze` run; returns its exit code."""
    check_usage(asked, options)
    if save_snapshot is not None:
        cli_files.check_snapshot_target(save_snapshot, False, "remove it or name another file")
    if output.baseline is None and output.update_baseline:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    partial = cli_files.partial_sections(asked.snapshot) if asked.snapshot is not None else {}
    runs = read(asked, options)
    notes: Sequence[str] = ()
    verify_failed = False
    analysis = live.analyze_runs(runs, config, options.request_paths)
    failures = analysis.failures
    report = analysis.report
    if report is not None:
        if save_snapshot is not None:
            cli_files.save_snapshot(save_snapshot, analysis.sections(), failures)
        if output.update_baseline and (failures or partial):
            say("a source was not read whole: the baseline is not updated")
        else:
            report = cli_files.baseline_step(
                report, output.baseline, output.update_baseline, options.request_paths, output.prune
            )
            if output.verify is not None:
                verified = output.verify(report, runs)
                report, notes, verify_failed = verified.report, verified.notes, verified.failed
            output.emit(report, [*options.request_paths, *options.explain])
    for line in analysis.summaries():
        say(line.removeprefix("advisor: "), limit=None)
    for error in failures.values():
        say(error)
    for note in notes:
        say(note)
    if partial:
        say(cli_files.partial_note(asked.snapshot, partial))
    if failures or partial or report is None or verify_failed:
        return 2
    return output.exit_code(report)


def snapshot(asked: Asked, options: live.ReadOptions, target: Path) -> int:
    """The whole `snapshot` run: read what was asked and save it; returns its exit code."""
    check_usage(asked, options)
    runs = read(asked, options)
    for run in runs:
        say(run.system.summary(run.run, None).removeprefix("advisor: "), limit=None)
    failures = {r.system.name: f for r in runs if (f := r.failure) is not None}
    for error in failures.values():
        say(error)
    sections = {r.system.name: r.run.snapshot for r in runs}
    cli_files.save_snapshot(target, sections, failures)
    if failures:
        return 2
    say(f"wrote snapshot {target}")
    return 0
