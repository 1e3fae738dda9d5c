"""The `advisor` command: argument handling only; the work is done by the engine and reports.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage, configuration
or internal error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from advisor import (
    __version__,
    cli_extras,
    cli_files,
    cli_impact,
    cli_inputs,
    cli_output,
    cli_verify,
    cli_verify_pg,
)
from advisor.cli_options import HISTORY_WINDOW, SECONDS, apply_options, say, write_file
from advisor.config import DIALECTS, TEMPLATERS, Config, ConfigError, load_config
from advisor.errors import AdvisorError, ConfigurationError
from advisor.live_places import Places
from advisor.model import Report, Severity, SourceText
from advisor.printable import printable
from advisor.redact import RedactingFilter, redact
from advisor.report import FORMATS

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DEADLINE = 300.0
SEVERITY_CHOICES = ["info", "low", "warning", "medium", "high", "error"]
REPORT_FORMATS = list(FORMATS)
# The exit codes: nothing at or above --fail-on; findings at or above it; an error (usage,
# configuration, input, snapshot, baseline, connection, internal).
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _guard(func: F) -> F:
    """Turn any unexpected exception into a one-line message and exit code 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AdvisorError as err:  # every error the advisor raises on purpose: one line
            message, limit = _error_line(err)
            say(message, limit=limit)
            sys.exit(EXIT_ERROR)
        except click.ClickException as err:
            # A usage error can quote a file name or a DSN: shown masked and printable.
            err.__dict__["message"] = printable(redact(err.message))  # Final for type checkers
            raise
        except (click.exceptions.Exit, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `advisor rule X | head`: the reader has all it wanted
            cli_output.closed_pipe()
        except Exception as err:  # the last line of defence: never show a traceback
            say(f"internal error: {type(err).__name__}: {err}")
            if _debugging():
                traceback.print_exc()
            sys.exit(2)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


def _error_line(err: AdvisorError) -> tuple[str, int | None]:
    """The message of an advisor error and its length cap (a configuration error names
    itself and is never cut)."""
    if isinstance(err, ConfigurationError):
        return f"configuration error: {err}", None
    return str(err), 600


def _debugging() -> bool:
    return logging.getLogger("advisor").isEnabledFor(logging.DEBUG)


def _start_debug_log() -> None:
    """Tracebacks of failing rules (AD-004) and internal errors on stderr."""
    logger = logging.getLogger("advisor")
    handler = logging.StreamHandler()  # the stderr of this invocation
    handler.setFormatter(logging.Formatter("advisor: debug: %(message)s"))
    handler.addFilter(RedactingFilter())  # a traceback can quote a DSN
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="advisor")
@click.option(
    "--debug",
    is_flag=True,
    help="Print the traceback of a rule that failed (AD-004) or of an internal error "
    "(also: the ADVISOR_DEBUG environment variable).",
)
def cli(debug: bool) -> None:
    """Find and explain performance problems in Redshift SQL and OpenSearch query DSL."""
    logger = logging.getLogger("advisor")
    if debug or "ADVISOR_DEBUG" in os.environ:
        _start_debug_log()
    elif logger.level == logging.DEBUG:  # an earlier invocation in the same process
        logger.handlers = []
        logger.setLevel(logging.NOTSET)


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def _configured(
    config_path: Path | None,
    start: Path,
    select: str | None,
    ignore: str | None,
    *,
    fail_on: str | None = None,
    dialect: str | None = None,
) -> Config:
    """The configuration file with the command line applied, checked against the rule base:
    a rule id, prefix or option that does not exist is an error, never "lint nothing"."""
    from dataclasses import replace

    config = load_config(config_path, start=start)
    origins = dict(config.origins)
    chosen, extra = _codes(select), _codes(ignore)
    if chosen is not None:
        origins["select"] = "--select"
    if extra:
        origins["ignore"] = "--ignore" if not config.ignore else f"{origins['ignore']} / --ignore"
    config = config.with_overrides(
        select=chosen,
        ignore=config.ignore + extra if extra else None,
        dialect=dialect,
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    config = replace(config, origins=origins)
    _check_rule_names(config)
    return config


def _check_rule_names(config: Config) -> None:
    if not (
        config.select
        or config.ignore
        or config.severity
        or config.rule_options
        or config.per_file_ignores
    ):
        return
    from advisor.config import check_rules
    from advisor.engine import LINT_FAMILIES
    from rules.registry import all_rules, family_rules

    # The lint families are loaded anyway; all the rule modules only when a name is not there.
    try:
        check_rules(config, {r.id: r.meta for f in LINT_FAMILIES for r in family_rules(f)})
    except ConfigError:
        check_rules(config, {r.id: r.meta for r in all_rules()})


def _report_options(select_example: str) -> Callable[[F], F]:
    """Output, exit-code and selection options shared by the commands that report findings."""

    def apply(func: F) -> F:
        options = [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(REPORT_FORMATS),
                default="text",
                show_default=True,
                help="Output format.",
            ),
            click.option(
                "-o", "--output", type=click.Path(path_type=Path), help="Write the report here."
            ),
            click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), help="As for `lint`."),
            click.option(
                "--exit-zero", is_flag=True, help="Exit 0 even when findings are reported."
            ),
            click.option(
                "--select",
                help=f"Comma-separated rule ids or prefixes to run (e.g. {select_example}).",
            ),
            click.option("--ignore", help="Comma-separated rule ids or prefixes to skip."),
            click.option(
                "--config",
                "config_path",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Config file.",
            ),
            click.option("-q", "--quiet", is_flag=True, help="Print only the summary line."),
            cli_output.colour_options,
            cli_output.show_fixes_option,
        ]
        return apply_options(func, options)

    return apply


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Hide the findings listed in this baseline file; only new findings fail the run.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Write every current finding to the --baseline file and exit 0.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="With --update-baseline: also drop the entries of files this run did not lint.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITY_CHOICES),
    help="Lowest severity that makes the exit code 1 [default: warning, i.e. low].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--select", help="Comma-separated rule ids or prefixes to run (e.g. RS-Q,RS-D02).")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--dialect", type=click.Choice(list(DIALECTS)), help="SQL dialect of the files.")
