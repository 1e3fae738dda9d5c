"""The optional parts of the install: `advisor lint` needs only the core dependencies (the
pre-commit hook's environment); the TUI, the live readers and the language server come with
the extras `tui`, `live` and `server`. A command whose extra is missing says which to install.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

from advisor.cli_options import say

DISTRIBUTION = "redshift-opensearch-advisor"
EXTRAS: dict[str, tuple[str, ...]] = {
    "tui": ("textual",),
    "live": ("psycopg", "opensearchpy", "networkx", "rich"),
    "server": ("pygls",),
}


def missing(extra: str) -> list[str]:
    """The modules of `extra` that cannot be imported."""
    out = []
    for module in EXTRAS[extra]:
        try:
            found = find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(module)
    return out


def need(command: str, *extras: str) -> None:
    """Exit 2 with the install command when an extra that `command` needs is missing."""
    lacking = [extra for extra in extras if missing(extra)]
    if not lacking:
        return
    modules = ", ".join(m for extra in lacking for m in missing(extra))
    names = ",".join(lacking)
    say(
        f"`advisor {command}` needs the {names} extra ({modules} not installed): "
        f"pip install '{DISTRIBUTION}[{names}]'",
        limit=None,
    )
    sys.exit(2)
