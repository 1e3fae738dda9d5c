"""What the commands share: the guard that maps every error to one line and exit code 2,
the configuration with the command line applied, the report options, and printing a report."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from advisor import (
    cli_files,
    cli_output,
    cli_run,
)
from advisor.cli_options import apply_options, say, write_file
from advisor.config import Config, ConfigError, load_config
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


def guard(func: F) -> F:
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


def start_debug_log() -> None:
    """Tracebacks of failing rules (AD-004) and internal errors on stderr."""
    logger = logging.getLogger("advisor")
    handler = logging.StreamHandler()  # the stderr of this invocation
    handler.setFormatter(logging.Formatter("advisor: debug: %(message)s"))
    handler.addFilter(RedactingFilter())  # a traceback can quote a DSN
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG)


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def configured(
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
    cli_run.remember(config)
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


# The report options of every command that prints findings (`lint`, `report`, the live ones).
format_option = click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write the report here."
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")


def report_options(select_example: str) -> Callable[[F], F]:
    """Output, exit-code and selection options shared by the commands that report findings."""

    def apply(func: F) -> F:
        options = [
            format_option,
            output_option,
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
            quiet_option,
            cli_output.colour_options,
            cli_output.show_fixes_option,
        ]
        return apply_options(func, options)

    return apply


def regular_inputs(paths: Sequence[Path]) -> None:
    """A path named on the command line is a folder or a regular file: reading a FIFO or a
    device (`/dev/zero`) would block or never end."""
    from advisor.files import not_regular

    for path in paths:
        why = None if path.is_dir() else not_regular(path)
        if why is not None:
            raise click.UsageError(f"{path}: {why}, not a file the advisor can read")


def check_mapping_files(config: Config) -> None:
    from advisor.files import not_regular

    for pattern, file in config.mappings.items():
        where = config.origins.get(f"opensearch.mappings.{pattern}", f"mapping {pattern}")
        if not file.exists():
            raise ConfigError(f"{where}: no such mapping file: {file}")
        why = not_regular(file)
        if why is not None:
            raise ConfigError(f"{where}: {file} is {why}, not a mapping file")


def exit_code(report: Report, config: Config, exit_zero: bool) -> int:
    if exit_zero:
        return 0
    return 1 if any(f.severity >= config.fail_on for f in report.findings) else 0


def emit(
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
    docs = {r.id: r.doc for r in all_rules()} if fmt in ("sarif", "html") else {}
    run = cli_run.run_info(report, frames_from) if fmt == "html" else None
    text = render(
        report,
        fmt,
        sources,
        docs=docs,
        colour=use_colour,
        statistics=statistics,
        quiet=quiet,
        show_fixes=cli_output.showing_fixes(),
        run=run,
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
    from advisor.report import markdown

    return markdown.full_report_hint(os.environ)
