"""Live analysis: read a PostgreSQL database (or a snapshot of one) and run the live rules.

A live run and a run over the snapshot it saved go through the same `analyze_postgres`, so
both give the same findings. The configuration applies as in `lint`: selection, ignores,
severity overrides and per-rule options.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from advisor.config import Config
from advisor.engine import Engine, describe_rule_errors, run_rule
from advisor.files import InputError, read_text
from advisor.model import Report, Rule, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from advisor.model_postgres import LiveContext, PgSnapshot
from advisor.model_redshift import RsContext, RsExternalColumn, RsKeyColumn, RsSnapshot
from advisor.words import count
from connectors.opensearch import ConnectorError as OsConnectorError
from connectors.opensearch import OpenSearchSource, OsRequest
from connectors.postgres import ConnectorError, ExplainRequest, PostgresSource, read_postgres
from connectors.redshift import RedshiftSource

POSTGRES_FAMILY = "postgres."


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


PgLiveRun = LiveRun[PgSnapshot]
RsLiveRun = LiveRun[RsSnapshot]
OsLiveRun = LiveRun[OsSnapshot]


def _load(label: str, loader: Callable[[Path], S | None], path: Path) -> LiveRun[S]:
    """A snapshot file read back as a run of its source, timed like a live read."""
    started = time.perf_counter()
    snapshot = loader(path)
    return LiveRun(
        snapshot=snapshot,
        source=f"{label} snapshot {path.as_posix()}",
        timings={"load": time.perf_counter() - started},
    )


def _read(
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


def _timings(run: LiveRun[S], report: Report | None) -> str:
    """The start of a timing line: the source, then how long reading and the rules took."""
    parts = [f"{name} {seconds:.2f} s" for name, seconds in run.timings.items()]
    if report is not None:
        parts.append(f"rules {report.timings.get('rules', 0.0):.2f} s")
    return f"advisor: {run.source}: {', '.join(parts)}"


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
            for finding in run_rule(rule, target, ctx):
                final = engine.finalise(finding)
                if final is not None:
                    report.findings.append(final)
    report.findings.sort(key=lambda f: f.sort_key)  # stable: rule order within a place
    describe_rule_errors(report)
    report.statements = len(snapshot.plans)
    report.timings = {"rules": time.perf_counter() - started}
    return report


def explain_requests(paths: Sequence[Path]) -> list[ExplainRequest]:
    """The statements of SQL files to EXPLAIN, each with its file and first line.

    Split with PostgreSQL's lexical rules by the file splitter, which never fails on a
    statement PostgreSQL would reject: that statement's EXPLAIN reports it."""
    from advisor.model import SourceText
    from advisor.sql.split import split_statements

    requests: list[ExplainRequest] = []
    for path in paths:
        source = SourceText.of(path.as_posix(), read_text(path))
        for span in split_statements(source, postgres=True)[0]:
            line, _ = source.position(span.start)
            text = source.text[span.start : span.end + 1]
            requests.append(ExplainRequest(text, path.as_posix(), line))
    return requests


def read_live(
    source: PostgresSource,
    explain: Sequence[ExplainRequest] = (),
    *,
    analyze_plans: bool = False,
    progress: Step | None = None,
) -> PgLiveRun:
    """Read the database, naming each step to `progress`; a failure keeps what was read."""
    return _read(
        "postgres",
        source.describe(),
        progress,
        lambda step: read_postgres(source, explain, analyze_plans=analyze_plans, progress=step),
        ConnectorError,
    )


def load_snapshot(path: Path) -> PgLiveRun:
    from connectors.snapshot import load_postgres

    return _load("postgres", load_postgres, path)


def timing_line(run: PgLiveRun, report: Report | None) -> str:
    """One line per source: what was read, and how long reading and the rules took."""
    snap = run.snapshot
    counts = ""
    if snap is not None:
        indexes = sum(len(t.indexes) for t in snap.tables)
        statements = len(snap.workload.statements) if snap.workload else 0
        counts = (
            f" ({count(len(snap.tables), 'table')}, {count(indexes, 'index', 'indexes')}, "
            f"{count(statements, 'statement')}, {count(len(snap.plans), 'plan')})"
        )
    return _timings(run, report) + counts


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
            for finding in run_rule(rule, target, ctx):
                final = engine.finalise(finding)
                if final is not None:
                    report.findings.append(final)
    report.findings.sort(key=lambda f: f.sort_key)
    describe_rule_errors(report)
    report.statements = len(snapshot.plans)
    report.timings = {"rules": time.perf_counter() - started}
    return report


