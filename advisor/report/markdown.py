"""Markdown for pull-request comments and job summaries.

Counts by severity first, then the findings grouped by file, each with its fix; SQL and DSL
fixes go in fenced code blocks. Text from the findings is escaped so that a message cannot
open an HTML tag or break the table.
"""

from __future__ import annotations

import html

from advisor.impact_text import describe, short, top_by_cost
from advisor.model import Finding, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import RuleDocs, by_file, fence_language, fenced

_ICONS = {
    Severity.ERROR: "🛑",
    Severity.HIGH: "🔴",
    Severity.MEDIUM: "🟠",
    Severity.LOW: "🟡",
    Severity.INFO: "🔵",
}


def render(report: Report, sources: dict[str, SourceText], *, docs: RuleDocs) -> str:
    out = [f"## advisor: {_headline(report)}", ""]
    counts = report.counts()
    if report.findings:
        out += ["| Severity | Findings |", "| --- | ---: |"]
        out += [f"| {_ICONS[s]} {s.label} | {counts[s]} |" for s in reversed(Severity) if counts[s]]
        out.append("")
    out += _top_by_cost(report)
    for path, findings in by_file(report).items():
        out += [f"### {inline_code(path) if path else 'Run'}", ""]
        for finding in findings:
            out += _finding(finding, report)
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(report: Report) -> str:
    total = len(report.findings)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if total == 0:
        return f"no findings in {files}"
    return f"{total} finding{'s' if total != 1 else ''} in {files}"


def _finding(finding: Finding, report: Report) -> list[str]:
    meta = report.rules.get(finding.rule_id)
    name = f" {inline_code(meta.name)}" if meta else ""
    loc = finding.location
    where = f" at line {loc.line}, column {loc.column}" if loc else ""
    lines = [
        f"- {_ICONS[finding.severity]} **{finding.rule_id}**{name} ({finding.severity.label})"
        f"{where}: {escape(finding.message)}"
    ]
    if finding.impact is not None:
        lines += ["", f"  Cost: {escape(describe(finding.impact))}"]
    if finding.evidence:
        facts = ", ".join(f"{escape(k)} = {inline_code(str(v))}" for k, v in finding.evidence.items)
        lines += ["", f"  Evidence: {facts}"]
    if finding.fix is not None:
        fix = finding.fix
        lines += ["", f"  **Fix** ({fix.safety.value}): {escape(fix.title)}"]
        if fix.content:
            block = fenced(fix.content, fence_language(fix.kind))
            lines += ["", *(f"  {line}" for line in block.splitlines())]
    lines.append("")
    return lines


def escape(text: str) -> str:
    """Escape text for Markdown prose: HTML-significant characters and table pipes."""
    return html.escape(printable(" ".join(text.split())), quote=False).replace("|", "\\|")


def inline_code(text: str) -> str:
    """Inline code that a backtick inside the text cannot close early."""
    text = printable(" ".join(text.split()))
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _top_by_cost(report: Report) -> list[str]:
    """A table of the costliest findings, when the run joined a live history."""
    top = top_by_cost(report)
    if not top:
        return []
    out = [
        f"### Top {len(top)} by cost",
        "",
        "| Cost per day | Rule | Where | Runs | Confidence |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for f in top:
        impact = f.impact
        assert impact is not None
        loc = f.location
        where = inline_code(f"{loc.path}:{loc.line}") if loc else ""
        out.append(
            f"| {escape(short(impact))} | **{f.rule_id}** | {where} | {impact.executions} |"
            f" {impact.confidence} |"
        )
    out.append("")
    return out
