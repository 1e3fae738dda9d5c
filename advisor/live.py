"""Live analysis: read a PostgreSQL database (or a snapshot of one) and run the live rules.

A live run and a run over the snapshot it saved go through the same `analyze_postgres`, so
both give the same findings. The configuration applies as in `lint`: selection, ignores,
severity overrides and per-rule options.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from advisor.config import Config
from advisor.engine import Engine
from advisor.model import LiveContext, PgSnapshot, Report, RsContext, RsSnapshot, Rule, TargetKind
from connectors.postgres import ConnectorError, ExplainRequest, PostgresSource, read_postgres

POSTGRES_FAMILY = "postgres."


@dataclass(slots=True)
class LiveRun:
    """What one live or snapshot run read and how long each part took."""

    snapshot: PgSnapshot | None = None
    source: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    error: ConnectorError | None = None


def postgres_rules(engine: Engine) -> tuple[Rule, ...]:
    return tuple(r for r in engine.rules if r.meta.family.startswith(POSTGRES_FAMILY))


def _targets(kind: TargetKind, snapshot: PgSnapshot) -> Iterator[object]:
    if kind is TargetKind.TABLE:
        yield from snapshot.tables
    elif kind is TargetKind.INDEX:
        yield from (i for t in snapshot.tables for i in t.indexes)
    elif kind is TargetKind.PLAN:
        yield from snapshot.plans
    elif kind is TargetKind.WORKLOAD:
        if snapshot.workload is not None:
            yield snapshot.workload
    elif kind is TargetKind.CLUSTER:
        yield snapshot


def analyze_postgres(
    snapshot: PgSnapshot, config: Config, rules: Iterable[Rule] | None = None
) -> Report:
    """Run every enabled PostgreSQL rule over a snapshot; findings in a stable order."""
    started = time.perf_counter()
    engine = Engine(config, rules)
    chosen = postgres_rules(engine)
    report = Report(rules_run=tuple(r.id for r in chosen), rules={r.id: r.meta for r in chosen})
    for rule in chosen:
        ctx = LiveContext(snapshot, config.options_for(rule.id, rule.meta.options))
        for target in _targets(rule.meta.target, snapshot):
            for finding in rule.check(target, ctx):
                final = engine.finalise(finding)
                if final is not None:
                    report.findings.append(final)
    report.findings.sort(key=lambda f: f.sort_key)  # stable: rule order within a place
    report.statements = len(snapshot.plans)
    report.timings = {"rules": time.perf_counter() - started}
    return report


def explain_requests(paths: Sequence[Path]) -> list[ExplainRequest]:
    """The statements of SQL files to EXPLAIN, each with its file and first line."""
    import pglast

    requests: list[ExplainRequest] = []
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        for piece in pglast.split(text, only_slices=True):
            start = piece.start
            while start < piece.stop and text[start].isspace():
                start += 1
            line = text.count("\n", 0, start) + 1
            requests.append(ExplainRequest(text[piece], path.as_posix(), line))
    return requests


def read_live(
    source: PostgresSource,
    explain: Sequence[ExplainRequest] = (),
    *,
    analyze_plans: bool = False,
) -> LiveRun:
    """Read the database with a progress display on stderr (only when it is a terminal)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    run = LiveRun(source=f"postgres {source.describe()}")
    started = time.perf_counter()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]postgres[/] {task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        task = progress.add_task("connect", total=None)

        def step(name: str) -> None:
            progress.update(task, description=name)

        try:
            run.snapshot = read_postgres(
                source, explain, analyze_plans=analyze_plans, progress=step
            )
        except ConnectorError as err:
            run.error = err
            run.snapshot = err.partial
    run.timings["read"] = time.perf_counter() - started
    return run


def load_snapshot(path: Path) -> LiveRun:
    from connectors.snapshot import load_postgres

    started = time.perf_counter()
    snapshot = load_postgres(path)
    return LiveRun(
        snapshot=snapshot,
        source=f"postgres snapshot {path.as_posix()}",
        timings={"load": time.perf_counter() - started},
    )


def timing_line(run: LiveRun, report: Report | None) -> str:
    """One line per source: what was read, and how long reading and the rules took."""
    snap = run.snapshot
    parts = [f"{name} {seconds:.2f} s" for name, seconds in run.timings.items()]
    if report is not None:
        parts.append(f"rules {report.timings.get('rules', 0.0):.2f} s")
    counts = ""
    if snap is not None:
        indexes = sum(len(t.indexes) for t in snap.tables)
        statements = len(snap.workload.statements) if snap.workload else 0
        counts = (
            f" ({len(snap.tables)} tables, {indexes} indexes, {statements} statements, "
            f"{len(snap.plans)} plans)"
        )
    return f"advisor: {run.source}: {', '.join(parts)}{counts}"


# --- Redshift ---------------------------------------------------------------------------------

REDSHIFT_FAMILIES = ("redshift.catalog", "redshift.plan", "redshift.workload")


def redshift_rules(engine: Engine, families: Sequence[str] = REDSHIFT_FAMILIES) -> tuple[Rule, ...]:
    return tuple(r for r in engine.rules if r.meta.family in families)


def _redshift_targets(kind: TargetKind, snapshot: RsSnapshot) -> Iterator[object]:
    if kind is TargetKind.TABLE:
        yield from snapshot.tables
    elif kind is TargetKind.PLAN:
        yield from snapshot.plans
    elif kind is TargetKind.WORKLOAD:
        if snapshot.workload is not None:
            yield snapshot.workload
    elif kind is TargetKind.CLUSTER:
        yield snapshot


def analyze_redshift(
    snapshot: RsSnapshot,
    config: Config,
    rules: Iterable[Rule] | None = None,
    families: Sequence[str] = REDSHIFT_FAMILIES,
) -> Report:
    """Run the enabled Redshift catalog, plan and workload rules over a snapshot."""
    started = time.perf_counter()
    engine = Engine(config, rules)
    chosen = redshift_rules(engine, families)
    report = Report(rules_run=tuple(r.id for r in chosen), rules={r.id: r.meta for r in chosen})
    for rule in chosen:
        ctx = RsContext(snapshot, config.options_for(rule.id, rule.meta.options))
        for target in _redshift_targets(rule.meta.target, snapshot):
            for finding in rule.check(target, ctx):
                final = engine.finalise(finding)
                if final is not None:
                    report.findings.append(final)
    report.findings.sort(key=lambda f: f.sort_key)
    report.statements = len(snapshot.plans)
    report.timings = {"rules": time.perf_counter() - started}
    return report


def analyze_plan_files(paths: Sequence[Path], config: Config) -> Report:
    """Run the Redshift plan rules over saved EXPLAIN outputs (several plans per file allowed)."""
    from advisor.sql.explain import parse_plans

    started = time.perf_counter()
    plans = []
    for path in paths:
        plans.extend(parse_plans(path.read_text(encoding="utf-8-sig"), path.as_posix()))
    read = time.perf_counter() - started
    report = analyze_redshift(RsSnapshot(plans=tuple(plans)), config, families=("redshift.plan",))
    report.files = len(paths)
    report.timings = {"read_parse": read, **report.timings}
    return report
