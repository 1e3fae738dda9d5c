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
from typing import Generic, Protocol, TypeVar

from advisor.config import Config
from advisor.engine import Engine, RuleRunner, describe_rule_errors
from advisor.files import InputError, read_text
from advisor.model import Report, Rule, TargetKind
from advisor.model_live import LiveContext
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsExternalColumn, RsKeyColumn, RsSnapshot
from advisor.words import count
from connectors.opensearch import ConnectorError as OsConnectorError
from connectors.opensearch import OpenSearchSource, OsRequest
from connectors.postgres import ConnectorError, ExplainRequest, PostgresSource, read_postgres
from connectors.redshift import RedshiftSource

POSTGRES_FAMILY = "postgres."


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


def run_live_rules(snapshot: Targeted, rules: Sequence[Rule], config: Config) -> Report:
    """Every live rule of `rules` over the targets a snapshot holds, through the engine's loop;
    each rule gets one context: the snapshot and its options."""
    runner = RuleRunner(rules, config, select=False)
    contexts = {r.id: LiveContext(snapshot, runner.options(r)) for r in runner.rules}
    return runner.report(snapshot.targets, lambda rule, _target: contexts[rule.id])


def analyze_postgres(
    snapshot: PgSnapshot, config: Config, rules: Iterable[Rule] | None = None
) -> Report:
    """Run every enabled PostgreSQL rule over a snapshot; findings in a stable order."""
    report = run_live_rules(snapshot, postgres_rules(Engine(config, rules)), config)
    report.statements = len(snapshot.plans)
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


def analyze_redshift(
    snapshot: RsSnapshot,
    config: Config,
    rules: Iterable[Rule] | None = None,
    families: Sequence[str] = REDSHIFT_FAMILIES,
) -> Report:
    """Run the enabled Redshift catalog, plan and workload rules over a snapshot."""
    report = run_live_rules(snapshot, redshift_rules(Engine(config, rules), families), config)
    report.statements = len(snapshot.plans)
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
    report = run_live_rules(snapshot, opensearch_rules(engine), config)
    if paths:
        dsl_rules = tuple(r for r in engine.rules if r.meta.target is TargetKind.DSL_REQUEST)
        live_maps = {i.name: i.mapping for i in snapshot.indices if i.mapping}
        dsl = engine_dsl.lint_dsl_files(paths, config, dsl_rules, live_mappings=live_maps)
        report.findings.extend(dsl.findings)
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


# --- The registry of live systems --------------------------------------------------------------
#
# Each live system is one `System` entry in `SYSTEMS`; `read_sources` and `analyze_runs` loop
# over the systems a run asks for, so `analyze`, `snapshot`, the TUI and a lint with live
# sources read and judge any combination the same way. The contract is in docs/architecture.md.


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


def _connect_seconds(seconds: float) -> int:
    """libpq's connect_timeout is whole seconds (0 would mean: wait for ever)."""
    import math

    return max(1, math.ceil(seconds))


def _pg_source(address: str, options: ReadOptions) -> tuple[object, str]:
    return (
        PostgresSource(
            dsn=address,
            connect_timeout=_connect_seconds(options.connect_timeout),
            statement_timeout_ms=max(1, round(options.statement_timeout * 1000)),
            schemas=options.schemas,
            top_statements=options.top,
            deadline=options.deadline,
        ),
        "",
    )


def _pg_read(source: object, options: ReadOptions, progress: Step | None) -> LiveRun[object]:
    assert isinstance(source, PostgresSource)
    explain = explain_requests(options.explain)
    # LiveRun is invariant in its snapshot type; the registry holds runs of objects.
    return read_live(source, explain, analyze_plans=options.analyze_plans, progress=progress)  # type: ignore[return-value]


def _pg_analyze(snapshot: object, config: Config, paths: Sequence[Path]) -> Report:
    assert isinstance(snapshot, PgSnapshot)
    return analyze_postgres(snapshot, config)


def _rs_source(address: str, options: ReadOptions) -> tuple[object, str]:
    return (
        RedshiftSource(
            dsn=address,
            schemas=options.schemas,
            top_queries=options.top,
            connect_timeout=_connect_seconds(options.connect_timeout),
            statement_timeout_ms=max(1, round(options.statement_timeout * 1000)),
            deadline=options.deadline,
            history_days=options.since_days,
        ),
        "",
    )


def _rs_read(source: object, options: ReadOptions, progress: Step | None) -> LiveRun[object]:
    assert isinstance(source, RedshiftSource)
    return read_redshift_live(source, progress=progress)  # type: ignore[return-value]


def _rs_analyze(snapshot: object, config: Config, paths: Sequence[Path]) -> Report:
    assert isinstance(snapshot, RsSnapshot)
    return analyze_redshift(snapshot, config)


def _os_source(address: str, options: ReadOptions) -> tuple[object, str]:
    """An address without a scheme gets http:// (and a note saying so); empty: the
    OPENSEARCH_URL environment variable, else the default address."""
    import os

    from connectors.opensearch import DEFAULT_URL, normalise_url

    url, note = normalise_url(address or os.environ.get("OPENSEARCH_URL") or DEFAULT_URL)
    source = OpenSearchSource(
        url=url, timeout=options.os_timeout, retries=1, deadline=options.deadline
    )
    return source, note or ""


def _os_read(source: object, options: ReadOptions, progress: Step | None) -> LiveRun[object]:
    """Validate the searches of the request files, and profile those of the --profile files."""
    assert isinstance(source, OpenSearchSource)
    profiled = search_requests(list(options.profile))
    checked = search_requests(request_files(options.request_paths)) + profiled
    return read_live_opensearch(source, checked, profile=profiled, progress=progress)  # type: ignore[return-value]


def _os_analyze(snapshot: object, config: Config, paths: Sequence[Path]) -> Report:
    assert isinstance(snapshot, OsSnapshot)
    return analyze_opensearch(snapshot, config, request_files(paths))


SYSTEMS: dict[str, System] = {
    system.name: system
    for system in (
        System(
            "postgres",
            (POSTGRES_FAMILY.rstrip("."),),
            _pg_source,
            _pg_read,
            load_snapshot,  # type: ignore[arg-type]
            _pg_analyze,
            timing_line,  # type: ignore[arg-type]
        ),
        System(
            "redshift",
            REDSHIFT_FAMILIES,
            _rs_source,
            _rs_read,
            load_redshift_snapshot,  # type: ignore[arg-type]
            _rs_analyze,
            redshift_timing_line,  # type: ignore[arg-type]
        ),
        System(
            "opensearch",
            OPENSEARCH_LIVE_FAMILIES,
            _os_source,
            _os_read,
            load_opensearch_snapshot,  # type: ignore[arg-type]
            _os_analyze,
            os_timing_line,  # type: ignore[arg-type]
        ),
    )
}
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
