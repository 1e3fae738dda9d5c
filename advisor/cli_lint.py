"""`advisor lint` (files, standard input, fixes, baselines, live costs), `advisor report` (a saved
result in another format) and `advisor server` (the same lint in an editor)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from advisor import (
    cli_extras,
    cli_files,
    cli_impact,
    cli_inputs,
    cli_output,
    cli_verify,
)
from advisor.cli_base import (
    SEVERITY_CHOICES,
    check_mapping_files,
    configured,
    emit,
    exit_code,
    format_option,
    guard,
    output_option,
    quiet_option,
    regular_inputs,
)
from advisor.cli_options import check_folder, say
from advisor.config import DIALECTS, TEMPLATERS, Config, ConfigError
from advisor.model import Report

if TYPE_CHECKING:
    from advisor.cli_verify import Verifier
    from advisor.engine import Engine


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@output_option
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
@quiet_option
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
@guard
def lint(**options: Any) -> None:
    """Lint SQL files (and folders of them); nothing is connected to unless asked.

    `-` reads standard input. `--fix` applies safe fixes in place (`--unsafe-fixes` adds the
    unsafe ones); with `-` it writes the fixed text to standard output. With `--redshift`,
    `--dsn`, `--opensearch` or `--snapshot`, every finding gets what its statement costs in
    that system's history, and the report is ordered by that cost. `--verify-fixes` runs
    each rewritten request body next to its original on the --opensearch cluster first, and
    EXPLAINs each rewritten query next to its original on the --redshift cluster.
    """
    _lint(LintOptions(**options))


@dataclass(frozen=True, slots=True)
class LintOptions:
    """The options of one `advisor lint`, as the command line gave them."""

    paths: tuple[Path, ...]
    fmt: str
    output: Path | None
    fail_on: str | None
    exit_zero: bool
    select: str | None
    ignore: str | None
    dialect: str | None
    config_path: Path | None
    mappings: tuple[str, ...]
    statistics: bool
    quiet: bool
    color: bool | None
    baseline: Path | None = None
    update_baseline: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    fix_only: bool = False
    diff: bool = False
    add_noqa: bool = False
    stdin_filename: str | None = None
    follow_symlinks: bool = False
    prune: bool = False
    templater: str | None = None
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    changed: bool = False
    since: str | None = None
    shard: str | None = None
    respect_gitignore: bool = True
    allow_empty: bool = False
    snapshots: tuple[Path, ...] = ()
    redshift_dsn: str | None = None
    postgres_dsn: str | None = None
    opensearch_url: str | None = None
    min_impact: str | None = None
    verify_fixes: bool = False
    verify_limit: int = 20


def _lint(o: LintOptions) -> None:
    live_asked = cli_impact.asked(o.snapshots, o.redshift_dsn, o.postgres_dsn, o.opensearch_url)
    if live_asked or o.verify_fixes:
        cli_extras.need(f"lint {_live_flags(o)}", "live")
    threshold = cli_impact.threshold_of(o.min_impact, live_asked)
    if o.update_baseline and o.baseline is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if o.prune and not o.update_baseline:
        raise click.UsageError("--prune goes with --update-baseline")
    check_folder(o.output)
    check_folder(o.baseline if o.update_baseline else None)
    from advisor.engine import Engine

    paths, stdin = _inputs(o)
    config, named = _config(o, Path(o.stdin_filename or ".") if stdin else paths[0])
    engine = Engine(config, lint=True)
    fixing = o.fix or o.fix_only or o.diff
    verifier = cli_verify.verifier_of(
        o.verify_fixes, o.verify_limit, o.opensearch_url, config, o.redshift_dsn
    )
    if stdin and verifier is not None:
        raise click.UsageError("--verify-fixes reads the requests from files, not from `-`")
    if stdin:
        _lint_stdin(engine, o, fixing)
        return
    selecting = o.changed or o.since is not None or o.shard is not None
    if selecting and (fixing or o.add_noqa):
        raise click.UsageError("--changed, --since and --shard do not go with fixing")
    if fixing or o.add_noqa:
        report = engine.lint_paths(list(paths))
    else:
        from advisor import lint_run

        report = lint_run.lint(
            engine, list(paths), jobs=o.jobs, no_cache=o.no_cache, cache_dir=o.cache_dir,
            changed=o.changed, since=o.since, shard=o.shard,
        )  # fmt: skip
    cli_inputs.check_lint_input(report, paths, o.allow_empty or selecting)
    _check_mappings_used(named, engine.request_indices)
    report = _fixed_and_baselined(engine, o, report, paths, fixing, verifier)
    failed: list[str] = []
    if live_asked:
        history = cli_impact.read_history(
            o.snapshots, o.redshift_dsn, o.postgres_dsn, o.opensearch_url
        )
        failed = history.failures
        for note in failed:
            say(f"cannot read {note}", limit=None)
        report = cli_impact.join_history(report, config, history)
    report = cli_impact.catalog_costs(report, config, threshold)
    report = cli_verify.check(verifier, report)
    emit(
        report, o.fmt, o.output, statistics=o.statistics, quiet=o.quiet, color=o.color,
        frames_from=paths,
    )  # fmt: skip
    unverified = cli_verify.summary(verifier)
    sys.exit(2 if failed or unverified else exit_code(report, config, o.exit_zero))


def _live_flags(o: LintOptions) -> str:
    """The options of `o` that read a live system or a snapshot, as typed."""
    given = (
        ("--snapshot", o.snapshots),
        ("--redshift", o.redshift_dsn),
        ("--dsn", o.postgres_dsn),
        ("--opensearch", o.opensearch_url),
        ("--verify-fixes", o.verify_fixes),
    )
    return " ".join(flag for flag, value in given if value)


def _inputs(o: LintOptions) -> tuple[tuple[Path, ...], bool]:
    """The paths to lint (the working folder when none is named), checked, and whether they
    are standard input (`-`)."""
    paths = o.paths or (Path("."),)
    stdin = any(str(p) == "-" for p in paths)
    if stdin and len(paths) > 1:
        raise click.UsageError("`-` (standard input) cannot be combined with other paths")
    if o.stdin_filename is not None and not stdin:
        raise click.UsageError("--stdin-filename needs `-` as the path")
    missing = [p for p in paths if not stdin and not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    if not stdin:
        regular_inputs(paths)
    return paths, stdin


def _config(o: LintOptions, start: Path) -> tuple[Config, dict[str, Path]]:
    """The configuration found from `start` with the command line applied, and the mapping
    files named by --mapping."""
    config = configured(
        o.config_path, start, o.select, o.ignore, fail_on=o.fail_on, dialect=o.dialect
    )
    check_mapping_files(config)
    named = _mapping_pairs(o.mappings)
    if named:
        config = config.with_overrides(mappings={**config.mappings, **named})
    if o.templater is not None:
        config = config.with_overrides(templater=o.templater)
    if o.follow_symlinks:
        config = config.with_overrides(follow_symlinks=True)
    if not o.respect_gitignore:
        config = config.with_overrides(respect_gitignore=False)
    return config, named


def _lint_stdin(engine: Engine, o: LintOptions, fixing: bool) -> None:
    """Lint (or fix) the text on standard input."""
    from advisor import fix_cli

    fix_cli.lint_stdin(
        engine,
        o.stdin_filename or "-",
        fixing=fixing,
        unsafe=o.unsafe_fixes,
        fix_only=o.fix_only,
        diff=o.diff,
        add_noqa=o.add_noqa,
        emit=lambda r, sources: emit(
            r, o.fmt, o.output, statistics=o.statistics, quiet=o.quiet, color=o.color,
            sources=sources,
        ),
    )  # fmt: skip


def _fixed_and_baselined(
    engine: Engine,
    o: LintOptions,
    report: Report,
    paths: Sequence[Path],
    fixing: bool,
    verifier: Verifier | None,
) -> Report:
    """--add-noqa, the fixes (--fix, --fix-only, --diff: each may end the run here), then the
    baseline (--update-baseline ends the run): the report that is left to print."""
    if o.add_noqa:
        from advisor import fix_cli

        sys.exit(fix_cli.add_noqa_files(engine, report))
    if fixing:
        from advisor import fix_cli

        outcome = fix_cli.fix_paths(
            engine, report, unsafe=o.unsafe_fixes, diff=o.diff, gate=cli_verify.gate(verifier)
        )
        if o.diff:
            sys.exit(outcome)
        if o.fix_only:
            sys.exit(0)
        report = engine.lint_paths(list(paths))
    if o.baseline is not None:
        if o.update_baseline:
            cli_files.update_baseline(o.baseline, report, paths, o.prune)
            sys.exit(0)
        report = cli_files.apply_baseline(o.baseline, report)
    return report


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


@click.command("report")
@click.argument(
    "results", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--merge", is_flag=True, help="Join several results (e.g. of `lint --shard`) into one report."
)
@format_option
@output_option
@click.option("--statistics", is_flag=True, help="Also print the count of findings per rule.")
@quiet_option
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
@guard
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
    emit(report, fmt, output, statistics=statistics, quiet=quiet, color=color, frames_from=roots)


@click.command("server")
@guard
def server_command() -> None:
    """Run the language server over standard input and output (for editors)."""
    cli_extras.need("server", "server")
    from advisor.lsp.server import main as serve

    serve()
