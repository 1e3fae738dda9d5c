"""Live sources of the TUI: a database, a cluster or a snapshot file read beside the lint.

Each source reads through `advisor.live` (the same functions as `advisor analyze`) and gives
an Outcome: its findings, the snapshots it read and the reason it stopped early, if it did.
What was read before a failure is kept. Nothing here imports Textual; the app runs each
source's `read` in its own worker, with a callback that receives the name of each step.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from advisor.model import Finding, Report
from advisor.printable import bounded, printable
from advisor.redact import redact

if TYPE_CHECKING:
    from advisor import live
    from advisor.config import Config
    from advisor.model_opensearch import OsSnapshot
    from advisor.model_postgres import PgSnapshot
    from advisor.model_redshift import RsSnapshot
else:

    class _OnFirstUse(ModuleType):
        """`advisor.live` imported when a source first reads: it brings the connectors, the
        database drivers and the parsers, which the first screen does not need."""

        def __getattr__(self, name: str) -> Any:
            return getattr(importlib.import_module(self.__name__), name)

    live = _OnFirstUse("advisor.live")


@dataclass(frozen=True, slots=True)
class Snapshots:
    """What the live sources read, one snapshot per kind of system (None when not read)."""

    postgres: PgSnapshot | None = None
    opensearch: OsSnapshot | None = None
    redshift: RsSnapshot | None = None

    def merged(self, other: Snapshots) -> Snapshots:
        return Snapshots(
            self.postgres or other.postgres,
            self.opensearch or other.opensearch,
            self.redshift or other.redshift,
        )

    @property
    def empty(self) -> bool:
        return self.postgres is None and self.opensearch is None and self.redshift is None


@dataclass(slots=True)
class Outcome:
    """What one source gave; `error` is the reason it stopped (its partial results are kept)."""

    name: str
    report: Report | None = None
    snapshots: Snapshots = field(default_factory=Snapshots)
    error: str | None = None
    summary: str = ""


Step = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class LiveSource:
    """A named read, run in a worker thread; `read(step)` calls `step` with each step's name."""

    name: str
    read: Callable[[Step], Outcome]


def _summary(line: str) -> str:
    # The timing lines are written for stderr ("advisor: postgres …: read 0.12 s (…)").
    return printable(redact(line.removeprefix("advisor: ")))


def shown(error: object) -> str:
    """An error fit for the status line and a notification: credentials masked, control
    characters shown as text, a server's long answer capped."""
    return bounded(redact(str(error)))


def postgres_source(
    source: Any, config: Config, explain: Sequence[Path] = (), *, analyze_plans: bool = False
) -> LiveSource:
    """A PostgreSQL database (`source` is a connectors PostgresSource), with plans of `explain`."""

    def read(step: Step) -> Outcome:
        run = live.read_live(
            source, live.explain_requests(explain), analyze_plans=analyze_plans, progress=step
        )
        report = live.analyze_postgres(run.snapshot, config) if run.snapshot else None
        return Outcome(
            "postgres",
            report,
            Snapshots(postgres=run.snapshot),
            shown(run.error) if run.error else None,
            _summary(live.timing_line(run, report)),
        )

    return LiveSource("postgres", read)


def opensearch_source(
    source: Any, config: Config, paths: Sequence[Path] = (), profile: Sequence[Path] = ()
) -> LiveSource:
    """An OpenSearch cluster: request files under `paths` validated, `profile` files profiled."""

    def read(step: Step) -> Outcome:
        files = live.request_files(paths)
        profiled = live.search_requests(list(profile))
        checked = live.search_requests(files) + profiled
        run = live.read_live_opensearch(source, checked, profile=profiled, progress=step)
        report = live.analyze_opensearch(run.snapshot, config, files) if run.snapshot else None
        return Outcome(
            "opensearch",
            report,
            Snapshots(opensearch=run.snapshot),
            shown(run.error) if run.error else None,
            _summary(live.os_timing_line(run, report)),
        )

    return LiveSource("opensearch", read)


def redshift_source(source: Any, config: Config) -> LiveSource:
    """A Redshift cluster's system views (`source` is a connectors RedshiftSource)."""

    def read(step: Step) -> Outcome:
        run = live.read_redshift_live(source, progress=step)
        report = live.analyze_redshift(run.snapshot, config) if run.snapshot else None
        return Outcome(
            "redshift",
            report,
            Snapshots(redshift=run.snapshot),
            shown(run.error) if run.error else None,
            _summary(live.redshift_timing_line(run, report)),
        )

    return LiveSource("redshift", read)


def snapshot_source(path: Path, config: Config, paths: Sequence[Path] = ()) -> LiveSource:
    """A snapshot file written by `advisor snapshot`: every section it holds."""

    def read(step: Step) -> Outcome:
        step("loading")
        pg = live.load_snapshot(path)
        os_run = live.load_opensearch_snapshot(path)
        rs = live.load_redshift_snapshot(path)
        reports: list[Report] = []
        lines: list[str] = []
        if pg.snapshot is not None:
            reports.append(live.analyze_postgres(pg.snapshot, config))
            lines.append(_summary(live.timing_line(pg, reports[-1])))
        if os_run.snapshot is not None:
            files = live.request_files(paths)
            reports.append(live.analyze_opensearch(os_run.snapshot, config, files))
            lines.append(_summary(live.os_timing_line(os_run, reports[-1])))
        if rs.snapshot is not None:
            reports.append(live.analyze_redshift(rs.snapshot, config))
            lines.append(_summary(live.redshift_timing_line(rs, reports[-1])))
        snapshots = Snapshots(pg.snapshot, os_run.snapshot, rs.snapshot)
        error = None if reports else f"{path}: no postgres, opensearch or redshift section"
        report = live.merge_reports(reports) if reports else None
        return Outcome("snapshot", report, snapshots, error, "; ".join(lines))

    return LiveSource("snapshot", read)


def _key(finding: Finding) -> tuple[object, ...]:
    return (finding.rule_id, finding.location, finding.object, finding.message)


def combine(lint: Report | None, outcomes: Iterable[Outcome]) -> tuple[Report, Snapshots]:
    """One report from the lint and every source, without findings found twice (a request file
    linted both alone and with the cluster's mappings), and the snapshots read."""
    reports = [lint] if lint is not None else []
    snapshots = Snapshots()
    for outcome in outcomes:
        if outcome.report is not None:
            reports.append(outcome.report)
        snapshots = snapshots.merged(outcome.snapshots)
    if not reports:
        return Report(), snapshots
    if len(reports) == 1:
        # The lint alone (the usual first screen): no merging, and advisor.live stays unloaded.
        return reports[0], snapshots
    report = live.merge_reports(reports)
    seen: set[tuple[object, ...]] = set()
    unique = []
    for finding in report.findings:
        key = _key(finding)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    report.findings = unique
    return report, snapshots


@dataclass(slots=True)
class Session:
    """What the views show, kept up to date by the app as the lint and the sources finish."""

    report: Report = field(default_factory=Report)
    snapshots: Snapshots = field(default_factory=Snapshots)
    # One line per source: running, what it read, or why it failed.
    status: dict[str, str] = field(default_factory=dict)

    def status_line(self) -> str:
        return "   ".join(f"{name}: {line}" for name, line in self.status.items())
