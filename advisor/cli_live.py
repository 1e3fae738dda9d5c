"""The commands over live systems and their snapshots: `analyze`, `snapshot`, `explain` (saved
Redshift plans) and `whatif` (a Redshift key change scored on the workload)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from advisor import (
    cli_extras,
    cli_files,
    cli_inputs,
    cli_verify_pg,
)
from advisor.cli_base import (
    DEFAULT_DEADLINE,
    F,
    configured,
    emit,
    exit_code,
    guard,
    report_options,
)
from advisor.cli_options import HISTORY_WINDOW, SECONDS, apply_options, check_folder


@click.command("explain")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@report_options("RS-P01")
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Redshift snapshot whose table sizes and keys the plan rules may use.",
)
@click.option(
    "--ddl",
    "ddl_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Redshift DDL file whose tables' keys and partition columns the plan rules may use.",
)
@cli_inputs.allow_empty_option
@guard
def explain_command(
    files: Sequence[Path],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    exit_zero: bool,
    select: str | None,
    ignore: str | None,
    config_path: Path | None,
    quiet: bool,
    color: bool | None,
    snapshot_file: Path | None = None,
    ddl_files: Sequence[Path] = (),
    allow_empty: bool = False,
) -> None:
    """Analyse saved Redshift EXPLAIN output (one or more plans per file) with the RS-P rules."""
    cli_extras.need("explain", "live")
    from advisor import live

    config = configured(config_path, files[0], select, ignore, fail_on=fail_on)
    catalog = None
    if snapshot_file is not None:
        from connectors.snapshot import SnapshotError, load_redshift

        try:
            catalog = load_redshift(snapshot_file)
        except SnapshotError as err:
            raise click.UsageError(str(err)) from err
    report = live.analyze_plan_files(list(files), config, catalog, list(ddl_files))
    cli_inputs.check_plans(report, files, allow_empty)
    emit(report, fmt, output, statistics=False, quiet=quiet, color=color, frames_from=files)
    sys.exit(exit_code(report, config, exit_zero))


@click.command("whatif")
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Redshift snapshot to score the change on.",
)
@click.option("--redshift", "redshift_dsn", metavar="DSN", help="Read this cluster instead.")
@click.option(
    "--distkey", "distkeys", multiple=True, metavar="S.T=C", help="Make C the DISTKEY of S.T."
)
@click.option("--all", "all_tables", multiple=True, metavar="S.T", help="Make S.T DISTSTYLE ALL.")
@click.option("--even", "even_tables", multiple=True, metavar="S.T", help="Make S.T EVEN.")
@click.option("--schema", "schemas", multiple=True, help="With --redshift: read only this schema.")
@guard
def whatif_command(
    snapshot_file: Path | None,
    redshift_dsn: str | None,
    distkeys: tuple[str, ...],
    all_tables: tuple[str, ...],
    even_tables: tuple[str, ...],
    schemas: tuple[str, ...] = (),
) -> None:
    """Score a Redshift key change on the workload's joins (share of join weight collocated).

    Also prints the data the change stops redistributing (runs x the smaller table's size, per
    join it collocates) and, for a new DISTKEY, the skew its values would give, as measured on
    the cluster when the read measured that column.
    """
    cli_extras.need("whatif", "live")
    from advisor import cli_whatif

    cli_whatif.run(snapshot_file, redshift_dsn, distkeys, all_tables, even_tables, schemas)


def _live_options(func: F) -> F:
    """Connection options shared by `analyze` and `snapshot`."""
    options = [
        click.option("--dsn", help="libpq connection string or URI [default: the PG* env]."),
        click.option(
            "--explain",
            "explain",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="SQL file whose statements to EXPLAIN (repeatable).",
        ),
        click.option(
            "--analyze-plans",
            is_flag=True,
            help="EXPLAIN ANALYZE (runs the statements, in a transaction rolled back).",
        ),
        click.option(
            "--schema",
            "schemas",
            multiple=True,
            help="Read only this schema (Redshift: also drop the history statements that name "
            "only tables of the cluster's other schemas, after the --top cut).",
        ),
        click.option(
            "--top",
            default=50,
            show_default=True,
            help="pg_stat_statements rows; Redshift: query groups by total time.",
        ),
        click.option(
            "--since",
            "since_days",
            type=HISTORY_WINDOW,
            default="7d",
            show_default=True,
            help="Redshift: the history window read, back from now (m, h, d or w; bare: days).",
        ),
        click.option(
            "--statement-timeout",
            type=SECONDS,
            default=10.0,
            show_default=True,
            help="Seconds per read.",
        ),
        click.option(
            "--connect-timeout",
            type=SECONDS,
            default=5.0,
            show_default=True,
            help="Seconds to connect.",
        ),
        click.option(
            "--deadline",
            type=SECONDS,
            default=DEFAULT_DEADLINE,
            show_default=True,
            help="Seconds the whole live run may take, whatever the servers do; past it, what "
            "was read is reported and the exit code is 2.",
        ),
    ]
    return apply_options(func, options)


def _opensearch_options(func: F) -> F:
    """OpenSearch options shared by `analyze` and `snapshot`."""
    options = [
        click.option(
            "--opensearch",
            metavar="URL",
            is_flag=False,
            flag_value="",
            default=None,
            help="Read this OpenSearch cluster too [bare --opensearch: OPENSEARCH_URL].",
        ),
        click.option(
            "--profile",
            "profile_files",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="Request file whose searches to run with profile: true (repeatable).",
        ),
        click.option(
            "--os-timeout",
            type=SECONDS,
            default=10.0,
            show_default=True,
            help="Seconds per OpenSearch request.",
        ),
    ]
    return apply_options(func, options)


def _ci_options(func: F) -> F:
    """The CI options of `lint` that `analyze` has too: statistics and a baseline."""
    options = [
        click.option(
            "--statistics", is_flag=True, help="Also print the count of findings per rule."
        ),
        click.option(
            "--baseline",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Hide the findings recorded in this baseline file (none yet: hide nothing).",
        ),
        click.option(
            "--update-baseline",
            is_flag=True,
            help="Write this run's findings to the --baseline file and exit 0.",
        ),
        click.option(
            "--prune", is_flag=True, help="With --update-baseline: drop the entries of other files."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command()
@click.argument("request_paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@_live_options
@_opensearch_options
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Analyse this snapshot file instead of connecting.",
)
@click.option(
    "--save-snapshot",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write what the live run read to this snapshot file.",
)
@report_options("PG-C")
@click.option(
    "--redshift",
    "redshift_dsn",
    metavar="DSN",
    help="Analyse a Redshift cluster at this DSN (system views; read-only) with the RS rules.",
)
@click.option(
    "--ddl",
    "ddl",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="SQL file or folder whose CREATE statements place the findings on their tables "
    "(file and line in every format; repeatable).",
)
@_ci_options
@cli_verify_pg.options
@guard
def analyze(
    request_paths: tuple[Path, ...],
    dsn: str | None,
    explain: tuple[Path, ...],
    analyze_plans: bool,
    schemas: tuple[str, ...],
    top: int,
    statement_timeout: float,
    connect_timeout: float,
    deadline: float,
    opensearch: str | None,
    profile_files: tuple[Path, ...],
    os_timeout: float,
    snapshot_file: Path | None,
    save_snapshot: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    exit_zero: bool,
    select: str | None,
    ignore: str | None,
    config_path: Path | None,
    quiet: bool,
    color: bool | None,
    redshift_dsn: str | None = None,
    ddl: tuple[Path, ...] = (),
    statistics: bool = False,
    baseline: Path | None = None,
    update_baseline: bool = False,
    prune: bool = False,
    since_days: float = 7.0,
    verify_fixes: bool = False,
    allow_extensions: tuple[str, ...] = (),
) -> None:
    """Analyse live PostgreSQL, Redshift and OpenSearch sources (or a snapshot of them), any
    combination in one run.

    PostgreSQL is read from --dsn (or the PG* environment) unless only other sources are
    given. REQUEST_PATHS are OpenSearch request files: linted with the cluster's mappings, and
    their searches validated; --profile files are also run with profile: true.

    Exit codes: 0/1 as for `lint`; 2 when a connection or a read fails (what was read before
    the failure, and every other source, is still analysed and printed).
    """
    cli_extras.need("analyze", "live")
    from advisor import cli_analyze, live, live_places

    for target in (output, save_snapshot, baseline if update_baseline else None):
        check_folder(target)

    config = configured(config_path, Path.cwd(), select, ignore, fail_on=fail_on)
    asked = cli_analyze.Asked(dsn, redshift_dsn, opensearch, snapshot_file)
    options = _read_options(
        schemas, top, statement_timeout, connect_timeout, deadline, os_timeout,
        explain, analyze_plans, profile_files, request_paths, since_days,
    )  # fmt: skip
    places = live_places.gather(
        ddl, live.request_files([*request_paths, *profile_files]), config.mappings
    )
    out = cli_analyze.Output(
        emit=lambda report, frames: emit(
            report, fmt, output, statistics=statistics, quiet=quiet, color=color,
            frames_from=[*frames, *ddl], places=places,
        ),
        exit_code=lambda report: exit_code(report, config, exit_zero),
        baseline=baseline,
        update_baseline=update_baseline,
        prune=prune,
        verify=cli_verify_pg.hook(verify_fixes, allow_extensions, asked, options),
    )  # fmt: skip
    sys.exit(cli_analyze.analyze(asked, options, config, out, save_snapshot))


def _read_options(
    schemas: Sequence[str],
    top: int,
    statement_timeout: float,
    connect_timeout: float,
    deadline: float,
    os_timeout: float,
    explain: Sequence[Path] = (),
    analyze_plans: bool = False,
    profile_files: Sequence[Path] = (),
    request_paths: Sequence[Path] = (),
    since_days: float = 7.0,
) -> Any:
    from advisor.live import ReadOptions

    return ReadOptions(
        schemas=tuple(schemas),
        top=top,
        statement_timeout=statement_timeout,
        connect_timeout=connect_timeout,
        deadline=deadline,
        os_timeout=os_timeout,
        explain=tuple(explain),
        analyze_plans=analyze_plans,
        profile=tuple(profile_files),
        request_paths=tuple(request_paths),
        since_days=since_days,
    )


@click.command("snapshot")
@_live_options
@_opensearch_options
@click.option(
    "--redshift",
    "redshift_dsn",
    metavar="DSN",
    help="Also read this Redshift cluster's system views (read-only) into the snapshot.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Snapshot file to write.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing -o file that is not an advisor snapshot.",
)
@guard
def snapshot_command(
    dsn: str | None,
    explain: tuple[Path, ...],
    analyze_plans: bool,
    schemas: tuple[str, ...],
    top: int,
    statement_timeout: float,
    connect_timeout: float,
    deadline: float,
    opensearch: str | None,
    profile_files: tuple[Path, ...],
    os_timeout: float,
    redshift_dsn: str | None,
    output: Path,
    force: bool = False,
    since_days: float = 7.0,
) -> None:
    """Read a live PostgreSQL database, OpenSearch cluster and/or Redshift cluster and write a
    snapshot for offline `analyze --snapshot`. PostgreSQL is read unless only --opensearch or
    --redshift is given; with --redshift, --schema and --top apply to the Redshift read.

    An existing -o file is replaced only when it is an advisor snapshot (or with --force), and
    never through a symbolic link. When a read fails, the good snapshot stays as it was and
    what was read goes to `FILE.partial`; the exit code is then 2."""
    cli_extras.need("snapshot", "live")
    from advisor import cli_analyze

    check_folder(output)
    cli_files.check_snapshot_target(output, force)
    asked = cli_analyze.Asked(dsn, redshift_dsn, opensearch)
    options = _read_options(
        schemas, top, statement_timeout, connect_timeout, deadline, os_timeout,
        explain, analyze_plans, profile_files, (), since_days,
    )  # fmt: skip
    sys.exit(cli_analyze.snapshot(asked, options, output))
