"""OpenSearch as a live system: read a cluster (or its snapshot section), run the cluster and
profile rules over it and the DSL rules over request files with its mappings, and summarise
what was read."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from advisor.config import Config
from advisor.engine import Engine, describe_rule_errors
from advisor.live.base import (
    LiveRun,
    ReadOptions,
    Step,
    System,
    load_run,
    read_run,
    run_live_rules,
    timing_start,
)
from advisor.model import Report, Rule, TargetKind
from advisor.model_opensearch import OsSnapshot
from advisor.words import count
from connectors.opensearch import ConnectorError as OsConnectorError
from connectors.opensearch import OpenSearchSource, OsRequest

OPENSEARCH_LIVE_FAMILIES = ("opensearch.cluster", "opensearch.profile")
OsLiveRun = LiveRun[OsSnapshot]


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

    return read_run(
        "opensearch",
        source.describe(),
        progress,
        lambda step: read_opensearch(source, requests, profile=profile, progress=step),
        OsConnectorError,
    )


def load_opensearch_snapshot(path: Path) -> OsLiveRun:
    from connectors.snapshot import load_opensearch

    return load_run("opensearch", load_opensearch, path)


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
    return timing_start(run, report) + counts


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


OPENSEARCH = System(
    "opensearch",
    OPENSEARCH_LIVE_FAMILIES,
    _os_source,
    _os_read,
    load_opensearch_snapshot,  # type: ignore[arg-type]
    _os_analyze,
    os_timing_line,  # type: ignore[arg-type]
)
