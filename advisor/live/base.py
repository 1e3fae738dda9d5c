"""What every live system shares: a run of one read (or of a snapshot section), the progress
callback, the timing line's start, the rule loop over a snapshot, and the shape of a system's
entry in the registry (`System`, `ReadOptions`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from advisor.config import Config
from advisor.engine import RuleRunner
from advisor.model import Report, Rule, TargetKind
from advisor.model_live import LiveContext


class Targeted(Protocol):
    """A snapshot: it says which targets of each kind it holds."""

    def targets(self, kind: TargetKind) -> Iterable[object]: ...


@contextmanager
def terminal_progress(label: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the current step of a live read (off when not a terminal);
    yields the callback that the connectors call with each step's name."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{label}[/] {{task.description}}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        task = progress.add_task("connect", total=None)

        def step(name: str) -> None:
            progress.update(task, description=name)

        yield step


Step = Callable[[str], None]


@contextmanager
def _steps(label: str, progress: Step | None) -> Iterator[Step]:
    """The given step callback (the TUI's), or a spinner on stderr when none is given."""
    if progress is not None:
        yield progress
    else:
        with terminal_progress(label) as step:
            yield step


S = TypeVar("S")


@dataclass(slots=True)
class LiveRun(Generic[S]):
    """What one live or snapshot read of a source returned, and how long each part took."""

    snapshot: S | None = None
    source: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    error: Exception | None = None


def load_run(label: str, loader: Callable[[Path], S | None], path: Path) -> LiveRun[S]:
    """A snapshot file read back as a run of its source, timed like a live read."""
    started = time.perf_counter()
    snapshot = loader(path)
    return LiveRun(
        snapshot=snapshot,
        source=f"{label} snapshot {path.as_posix()}",
        timings={"load": time.perf_counter() - started},
    )


def read_run(
    label: str,
    source: str,
    progress: Step | None,
    read: Callable[[Step], S],
    failure: type[Exception],
) -> LiveRun[S]:
    """A timed live read that names each step to `progress` (default: a spinner on stderr,
    shown only when it is a terminal); a `failure` (a connector's error) keeps its `partial`
    snapshot, what was read before it."""
    run: LiveRun[S] = LiveRun(source=f"{label} {source}")
    started = time.perf_counter()
    with _steps(label, progress) as step:
        try:
            run.snapshot = read(step)
        except failure as err:
            run.error = err
            run.snapshot = getattr(err, "partial", None)
    run.timings["read"] = time.perf_counter() - started
    return run


def timing_start(run: LiveRun[S], report: Report | None) -> str:
    """The start of a timing line: the source, then how long reading and the rules took."""
    parts = [f"{name} {seconds:.2f} s" for name, seconds in run.timings.items()]
    if report is not None:
        parts.append(f"rules {report.timings.get('rules', 0.0):.2f} s")
    return f"advisor: {run.source}: {', '.join(parts)}"


def run_live_rules(snapshot: Targeted, rules: Sequence[Rule], config: Config) -> Report:
    """Every live rule of `rules` over the targets a snapshot holds, through the engine's loop;
    each rule gets one context: the snapshot and its options."""
    runner = RuleRunner(rules, config, select=False)
    contexts = {r.id: LiveContext(snapshot, runner.options(r)) for r in runner.rules}
    return runner.report(snapshot.targets, lambda rule, _target: contexts[rule.id])


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report from the reports of several sources (PostgreSQL, OpenSearch)."""
    if len(reports) == 1:
        return reports[0]
    merged = Report()
    for report in reports:
        merged.findings.extend(report.findings)
        merged.files += report.files
        merged.statements += report.statements
        merged.rules_run += tuple(r for r in report.rules_run if r not in merged.rules_run)
        merged.rules.update(report.rules)
        for name, seconds in report.timings.items():
            merged.timings[name] = merged.timings.get(name, 0.0) + seconds
    merged.findings.sort(key=lambda f: f.sort_key)
    return merged


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How a run reads its live sources; each system takes the options that apply to it.
    `since_days`: the history window of a Redshift read (`--since`), in days back from now."""

    schemas: tuple[str, ...] = ()
    top: int = 50
    statement_timeout: float = 10.0
    connect_timeout: float = 5.0
    deadline: float = 300.0
    os_timeout: float = 10.0
    explain: tuple[Path, ...] = ()
    analyze_plans: bool = False
    profile: tuple[Path, ...] = ()
    request_paths: tuple[Path, ...] = ()
    since_days: float = 7.0  # the default of `--since` (7d)


@dataclass(frozen=True, slots=True)
class System:
    """One live system: how to reach it, read it, load its snapshot section, judge and
    summarise what was read.

    - `source(address, options)`: the connector's source for an address (a DSN, a URL), with
      a note to show (or ""); a bad address raises an `AdvisorError`.
    - `read(source, options, progress)`: one read, naming each step to `progress`; a failure
      is kept in the run's `error` with what was read before it, never raised.
    - `load(path)`: its section of a snapshot file (the run's snapshot is None without one).
    - `analyze(snapshot, config, paths)`: its rules over a snapshot (`paths`: files the
      system also judges, OpenSearch's request files).
    - `summary(run, report)`: the line that says what was read and how long it took.
    - `families`: the rule families that run over its snapshot.
    """

    name: str
    families: tuple[str, ...]
    source: Callable[[str, ReadOptions], tuple[object, str]]
    read: Callable[[object, ReadOptions, Step | None], LiveRun[object]]
    load: Callable[[Path], LiveRun[object]]
    analyze: Callable[[object, Config, Sequence[Path]], Report]
    summary: Callable[[LiveRun[object], Report | None], str]


def connect_seconds(seconds: float) -> int:
    """libpq's connect_timeout is whole seconds (0 would mean: wait for ever)."""
    import math

    return max(1, math.ceil(seconds))
