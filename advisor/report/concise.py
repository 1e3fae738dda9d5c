"""One line per finding, `path:line:col: ID message`, and the summary line, as Ruff's
`--output-format concise`: for editors' quickfix lists, grep and a quick look in CI logs.

A finding without a file location (a live rule's table or index) shows its object instead of
the path (`system://redshift/sales.orders: RS-C01 ...`).
"""

from __future__ import annotations

from advisor.model import Finding, Report
from advisor.printable import printable
from advisor.report.text import summary_line


def render(report: Report, *, quiet: bool = False) -> str:
    lines = [] if quiet else [line(f) for f in report.sorted()]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def line(finding: Finding) -> str:
    loc = finding.location
    if loc is not None:
        where = f"{printable(loc.path)}:{loc.line}:{loc.column}"
    else:
        where = printable(finding.object or "<run>")
    return f"{where}: {printable(finding.rule_id)} {printable(finding.message)}"