def analyze_plan_files(
    paths: Sequence[Path],
    config: Config,
    catalog: RsSnapshot | None = None,
    ddl: Sequence[Path] = (),
) -> Report:
    """Run the Redshift plan rules over saved EXPLAIN outputs (several plans per file allowed);
    `catalog` (a Redshift snapshot) gives the rules that need them table sizes and keys, and
    `ddl` (Redshift DDL files) the keys and partition columns its tables declare."""
    from advisor.sql.explain import ExplainError, parse_plans

    started = time.perf_counter()
    plans = []
    for path in paths:
        try:
            plans.extend(parse_plans(read_text(path), path.as_posix()))
        except ExplainError as err:
            raise InputError(f"{path.as_posix()}: {err}") from None
    keys, partitions = ddl_columns(ddl)
    read = time.perf_counter() - started
    tables = catalog.tables if catalog is not None else ()
    if catalog is not None:
        keys = (*keys, *catalog.key_columns)
        partitions = (*partitions, *catalog.partition_columns)
    snapshot = RsSnapshot(
        tables=tables, plans=tuple(plans), partition_columns=partitions, key_columns=keys
    )
    report = analyze_redshift(snapshot, config, families=("redshift.plan",))
    report.files = len(paths)
    report.unit = "plan"
    report.timings = {"read_parse": read, **report.timings}
    return report


def ddl_columns(
    paths: Sequence[Path],
) -> tuple[tuple[RsKeyColumn, ...], tuple[RsExternalColumn, ...]]:
    """The key columns and the external tables' partition columns declared by DDL files."""
    from sqlglot import exp
    from sqlglot.errors import ParseError

    from advisor.model import SourceText
    from advisor.sql.catalog import table_info
    from advisor.sql.dialect import parse_one
    from advisor.sql.split import split_statements
    from advisor.sql.templater import TemplateProblem, template

    keys: list[RsKeyColumn] = []
    partitions: list[RsExternalColumn] = []
    for path in paths:
        source = SourceText.of(path.as_posix(), read_text(path))
        try:  # a dbt model's config() is DDL too
            source = template(source, "auto", path)
        except TemplateProblem:
            continue
        for span in split_statements(source)[0]:
            try:
                statement = parse_one(source.text[span.start : span.end + 1])
            except ParseError:  # DDL that does not parse declares nothing to use here
                continue
            info = table_info(statement) if isinstance(statement, exp.Create) else None
            if info is None:
                continue
            schema = info.schema or "public"
            for place, name in enumerate(info.partition_keys, 1):
                partitions.append(RsExternalColumn(schema, info.name, name, part_key=place))
            # Interleaved keys are negative here: no column of one leads a compound order.
            sign = -1 if info.sortkey_style == "INTERLEAVED" else 1
            order = {c.lower(): i * sign for i, c in enumerate(info.sortkey, 1)}
            # A CREATE TABLE AS (a dbt model's config, say) names its keys but no columns.
            names = [c.name for c in info.columns] or list(
                dict.fromkeys(n for n in (info.distkey, *info.sortkey) if n)
            )
            for name in names:
                place = order.get(name.lower(), 0)
                is_dist = (info.distkey or "").lower() == name.lower()
                if is_dist or place:
                    keys.append(RsKeyColumn(schema, info.name, name, is_dist, place))
    return tuple(keys), tuple(partitions)


def read_redshift_live(source: RedshiftSource, *, progress: Step | None = None) -> RsLiveRun:
    """Read a cluster's system views, naming each step to `progress` (default: a spinner on
    stderr when it is a terminal); a failure keeps what was read before it."""
    from connectors.redshift import ConnectorError as RsConnectorError
    from connectors.redshift import read_redshift

    return _read(
        "redshift",
        source.describe(),
        progress,
        lambda step: read_redshift(source, progress=step),
        RsConnectorError,
    )


def load_redshift_snapshot(path: Path) -> RsLiveRun:
    from connectors.snapshot import load_redshift

    return _load("redshift", load_redshift, path)


def redshift_timing_line(run: RsLiveRun, report: Report | None) -> str:
    """What was read from the cluster, how long it took, and what was missing."""
    counts = ""
    snap = run.snapshot
    if snap is not None:
        queries = len(snap.workload.queries) if snap.workload else 0
        counts = (
            f" ({count(len(snap.tables), 'table')}, {count(queries, 'query group')}, "
            f"{count(len(snap.plans), 'plan')}, {count(len(snap.views), 'system view')})"
        )
        counts += "".join(f"; {note}" for note in snap.notes)
    return _timings(run, report) + counts


# OpenSearch ---------------------------------------------------------------------------------

OPENSEARCH_LIVE_FAMILIES = ("opensearch.cluster", "opensearch.profile")


