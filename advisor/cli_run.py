"""What a published report says about the run that made it: when, which advisor, which
command line, which configuration and which sources.

The report formats are pure functions of their inputs, so the CLI gathers this here (the
clock, the command line, the configuration it loaded) and hands it to the format.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from advisor import __version__
from advisor.config import Config
from advisor.model import Report
from advisor.printable import printable
from advisor.redact import redact, secrets_of
from advisor.report import RunInfo

_loaded: list[Config] = []


def remember(config: Config) -> None:
    """Note the configuration this command loaded (the last one wins)."""
    _loaded[:] = [config]


def config_label(config: Config | None) -> str:
    """The configuration file, relative to the working folder when it is inside it."""
    if config is None or config.path is None:
        return "defaults (no configuration file found)"
    try:
        return str(config.path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(config.path)


def live_systems(report: Report) -> list[str]:
    """The live systems whose rules ran (`postgres`, `redshift`, `opensearch`)."""
    ran = set(report.rules_run)
    systems = {
        meta.family.split(".", 1)[0]
        for rule_id, meta in report.rules.items()
        if meta.live and (rule_id in ran or not ran)
    }
    return sorted(systems)


def command_line(argv: Sequence[str]) -> str:
    """The command as typed, with every password masked."""
    args = list(argv)
    secrets = [secret for arg in args for secret in secrets_of(arg)]
    # Each argument is masked before it is quoted: masked after, a password at the end of a
    # quoted DSN would take the closing quote with it.
    return printable(shlex.join(["advisor", *(redact(arg, secrets) for arg in args)]))


def run_info(
    report: Report,
    paths: Sequence[Path],
    argv: Sequence[str] | None = None,
    now: datetime | None = None,
) -> RunInfo:
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    config = _loaded[0] if _loaded else None
    args = list(sys.argv[1:] if argv is None else argv)
    # Only `analyze` reads live systems; lint's mapping rules read files.
    live = live_systems(report) if args[:1] == ["analyze"] else []
    sources = [str(path) for path in paths] + [f"{system} (live)" for system in live]
    return RunInfo(
        generated=moment.isoformat().replace("+00:00", "Z"),
        version=__version__,
        command=command_line(args),
        config=config_label(config),
        sources=tuple(dict.fromkeys(sources)),
    )
