"""GitHub Actions workflow commands: annotations on the changed lines, plus a job summary.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step, so the
first ones of each level are printed and one notice says how many more there are; the job
summary, written to the file named by GITHUB_STEP_SUMMARY, holds every finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from advisor.model import Finding, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import RuleDocs, markdown
from advisor.words import count

LEVELS = {
    Severity.ERROR: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "warning",
    Severity.INFO: "notice",
}
CAP = 10  # annotations of one level that GitHub shows for one step


def render(report: Report, sources: dict[str, SourceText], *, docs: RuleDocs) -> str:
    findings = report.sorted()
    totals = dict.fromkeys(("error", "warning", "notice"), 0)
    for finding in findings:
        totals[LEVELS[finding.severity]] += 1
    limits = dict.fromkeys(totals, CAP)
    if any(n > CAP for n in totals.values()) and totals["notice"] >= CAP:
        # Keep a notice slot free for the line that says what was left out.
        limits["notice"] = CAP - 1
    printed = dict.fromkeys(totals, 0)
    out: list[str] = []
    for finding in findings:
        level = LEVELS[finding.severity]
        if printed[level] < limits[level]:
            printed[level] += 1
            out.append(annotation(finding, report))
    hidden = {level: totals[level] - printed[level] for level in totals}
    left = sum(hidden.values())
    if left:
        parts = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in hidden.items() if n)
        out.append(
            f"::notice title=advisor::{left} more finding{'s' if left != 1 else ''} not annotated "
            f"({parts}); the job summary lists every finding"
        )
    out.append(_summary_line(report))
    return "\n".join(out) + "\n"


def annotation(finding: Finding, report: Report) -> str:
    meta = report.rules.get(finding.rule_id)
    title = f"{finding.rule_id} {meta.name}" if meta else finding.rule_id
    props: list[tuple[str, str]] = []
    loc = finding.location
    if loc is not None:
        props += [("file", loc.path), ("line", str(loc.line)), ("col", str(loc.column))]
        props += [("endLine", str(loc.end_line)), ("endColumn", str(loc.end_column))]
    props.append(("title", title))
    message = finding.message
    if finding.fix is not None:
        message += f"\nFix ({finding.fix.safety.value}): {finding.fix.title}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{LEVELS[finding.severity]} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message: line breaks encoded, other controls shown as text."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value (file, title): as a message, with `:` and `,` encoded too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _summary_line(report: Report) -> str:
    total = len(report.findings)
    files = f" in {count(report.files, 'file')}" if report.files else ""
    return f"advisor: {count(total, 'finding')}{files}"


def write_step_summary(
    report: Report, sources: Mapping[str, SourceText], environ: Mapping[str, str]
) -> Path | None:
    """Append the Markdown report to the job summary file, when the step has one."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as handle:
        hint = markdown.full_report_hint(environ)
        handle.write(markdown.render(report, dict(sources), docs={}, full_report=hint))
    return path