def opensearch_rules(engine: Engine) -> tuple[Rule, ...]:
    return tuple(r for r in engine.rules if r.meta.family in OPENSEARCH_LIVE_FAMILIES)


def _os_targets(kind: TargetKind, snapshot: OsSnapshot) -> Iterator[object]:
    if kind is TargetKind.INDEX:
        yield from snapshot.indices
    elif kind is TargetKind.PLAN:
        yield from snapshot.profiles
    elif kind is TargetKind.WORKLOAD:
        yield snapshot.insights
    elif kind is TargetKind.CLUSTER:
        yield snapshot


def analyze_opensearch(
    snapshot: OsSnapshot,
    config: Config,
    paths: Sequence[Path] = (),
    rules: Iterable[Rule] | None = None,
) -> Report:
    """Run the OpenSearch cluster and profile rules over a snapshot, and the DSL rules over
    the request files in `paths` with the mappings the snapshot holds."""
    from advisor import engine_dsl

    started = time.perf_counter()
    engine = Engine(config, rules)
    chosen = opensearch_rules(engine)
    report = Report(rules_run=tuple(r.id for r in chosen), rules={r.id: r.meta for r in chosen})
    for rule in chosen:
        ctx = OsContext(snapshot, config.options_for(rule.id, rule.meta.options))
        for target in _os_targets(rule.meta.target, snapshot):
            for finding in run_rule(rule, target, ctx):
                final = engine.finalise(finding)
                if final is not None:
                    report.findings.append(final)
    if paths:
        dsl_rules = tuple(r for r in engine.rules if r.meta.target is TargetKind.DSL_REQUEST)
        live_maps = {i.name: i.mapping for i in snapshot.indices if i.mapping}
        dsl = engine_dsl.lint_dsl_files(paths, config, dsl_rules, live_mappings=live_maps)
        report.findings.extend(f for f in map(engine.finalise, dsl.findings) if f is not None)
        report.rules_run += tuple(r.id for r in dsl_rules)
        report.rules.update({r.id: r.meta for r in dsl_rules})
        report.statements += dsl.requests
        report.files = len(paths)
    report.findings.sort(key=lambda f: f.sort_key)
    describe_rule_errors(report)
    report.timings = {"rules": time.perf_counter() - started}
    return report


def request_files(paths: Sequence[Path]) -> list[Path]:
    """Request files named directly or found in folders, in a stable order."""
    from advisor import engine_dsl

    found: list[Path] = []
    for path in paths:
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.extend(p for p in candidates if engine_dsl.is_dsl_file(p) and p not in found)
    return found


def search_requests(paths: Sequence[Path]) -> list[OsRequest]:
    """The search requests of request files, each with its index, body, file and line."""
    from advisor import engine_dsl

    out: list[OsRequest] = []
    for path in paths:
        read = engine_dsl.read_file(path)
        if not isinstance(read, list):
            continue
        for request in read:
            body = request.value
            if (
                request.search is None
                or not isinstance(body, dict)
                or request.endpoint
                not in (
                    "_search",
                    "",
                )
            ):
                continue
            index = ",".join(request.indices) or "_all"
            out.append(OsRequest(index, body, path.as_posix(), request.location.line))
    return out


def read_live_opensearch(
    source: OpenSearchSource,
    requests: Sequence[OsRequest] = (),
    *,
    profile: Sequence[OsRequest] = (),
    progress: Step | None = None,
) -> OsLiveRun:
    """Read the cluster, naming each step to `progress`; a failure keeps what was read."""
    from connectors.opensearch import read_opensearch

    return _read(
        "opensearch",
        source.describe(),
        progress,
        lambda step: read_opensearch(source, requests, profile=profile, progress=step),
        OsConnectorError,
    )


def load_opensearch_snapshot(path: Path) -> OsLiveRun:
    from connectors.snapshot import load_opensearch

    return _load("opensearch", load_opensearch, path)


def os_timing_line(run: OsLiveRun, report: Report | None) -> str:
    """What was read from the cluster, and how long reading and the rules took."""
    snap = run.snapshot
    counts = ""
    if snap is not None:
        counts = (
            f" ({count(len(snap.indices), 'index', 'indices')}, "
            f"{count(len(snap.shards), 'shard')}, {count(len(snap.nodes), 'node')}, "
            f"{count(len(snap.profiles), 'profile')}, "
            f"{count(len(snap.insights.top_queries), 'top query', 'top queries')})"
        )
        if not snap.insights.available and snap.insights.note:
            counts += f"; {snap.insights.note}"
    return _timings(run, report) + counts


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
