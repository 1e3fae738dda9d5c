"""`advisor lint` with live sources: read them, join the findings to their history, rank.

The sources are read only for their history (no live rule runs in `lint`; `analyze` does
that). A source that cannot be read is a note on stderr and makes the run exit 2, after the
report of what the other sources and the files gave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from advisor import live
    from advisor.config import Config
    from advisor.impact import Prices, Threshold
    from advisor.model import Report


@dataclass(slots=True)
class LiveHistory:
    """The snapshots read for a lint run, and a note per source that failed."""

    snapshots: list[object] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def live_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--snapshot",
            "snapshots",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="Join findings to the query history of this saved snapshot (repeatable).",
        ),
        click.option(
            "--redshift",
            "redshift_dsn",
            metavar="DSN",
            help="Join findings to this Redshift cluster's query history (read-only).",
        ),
        click.option(
            "--dsn",
            "postgres_dsn",
            metavar="DSN",
            help="Join findings to this PostgreSQL database's pg_stat_statements (read-only).",
        ),
        click.option(
            "--opensearch",
            "opensearch_url",
            metavar="URL",
            help="Join request findings to this cluster's Query Insights top queries.",
        ),
        click.option(
            "--min-impact",
            metavar="COST",
            help="Keep only findings that cost at least this per day ($5, 90s, 10m, 1h,"
            " 500MB, 1TB; needs a live source or a snapshot) or per run ($5/run, 1TB/run).",
        ),
    ]
    from advisor.cli_options import apply_options

    return apply_options(func, options)


def asked(
    snapshots: Sequence[Path],
    redshift_dsn: str | None,
    postgres_dsn: str | None,
    opensearch_url: str | None,
) -> bool:
    return bool(snapshots or redshift_dsn or postgres_dsn or opensearch_url)


def threshold_of(min_impact: str | None, any_source: bool) -> Threshold | None:
    if min_impact is None:
        return None
    from advisor.impact import parse_threshold

    try:
        threshold = parse_threshold(min_impact)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--min-impact") from None
    if threshold.needs_history and not any_source:
        raise click.UsageError(
            "--min-impact needs a live source or a snapshot (--redshift, --dsn, --opensearch,"
            " --snapshot): costs per day come from their history; a cost per run ($5/run,"
            " 1TB/run) is compared with the estimates from the catalog"
        )
    return threshold


def read_history(
    snapshots: Sequence[Path],
    redshift_dsn: str | None,
    postgres_dsn: str | None,
    opensearch_url: str | None,
) -> LiveHistory:
    """Every snapshot section and live source asked for, read through the live-system
    registry; failures as notes, never raised."""
    from advisor import live
    from advisor.errors import AdvisorError

    out = LiveHistory()
    for path in snapshots:
        try:
            runs = live.read_sources((), live.ReadOptions(), path)
        except (AdvisorError, OSError, ValueError) as err:  # a broken snapshot: a note
            out.failures.append(f"snapshot {path.as_posix()}: {err}")
            continue
        if not runs:
            out.failures.append(f"snapshot {path.as_posix()}: holds no section to join")
        for run in runs:
            _keep(out, run, f"snapshot {path.as_posix()} ({run.system.name})")
    wanted = [
        live.Wanted(system, address)
        for system, address in (
            ("postgres", postgres_dsn),
            ("redshift", redshift_dsn),
            ("opensearch", opensearch_url),
        )
        if address
    ]
    if not wanted:
        return out
    try:
        runs = live.read_sources(wanted, live.ReadOptions())
    except AdvisorError as err:  # a bad address: a note, the lint goes on
        out.failures.append(str(err))
        return out
    for run in runs:
        _keep(out, run, run.run.source)
    return out


def _keep(out: LiveHistory, run: live.SourceRun, label: str) -> None:
    if run.failure is not None:
        out.failures.append(f"{label}: {run.failure}")
        return
    if run.run.snapshot is not None:
        out.snapshots.append(run.run.snapshot)


def prices_of(config: Config) -> Prices:
    """The `[impact]` prices of the configuration, defaults for what it leaves out."""
    from advisor import impact

    return impact.prices_of(config)


def catalog_costs(report: Report, config: Config, threshold: Threshold | None = None) -> Report:
    """Scan estimates from the catalog as the cost per run of the findings no history costed,
    then `--min-impact` over every finding's cost."""
    if threshold is None and not any(
        f.impact is None and any(k == "scan_formula" for k, _ in f.evidence.items)
        for f in report.findings
    ):
        return report  # the costing modules are not even imported
    from advisor.impact import catalog_estimates, filter_report

    costed = catalog_estimates(report, prices_of(config))
    return filter_report(costed, threshold) if threshold is not None else costed


def join_history(
    report: Report,
    config: Config,
    history: LiveHistory,
    prices: Prices | None = None,
) -> Report:
    from advisor.impact import join

    return join(
        report,
        history.snapshots,
        dialect=config.dialect,
        templater=config.templater,
        limits=config.limits,
        prices=prices or prices_of(config),
    )
