"""`advisor tui`: the terminal UI over linted files and live sources."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from advisor import (
    cli_extras,
)
from advisor.cli_base import DEFAULT_DEADLINE, configured, guard, regular_inputs
from advisor.cli_options import say
from advisor.config import Config


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", help="Comma-separated rule ids or prefixes to run (e.g. RS-Q,RS-D02).")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Config file."
)
@click.option("--dsn", help="Also read this PostgreSQL database (libpq string or URI).")
@click.option(
    "--explain",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="SQL file whose statements to EXPLAIN on --dsn, for the Plans view (repeatable).",
)
@click.option(
    "--opensearch",
    metavar="URL",
    is_flag=False,
    flag_value="",
    default=None,
    help="Also read this OpenSearch cluster [bare --opensearch: OPENSEARCH_URL].",
)
@click.option(
    "--profile",
    "profile_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Request file whose searches to profile on --opensearch (repeatable).",
)
@click.option("--redshift", "redshift_dsn", metavar="DSN", help="Also read this Redshift cluster.")
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Also analyse this snapshot file (from `advisor snapshot`).",
)
@guard
def tui(
    paths: Sequence[Path],
    select: str | None,
    ignore: str | None,
    config_path: Path | None,
    dsn: str | None = None,
    explain: Sequence[Path] = (),
    opensearch: str | None = None,
    profile_files: Sequence[Path] = (),
    redshift_dsn: str | None = None,
    snapshot_file: Path | None = None,
) -> None:
    """Browse the findings of PATHS in a terminal UI (filter, sort, explain, export), with the
    live findings of a database, cluster or snapshot beside them (each read in the background).

    Views: findings (first), o overview, p plans, t catalog; ? lists every key.
    """
    live_wanted = bool(dsn or opensearch is not None or redshift_dsn or snapshot_file)
    cli_extras.need("tui", "tui", *(("live",) if live_wanted else ()))
    # Textual is imported here only, so the other commands never load it.
    from advisor.engine import Engine
    from advisor.tui import app_class
    from advisor.tui.costs import history_join, with_catalog_costs
    from rules.registry import rule_by_id

    live_only = not paths and bool(dsn or opensearch is not None or redshift_dsn or snapshot_file)
    paths = paths or (Path("."),)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    regular_inputs(paths)
    config = configured(config_path, paths[0], select, ignore)

    def docs(rule_id: str) -> str:
        rule = rule_by_id(rule_id)
        return rule.doc if rule else ""

    sources = _tui_sources(
        config, paths, dsn, explain, opensearch, profile_files, redshift_dsn, snapshot_file
    )
    # With only live options, the working directory is not linted.
    lint_paths = [] if live_only else list(paths)
    lint = Engine(config, lint=True)
    app_class()(
        with_catalog_costs(lambda: lint.lint_paths(lint_paths), config),
        docs=docs,
        live_sources=sources,
        frames_from=[*paths, *explain, *profile_files],
        join=history_join(config) if sources and lint_paths else None,
    ).run()


def _tui_sources(
    config: Config,
    paths: Sequence[Path],
    dsn: str | None,
    explain: Sequence[Path],
    opensearch: str | None,
    profile_files: Sequence[Path],
    redshift_dsn: str | None,
    snapshot_file: Path | None,
) -> list[Any]:
    """The TUI's live sources, each read in its own worker by the app."""
    from advisor.tui import live_sources as tl

    if explain and not dsn:
        raise click.UsageError("--explain needs --dsn DSN")
    if profile_files and opensearch is None:
        raise click.UsageError("--profile needs --opensearch URL")
    sources = []
    if dsn:
        sources.append(tl.postgres_source(tui_source("postgres", dsn), config, explain))
    if opensearch is not None:
        source = tui_source("opensearch", opensearch)
        sources.append(tl.opensearch_source(source, config, paths, profile_files))
    if redshift_dsn:
        from connectors.redshift import RedshiftSource

        sources.append(tl.redshift_source(RedshiftSource(dsn=redshift_dsn), config))
    if snapshot_file is not None:
        sources.append(tl.snapshot_source(snapshot_file, config, paths))
    return sources


def tui_source(system: str, address: str) -> Any:
    """The connector source the TUI reads one live system through, made by the live-system
    registry with the TUI's limits (50 statements, 10 s a read, 5 s to connect); the note of
    an address without a scheme is shown, a bad address is a usage error."""
    from advisor.live import SYSTEMS, ReadOptions
    from connectors.opensearch import UrlError

    options = ReadOptions(
        top=50,
        statement_timeout=10.0,
        connect_timeout=5.0,
        os_timeout=10.0,
        deadline=DEFAULT_DEADLINE,
    )
    try:
        source, note = SYSTEMS[system].source(address, options)
    except UrlError as err:
        raise click.UsageError(str(err)) from None
    if note:
        say(note)
    return source
