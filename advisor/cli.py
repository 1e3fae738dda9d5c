"""The `advisor` command: argument handling only; the work is done by the engine and reports.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage, configuration
or internal error.

The commands are declared by responsibility and registered here: `advisor.cli_lint` (lint,
report, server), `advisor.cli_live` (analyze, snapshot, explain, whatif), `advisor.cli_tui`
(tui), `advisor.cli_info` (rules, rule, config); what they share is in `advisor.cli_base`.
"""

from __future__ import annotations

import logging
import os

import click

from advisor import __version__, cli_info, cli_lint, cli_live, cli_output, cli_tui
from advisor.cli_base import start_debug_log
from advisor.cli_tui import tui_source as _tui_source

__all__ = ["_tui_source", "cli", "main"]


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
        start_debug_log()
    elif logger.level == logging.DEBUG:  # an earlier invocation in the same process
        logger.handlers = []
        logger.setLevel(logging.NOTSET)


for command in (
    cli_lint.lint,
    cli_lint.report_command,
    cli_lint.server_command,
    cli_live.analyze,
    cli_live.snapshot_command,
    cli_live.explain_command,
    cli_live.whatif_command,
    cli_tui.tui,
    cli_info.rules_command,
    cli_info.rule_command,
    cli_info.config_command,
):
    cli.add_command(command)


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
