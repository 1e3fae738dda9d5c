"""Colours shared by the widgets: one style per severity."""

from __future__ import annotations

from advisor.model import Severity

SEVERITY_STYLE: dict[Severity, str] = {
    Severity.INFO: "dim",
    Severity.LOW: "cyan",
    Severity.MEDIUM: "yellow",
    Severity.HIGH: "bold dark_orange",
    Severity.ERROR: "bold red",
}
