"""Live analysis: the registry of live systems, and the reads and analyses that loop over it.

Each live system is one `System` entry in `SYSTEMS` (`advisor.live.postgres`, `.redshift`,
`.opensearch`; what they share is in `advisor.live.base`); `read_sources` and `analyze_runs`
loop over the systems a run asks for, so `analyze`, `snapshot`, the TUI and a lint with live
sources read and judge any combination the same way. The contract is in docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from advisor.config import Config
from advisor.live.base import (
    LiveRun,
    ReadOptions,
    Step,
    System,
    Targeted,
    merge_reports,
    run_live_rules,
    terminal_progress,
)
from advisor.live.opensearch import (
    OPENSEARCH,
    OPENSEARCH_LIVE_FAMILIES,
    OsLiveRun,
    analyze_opensearch,
    load_opensearch_snapshot,
    opensearch_rules,
    os_timing_line,
    read_live_opensearch,
    request_files,
    search_requests,
)
from advisor.live.postgres import (
    POSTGRES,
    POSTGRES_FAMILY,
    PgLiveRun,
    analyze_postgres,
    explain_requests,
    load_snapshot,
    postgres_rules,
    read_live,
    timing_line,
)
from advisor.live.redshift import (
    REDSHIFT,
    REDSHIFT_FAMILIES,
    RsLiveRun,
    analyze_plan_files,
    analyze_redshift,
    ddl_columns,
    load_redshift_snapshot,
    read_redshift_live,
    redshift_rules,
    redshift_timing_line,
)
from advisor.model import Report

__all__ = [
    "OPENSEARCH_LIVE_FAMILIES",
    "POSTGRES_FAMILY",
    "REDSHIFT_FAMILIES",
    "SYSTEMS",
    "Analysis",
    "LiveRun",
    "OsLiveRun",
    "PgLiveRun",
    "ReadOptions",
    "RsLiveRun",
    "SourceRun",
    "Step",
    "System",
    "Targeted",
    "Wanted",
    "analyze_opensearch",
    "analyze_plan_files",
    "analyze_postgres",
    "analyze_redshift",
    "analyze_runs",
    "ddl_columns",
    "explain_requests",
    "load_opensearch_snapshot",
    "load_redshift_snapshot",
    "load_snapshot",
    "merge_reports",
    "opensearch_rules",
    "os_timing_line",
    "postgres_rules",
    "read_live",
    "read_live_opensearch",
    "read_redshift_live",
    "read_sources",
    "redshift_rules",
    "redshift_timing_line",
    "request_files",
    "run_live_rules",
    "search_requests",
    "sources",
    "terminal_progress",
    "timing_line",
]

SYSTEMS: dict[str, System] = {system.name: system for system in (POSTGRES, REDSHIFT, OPENSEARCH)}
"""The live systems, in the order their reads and summaries are shown."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """One source a run asks for: a system and its address ("" for the system's default)."""

    system: str
    address: str = ""


def sources(
    wanted: Sequence[Wanted], options: ReadOptions
) -> tuple[list[tuple[System, object]], list[str]]:
    """The connector source of each wanted system, checked before anything is read, and the
    notes to show; an unknown system or a bad address raises an AdvisorError."""
    from advisor.errors import ConfigurationError

    out: list[tuple[System, object]] = []
    notes: list[str] = []
    for want in wanted:
        system = SYSTEMS.get(want.system)
        if system is None:
            raise ConfigurationError(f"no live system named {want.system!r}")
        source, note = system.source(want.address, options)
        out.append((system, source))
        if note:
            notes.append(note)
    return out, notes


@dataclass(slots=True)
class SourceRun:
    """What one source of a run gave: its system, its read (or its snapshot section)."""

    system: System
    run: LiveRun[object]

    @property
    def failure(self) -> str | None:
        return str(self.run.error) if self.run.error is not None else None


def read_sources(
    wanted: Sequence[Wanted],
    options: ReadOptions,
    snapshot: Path | None = None,
    *,
    progress: Step | None = None,
) -> list[SourceRun]:
    """Read every source asked for: the sections of a snapshot file (those of a system also
    read live are left to the live read), then each live system, all at once within the same
    deadline. A source that fails gives a run with its `error` (and what was read before it);
    the others are read all the same. The runs come in the registry's order, snapshot first.

    Raises an AdvisorError only before reading (a bad address, an unreadable snapshot file)."""
    from concurrent.futures import ThreadPoolExecutor

    chosen, _notes = sources(wanted, options)
    runs: list[SourceRun] = []
    if snapshot is not None:
        live_names = {s.name for s, _ in chosen}
        for system in SYSTEMS.values():
            if system.name in live_names:
                continue
            loaded = system.load(snapshot)
            if loaded.snapshot is not None:
                runs.append(SourceRun(system, loaded))
    if not chosen:
        return runs
    order = {name: i for i, name in enumerate(SYSTEMS)}
    chosen.sort(key=lambda pair: order[pair[0].name])
    first, *rest = chosen
    # The first source shows its steps (a terminal shows one live display at a time); the
    # others read beside it, each within the whole deadline.
    with ThreadPoolExecutor(max_workers=max(1, len(rest)), thread_name_prefix="advisor") as pool:
        futures = [
            (system, pool.submit(system.read, source, options, lambda _s: None))
            for system, source in rest
        ]
        runs.append(SourceRun(first[0], first[0].read(first[1], options, progress)))
        runs.extend(SourceRun(system, future.result()) for system, future in futures)
    return runs


@dataclass(slots=True)
class Analysis:
    """The findings of the runs of one read, and what the person should be told."""

    report: Report | None
    runs: list[SourceRun]
    reports: dict[str, Report] = field(default_factory=dict)

    @property
    def failures(self) -> dict[str, str]:
        """The sources that failed: system name -> reason."""
        return {r.system.name: r.failure for r in self.runs if r.failure is not None}

    def summaries(self) -> list[str]:
        """One line per source: what was read, how long reading and its rules took."""
        return [r.system.summary(r.run, self.reports.get(r.system.name)) for r in self.runs]

    def sections(self) -> dict[str, object]:
        """The snapshot sections to save: each source's snapshot by system name."""
        return {r.system.name: r.run.snapshot for r in self.runs}


def analyze_runs(runs: Sequence[SourceRun], config: Config, paths: Sequence[Path] = ()) -> Analysis:
    """Each system's rules over what its source read (a failed read's partial snapshot too),
    merged into one report (None when no source read anything)."""
    analysis = Analysis(None, list(runs))
    for run in runs:
        if run.run.snapshot is not None:
            analysis.reports[run.system.name] = run.system.analyze(run.run.snapshot, config, paths)
    if analysis.reports:
        analysis.report = merge_reports(list(analysis.reports.values()))
    return analysis