@click.option(
    "--templater",
    type=click.Choice(list(TEMPLATERS)),
    help="How SQL files are rendered before parsing [default: auto: dbt, jinja or placeholder].",
)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Config file."
)
@click.option(
    "--mapping",
    "mappings",
    multiple=True,
    metavar="INDEX=FILE",
    help="OpenSearch mapping file for an index name or pattern (repeatable).",
)
@click.option("--statistics", is_flag=True, help="Also print the count of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@cli_output.colour_options
@cli_output.show_fixes_option
@click.option(
    "--fix", is_flag=True, help="Apply the safe fixes to the files, then report the rest."
)
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix, --fix-only or --diff: apply unsafe fixes too."
)
@click.option("--fix-only", is_flag=True, help="Apply fixes and report nothing else (exit 0).")
@click.option(
    "--diff", is_flag=True, help="Print what --fix would change as a unified diff; exit 1 if any."
)
@click.option("--add-noqa", is_flag=True, help="Add a `-- noqa: ID` comment for every SQL finding.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With `-`: the name of the text read from standard input (config, ignores, language).",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Follow symbolic links that lead out of the linted folders (they are reported).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes [default: the machine's cores, one for small runs; 1: no pool].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the lint cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the lint cache [default: .advisor_cache beside the config file, or here].",
)
@click.option(
    "--changed",
    is_flag=True,
    help="Lint only the files git sees changed or new against HEAD (the catalog reads all).",
)
@click.option("--since", metavar="REV", help="Lint only the files changed since git revision REV.")
@click.option(
    "--shard",
    metavar="I/N",
    help="Lint only shard I of N (a stable split by path, for parallel CI jobs).",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=True,
    help="Skip the files git ignores below the linted folders [default: respect].",
)
@cli_inputs.allow_empty_option
@cli_impact.live_options
@cli_verify.verify_options
@_guard
def lint(
    paths: Sequence[Path],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    exit_zero: bool,
    select: str | None,
    ignore: str | None,
    dialect: str | None,
    config_path: Path | None,
    mappings: tuple[str, ...],
    statistics: bool,
    quiet: bool,
    color: bool | None,
    baseline: Path | None = None,
    update_baseline: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    fix_only: bool = False,
    diff: bool = False,
    add_noqa: bool = False,
    stdin_filename: str | None = None,
    follow_symlinks: bool = False,
    prune: bool = False,
    templater: str | None = None,
    jobs: int | None = None,
    no_cache: bool = False,
    cache_dir: Path | None = None,
    changed: bool = False,
    since: str | None = None,
    shard: str | None = None,
    respect_gitignore: bool = True,
    allow_empty: bool = False,
    snapshots: tuple[Path, ...] = (),
    redshift_dsn: str | None = None,
    postgres_dsn: str | None = None,
    opensearch_url: str | None = None,
    min_impact: str | None = None,
    verify_fixes: bool = False,
    verify_limit: int = 20,
) -> None:
    """Lint SQL files (and folders of them); nothing is connected to unless asked.

    `-` reads standard input. `--fix` applies safe fixes in place (`--unsafe-fixes` adds the
    unsafe ones); with `-` it writes the fixed text to standard output. With `--redshift`,
    `--dsn`, `--opensearch` or `--snapshot`, every finding gets what its statement costs in
    that system's history, and the report is ordered by that cost. `--verify-fixes` runs
    each rewritten request body next to its original on the --opensearch cluster first, and
    EXPLAINs each rewritten query next to its original on the --redshift cluster.
    """
    live_asked = cli_impact.asked(snapshots, redshift_dsn, postgres_dsn, opensearch_url)
    threshold = cli_impact.threshold_of(min_impact, live_asked)
    if update_baseline and baseline is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if prune and not update_baseline:
        raise click.UsageError("--prune goes with --update-baseline")
    from advisor.engine import Engine

    if not paths:
        paths = (Path("."),)
    stdin = any(str(p) == "-" for p in paths)
    if stdin and len(paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be combined with other paths")
    if stdin_filename is not None and not stdin:
        raise click.UsageError("--stdin-filename needs `-` as the path")
    missing = [p for p in paths if not stdin and not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    start = Path(stdin_filename or ".") if stdin else paths[0]
    if not stdin:
        _regular_inputs(paths)
    config = _configured(config_path, start, select, ignore, fail_on=fail_on, dialect=dialect)
    _check_mapping_files(config)
    named = _mapping_pairs(mappings)
    if named:
        config = config.with_overrides(mappings={**config.mappings, **named})
    if templater is not None:
        config = config.with_overrides(templater=templater)
    if follow_symlinks:
        config = config.with_overrides(follow_symlinks=True)
    if not respect_gitignore:
        config = config.with_overrides(respect_gitignore=False)
    engine = Engine(config, lint=True)
    fixing = fix or fix_only or diff
    verifier = cli_verify.verifier_of(
        verify_fixes, verify_limit, opensearch_url, config, redshift_dsn
    )
    if stdin and verifier is not None:
        raise click.UsageError("--verify-fixes reads the requests from files, not from `-`")
    if stdin:
        from advisor import fix_cli

        fix_cli.lint_stdin(
            engine,
            stdin_filename or "-",
            fixing=fixing,
            unsafe=unsafe_fixes,
            fix_only=fix_only,
            diff=diff,
            add_noqa=add_noqa,
            emit=lambda r, sources: _emit(
                r, fmt, output, statistics=statistics, quiet=quiet, color=color, sources=sources
            ),
        )
        return
    selecting = changed or since is not None or shard is not None
    if selecting and (fixing or add_noqa):
        raise click.UsageError("--changed, --since and --shard do not go with fixing")
    if fixing or add_noqa:
        report = engine.lint_paths(list(paths))
    else:
        from advisor import lint_run

        report = lint_run.lint(
            engine, list(paths), jobs=jobs, no_cache=no_cache, cache_dir=cache_dir,
            changed=changed, since=since, shard=shard,
        )  # fmt: skip
    cli_inputs.check_lint_input(report, paths, allow_empty or selecting)
    _check_mappings_used(named, engine.request_indices)
    if add_noqa:
        from advisor import fix_cli

        sys.exit(fix_cli.add_noqa_files(engine, report))
    if fixing:
        from advisor import fix_cli

        outcome = fix_cli.fix_paths(
            engine, report, unsafe=unsafe_fixes, diff=diff, gate=cli_verify.gate(verifier)
        )
        if diff:
            sys.exit(outcome)
        if fix_only:
            sys.exit(0)
        report = engine.lint_paths(list(paths))
    if baseline is not None:
        if update_baseline:
            cli_files.update_baseline(baseline, report, paths, prune)
            sys.exit(0)
        report = cli_files.apply_baseline(baseline, report)
    failed: list[str] = []
    if live_asked:
        history = cli_impact.read_history(snapshots, redshift_dsn, postgres_dsn, opensearch_url)
        failed = history.failures
        for note in failed:
            say(f"cannot read {note}", limit=None)
        report = cli_impact.join_history(report, config, history, threshold)
    report = cli_verify.check(verifier, report)
    _emit(report, fmt, output, statistics=statistics, quiet=quiet, color=color, frames_from=paths)
    unverified = cli_verify.summary(verifier)
    sys.exit(2 if failed or unverified else _exit_code(report, config, exit_zero))


def _mapping_pairs(values: Sequence[str]) -> dict[str, Path]:
    from advisor.files import not_regular

    pairs: dict[str, Path] = {}
    for value in values:
        index, sep, file = value.partition("=")
        if not sep or not index or not file:
            raise click.UsageError(f"--mapping expects INDEX=FILE, got {value!r}")
        if not Path(file).exists():
            raise click.UsageError(f"--mapping {index}: no such file: {file}")
        why = not_regular(Path(file))
        if why is not None:
            raise click.UsageError(f"--mapping {index}: {file} is {why}, not a mapping file")
        pairs[index] = Path(file).resolve()
    return pairs


def _regular_inputs(paths: Sequence[Path]) -> None:
    """A path named on the command line is a folder or a regular file: reading a FIFO or a
    device (`/dev/zero`) would block or never end."""
    from advisor.files import not_regular

    for path in paths:
        why = None if path.is_dir() else not_regular(path)
        if why is not None:
            raise click.UsageError(f"{path}: {why}, not a file the advisor can read")


def _check_mapping_files(config: Config) -> None:
    from advisor.files import not_regular

    for pattern, file in config.mappings.items():
        where = config.origins.get(f"opensearch.mappings.{pattern}", f"mapping {pattern}")
        if not file.exists():
            raise ConfigError(f"{where}: no such mapping file: {file}")
        why = not_regular(file)
        if why is not None:
            raise ConfigError(f"{where}: {file} is {why}, not a mapping file")


def _check_mappings_used(named: dict[str, Path], indices: set[str]) -> None:
    """A `--mapping` pattern that matches no index of the linted requests is most likely a
    typo; ignoring it would lint every request without its mapping, in silence."""
    if not named or not indices:
        return
    from advisor.config_schema import closest
    from advisor.dsl.mapping import patterns_overlap

    for pattern in named:
        if not any(patterns_overlap(index, pattern) for index in indices):
            hint = closest(pattern, sorted(indices))
            raise ConfigError(f"--mapping {pattern}: matches no index of the linted requests{hint}")


def _exit_code(report: Report, config: Config, exit_zero: bool) -> int:
    if exit_zero:
        return 0
    return 1 if any(f.severity >= config.fail_on for f in report.findings) else 0


def _emit(
    report: Report,
    fmt: str,
    output: Path | None,
    *,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    frames_from: Sequence[Path] = (),
    sources: dict[str, SourceText] | None = None,
    places: Places | None = None,
) -> None:
    """Render and print (or write) the report; code frames come only from files under
    `frames_from` (the paths the user named), never from paths a saved file names. `places`
    gives live findings the file and line where their object is defined."""
    import os

    if places is not None:
        report = places.locate(report)

    from advisor.report import render, shows_source
    from rules.registry import all_rules

    use_colour = cli_output.use_colour(color, output)
    if sources is None:
        # Files are read again only for a format that shows their lines.
        sources = cli_files.frame_sources(report, frames_from) if shows_source(fmt, quiet) else {}
    # Only SARIF carries rule documentation; loading every rule module for the other formats
    # would cost a small run more than the linting itself.
    docs = {r.id: r.doc for r in all_rules()} if fmt == "sarif" else {}
    text = render(
        report,
        fmt,
        sources,
        docs=docs,
        colour=use_colour,
        statistics=statistics,
        quiet=quiet,
        show_fixes=cli_output.showing_fixes(),
        full_report=_full_report_hint(fmt),
    )
    if fmt == "github":
        from advisor.report import github

        github.write_step_summary(report, sources, os.environ)
    if output is None:
        # `color`: click would strip the escapes on a pipe even when FORCE_COLOR asks for them.
        click.echo(text, nl=False, color=use_colour or None)
    else:
        write_file(output, text)


def _full_report_hint(fmt: str) -> str | None:
    """Only the Markdown report names where the full report is; the other formats do not
    pay for importing it."""
    if fmt != "markdown":
        return None
    import os

    from advisor.report import markdown

    return markdown.full_report_hint(os.environ)


@cli.command("report")
@click.argument(
    "results", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--merge", is_flag=True, help="Join several results (e.g. of `lint --shard`) into one report."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report here.")
@click.option("--statistics", is_flag=True, help="Also print the count of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@cli_output.colour_options
@cli_output.show_fixes_option
@click.option(
    "--sources",
    "source_roots",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder whose files the code frames may show (repeatable) [default: the working "
    "folder]; a saved result never makes the advisor read a file outside them.",
)
@_guard
def report_command(
    results: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    source_roots: tuple[Path, ...] = (),
    merge: bool = False,
) -> None:
    """Render a result saved with `lint --format json` in another format.

    With `--merge`, join several results (the shards of one run) into one report.
    """
    from advisor.report.json_report import ReportDataError, load_result, merge_results

    if len(results) > 1 and not merge:
        raise click.UsageError("several results given: add --merge to join them")
    try:
        report = merge_results(list(results)) if merge else load_result(results[0])
    except ReportDataError as err:
        raise click.UsageError(str(err)) from err
    roots = source_roots or (Path("."),)
    _emit(report, fmt, output, statistics=statistics, quiet=quiet, color=color, frames_from=roots)


@cli.command("explain")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@_report_options("RS-P01")
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
@_guard
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

    config = _configured(config_path, files[0], select, ignore, fail_on=fail_on)
    catalog = None
    if snapshot_file is not None:
        from connectors.snapshot import SnapshotError, load_redshift

        try:
            catalog = load_redshift(snapshot_file)
        except SnapshotError as err:
            raise click.UsageError(str(err)) from err
    report = live.analyze_plan_files(list(files), config, catalog, list(ddl_files))
    cli_inputs.check_plans(report, files, allow_empty)
    _emit(report, fmt, output, statistics=False, quiet=quiet, color=color, frames_from=files)
    sys.exit(_exit_code(report, config, exit_zero))


@cli.command("whatif")
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
@_guard
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


@cli.command("server")
@_guard
def server_command() -> None:
    """Run the language server over standard input and output (for editors)."""
    cli_extras.need("server", "server")
    from advisor.lsp.server import main as serve

    serve()


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_guard
def rules_command(fmt: str) -> None:
    """List every rule: id, severity, name and summary."""
    import json

    from rules.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "name": r.meta.name,
                "family": r.meta.family,
                "severity": r.meta.severity.label,
                "live": r.meta.live,
                "fix_safety": r.meta.fix_safety.value,
                "summary": r.meta.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for r in rules:
        live = "live" if r.meta.live else "static"
        click.echo(
            f"{r.id:8s} {r.meta.severity.label:7s} {live:6s} {r.meta.name:34s} {r.meta.summary}"
        )


@cli.command("rule")
@click.argument("rule_id")
@_guard
def rule_command(rule_id: str) -> None:
    """Print a rule's documentation."""
    from rules.registry import rule_by_id

    rule = rule_by_id(rule_id)
    if rule is None:
        say(f"unknown rule {rule_id!r}; `advisor rules` lists them")
        sys.exit(2)
    meta = rule.meta
    head = f"{meta.id} {meta.name} ({meta.severity.label}, {meta.family})"
    click.echo(f"# {head}\n\n{meta.summary}.\n\nFix safety: {meta.fix_safety.value}.")
    if not meta.default_on:
        click.echo(f"Off by default: add {meta.id} to `select` to run it.")
    if meta.options:
        click.echo(f"Options (under [tool.advisor.rules.{meta.id}]):")
        for name, default in meta.options.items():
            spec = meta.option_spec(name)
            doc = f" {spec.doc}" if spec.doc else ""
            click.echo(f"  {name} = {_toml_value(default)}  ({spec.describe()}){doc}")
    click.echo(f"\n{rule.doc}")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


@cli.command("config")
@click.option("--schema", is_flag=True, help="Print the configuration's JSON Schema.")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Config file."
)
@_guard
def config_command(schema: bool, config_path: Path | None) -> None:
    """Check the configuration (exit 2 on any error), or print its JSON Schema (--schema).

    The schema covers every key of [tool.advisor] / advisor.toml and every rule's options,
    for editors that read JSON Schema (Taplo, Even Better TOML).
    """
    from rules.registry import all_rules

    if schema:
        from advisor.config_schema import json_schema

        rules = [(r.id, r.meta.options, r.meta.option_specs) for r in all_rules()]
        click.echo(json.dumps(json_schema(rules), indent=2, ensure_ascii=False))
        return
    from advisor.config import check_rules

    config = load_config(config_path, start=Path.cwd())
    check_rules(config, {r.id: r.meta for r in all_rules()})
    _check_mapping_files(config)
    where = config.path.as_posix() if config.path else "no configuration file (defaults)"
    click.echo(f"advisor: {where}: valid")


@cli.command()
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
@_guard
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
    from advisor.tui.app import AdvisorApp
    from rules.registry import rule_by_id

    live_only = not paths and bool(dsn or opensearch is not None or redshift_dsn or snapshot_file)
    paths = paths or (Path("."),)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    _regular_inputs(paths)
    config = _configured(config_path, paths[0], select, ignore)

    def docs(rule_id: str) -> str:
        rule = rule_by_id(rule_id)
        return rule.doc if rule else ""

    sources = _tui_sources(
        config, paths, dsn, explain, opensearch, profile_files, redshift_dsn, snapshot_file
    )
    # With only live options, the working directory is not linted.
    lint_paths = [] if live_only else list(paths)
    lint = Engine(config, lint=True)
    AdvisorApp(
        lambda: lint.lint_paths(lint_paths),
        docs=docs,
        live_sources=sources,
        frames_from=[*paths, *explain, *profile_files],
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
        sources.append(tl.postgres_source(_tui_source("postgres", dsn), config, explain))
    if opensearch is not None:
        source = _tui_source("opensearch", opensearch)
        sources.append(tl.opensearch_source(source, config, paths, profile_files))
    if redshift_dsn:
        from connectors.redshift import RedshiftSource

        sources.append(tl.redshift_source(RedshiftSource(dsn=redshift_dsn), config))
    if snapshot_file is not None:
        sources.append(tl.snapshot_source(snapshot_file, config, paths))
    return sources


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


def _tui_source(system: str, address: str) -> Any:
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


@cli.command()
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
@_report_options("PG-C")
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
@_guard
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

    config = _configured(config_path, Path.cwd(), select, ignore, fail_on=fail_on)
    asked = cli_analyze.Asked(dsn, redshift_dsn, opensearch, snapshot_file)
    options = _read_options(
        schemas, top, statement_timeout, connect_timeout, deadline, os_timeout,
        explain, analyze_plans, profile_files, request_paths, since_days,
    )  # fmt: skip
    places = live_places.gather(
        ddl, live.request_files([*request_paths, *profile_files]), config.mappings
    )
    out = cli_analyze.Output(
        emit=lambda report, frames: _emit(
            report, fmt, output, statistics=statistics, quiet=quiet, color=color,
            frames_from=[*frames, *ddl], places=places,
        ),
        exit_code=lambda report: _exit_code(report, config, exit_zero),
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


@cli.command("snapshot")
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
@_guard
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

    cli_files.check_snapshot_target(output, force)
    asked = cli_analyze.Asked(dsn, redshift_dsn, opensearch)
    options = _read_options(
        schemas, top, statement_timeout, connect_timeout, deadline, os_timeout,
        explain, analyze_plans, profile_files, (), since_days,
    )  # fmt: skip
    sys.exit(cli_analyze.snapshot(asked, options, output))


def main() -> None:
    # sqlglot logs a warning for every statement it keeps as an opaque command; the advisor
    # reports what matters as findings, so those warnings would only be noise on stderr.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    # Drivers log the addresses they try; no log line may show a password.
    from advisor.redact import redact_logs

    redact_logs()
    try:
        cli(prog_name="advisor")
    except BrokenPipeError:  # a closed pipe outside a command (`advisor --help | head -1`)
        cli_output.closed_pipe()
