"""PostgreSQL as a live system: read a database (or its snapshot section), run the live
rules over it, and summarise what was read.

A live run and a run over the snapshot it saved go through the same `analyze_postgres`, so
both give the same findings. The configuration applies as in `lint`: selection, ignores,
severity overrides and per-rule options.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from advisor.config import Config
from advisor.engine import Engine
from advisor.files import read_text
from advisor.live.base import (
    LiveRun,
    ReadOptions,
    Step,
    System,
    connect_seconds,
    load_run,
    read_run,
    run_live_rules,
    timing_start,
)
from advisor.model import Report, Rule
from advisor.model_postgres import PgSnapshot
from advisor.words import count
from connectors.postgres import ConnectorError, ExplainRequest, PostgresSource, read_postgres

POSTGRES_FAMILY = "postgres."
PgLiveRun = LiveRun[PgSnapshot]


def postgres_rules(engine: Engine) -> tuple[Rule, ...]:
    return tuple(r for r in engine.rules if r.meta.family.startswith(POSTGRES_FAMILY))


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
    return read_run(
        "postgres",
        source.describe(),
        progress,
        lambda step: read_postgres(source, explain, analyze_plans=analyze_plans, progress=step),
        ConnectorError,
    )


def load_snapshot(path: Path) -> PgLiveRun:
    from connectors.snapshot import load_postgres

    return load_run("postgres", load_postgres, path)


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
    return timing_start(run, report) + counts


def _pg_source(address: str, options: ReadOptions) -> tuple[object, str]:
    return (
        PostgresSource(
            dsn=address,
            connect_timeout=connect_seconds(options.connect_timeout),
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


POSTGRES = System(
    "postgres",
    (POSTGRES_FAMILY.rstrip("."),),
    _pg_source,
    _pg_read,
    load_snapshot,  # type: ignore[arg-type]
    _pg_analyze,
    timing_line,  # type: ignore[arg-type]
)
