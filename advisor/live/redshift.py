"""Redshift as a live system: read a cluster's system views (or its snapshot section), run
the catalog, plan and workload rules over it, and summarise what was read; also the plan rules
over saved EXPLAIN output, with the keys that DDL files declare."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from advisor.config import Config
from advisor.engine import Engine
from advisor.files import InputError, read_text
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
from advisor.model_redshift import RsExternalColumn, RsKeyColumn, RsSnapshot
from advisor.words import count
from connectors.redshift import RedshiftSource

REDSHIFT_FAMILIES = ("redshift.catalog", "redshift.plan", "redshift.workload")
RsLiveRun = LiveRun[RsSnapshot]


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

    return read_run(
        "redshift",
        source.describe(),
        progress,
        lambda step: read_redshift(source, progress=step),
        RsConnectorError,
    )


def load_redshift_snapshot(path: Path) -> RsLiveRun:
    from connectors.snapshot import load_redshift

    return load_run("redshift", load_redshift, path)


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
    return timing_start(run, report) + counts


def _rs_source(address: str, options: ReadOptions) -> tuple[object, str]:
    return (
        RedshiftSource(
            dsn=address,
            schemas=options.schemas,
            top_queries=options.top,
            connect_timeout=connect_seconds(options.connect_timeout),
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


REDSHIFT = System(
    "redshift",
    REDSHIFT_FAMILIES,
    _rs_source,
    _rs_read,
    load_redshift_snapshot,  # type: ignore[arg-type]
    _rs_analyze,
    redshift_timing_line,  # type: ignore[arg-type]
)
