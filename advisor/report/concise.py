"""One line per finding, `path:line:col: ID message`, and the summary line, as Ruff's
`--output-format concise`: for editors' quickfix lists, grep and a quick look in CI logs.

A finding without a file location (a live rule's table or index) shows its object instead of
the path (`system://redshift/sales.orders: RS-C01 ...`).
"""

from __future__ import annotations

from advisor.model import Finding, Report
from advisor.printable import printable
from advisor.report import logical
from advisor.report.text import summary_line


def render(report: Report, *, quiet: bool = False) -> str:
    lines = [] if quiet else [line(f, report) for f in report.sorted()]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def line(finding: Finding, report: Report | None = None) -> str:
    where = printable(logical.shown(finding, report))
    return f"{where}: {printable(finding.rule_id)} {printable(finding.message)}"
