"""Markdown for pull-request comments and job summaries.

Counts by severity first, then the findings grouped by rule, each rule collapsed in a
`<details>` block whose summary says how many findings it holds; SQL and DSL fixes go in fenced
code blocks. Text from the findings is escaped so that a message cannot open an HTML tag or
break the table.

GitHub refuses a comment over 65,536 characters, so the report stays within `limit`: the
findings that do not fit are left out, and the last line says how many (per rule) and where
the full report is.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from advisor.impact_text import describe, short, top_by_cost
from advisor.model import Finding, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import RuleDocs, fence_language, fenced, logical
from advisor.words import count

# GitHub's limit on the body of an issue or pull-request comment, in characters.
LIMIT = 65_536
# Room kept for the closing lines and the note on what was left out.
_RESERVE = 2_000
# The <details>, <summary> and closing lines of one rule's group, at most.
_HEAD = 300
DEFAULT_FULL_REPORT = (
    "run the same command with `--format text`, `--format json` or `--format sarif` "
    "for every finding"
)

_ICONS = {
    Severity.ERROR: "🛑",
    Severity.HIGH: "🔴",
    Severity.MEDIUM: "🟠",
    Severity.LOW: "🟡",
    Severity.INFO: "🔵",
}


def render(
    report: Report,
    sources: dict[str, SourceText],
    *,
    docs: RuleDocs,
    limit: int = LIMIT,
    full_report: str | None = None,
) -> str:
    out = [f"## advisor: {_headline(report)}", ""]
    counts = report.counts()
    if report.findings:
        out += ["| Severity | Findings |", "| --- | ---: |"]
        out += [
            f"| {_ICONS[s]} {s.label} | {counts[s]:,} |" for s in reversed(Severity) if counts[s]
        ]
        out.append("")
    out += _top_by_cost(report)
    used = sum(len(line) + 1 for line in out)
    groups = [(rule_id, findings, [_finding(f, report) for f in findings])
              for rule_id, findings in _by_rule(report)]  # fmt: skip
    # Room for the findings once every rule's <details> and <summary> lines are counted.
    room = max(limit - _RESERVE - used - _HEAD * len(groups), 0)
    shares = _fair_shares(
        [sum(len(line) + 1 for b in blocks for line in b) for *_, blocks in groups], room
    )
    left_out: dict[str, int] = {}
    for (rule_id, findings, blocks), share in zip(groups, shares, strict=True):
        shown: list[str] = []
        for n, block in enumerate(blocks):
            size = sum(len(line) + 1 for line in block)
            if size > share:
                left_out[rule_id] = len(blocks) - n
                break
            shown += block
            share -= size
        if not shown:
            shown = ["- left out for length (see the note at the end)", ""]
        summary = _summary(rule_id, findings, report, len(findings) - left_out.get(rule_id, 0))
        out += ["<details>", summary, "", *shown, "</details>", ""]
    if left_out:
        out += [_left_out_note(left_out, full_report or DEFAULT_FULL_REPORT), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _fair_shares(sizes: list[int], room: int) -> list[int]:
    """Split `room` characters among groups of `sizes`: a group that needs less than an equal
    share gets what it needs, and the rest is split evenly among the others (max-min fair),
    so one large rule cannot push every other rule out of the report."""
    shares = [0] * len(sizes)
    left = room
    pending = sorted(range(len(sizes)), key=lambda i: sizes[i])
    for n, i in enumerate(pending):
        shares[i] = min(sizes[i], left // (len(pending) - n))
        left -= shares[i]
    return shares


def full_report_hint(environ: Mapping[str, str]) -> str | None:
    """Where a CI job's full report is: the GitHub Actions run or the GitLab job, from the
    variables those runners set; None elsewhere."""
    server, repo, run = (
        environ.get("GITHUB_SERVER_URL"),
        environ.get("GITHUB_REPOSITORY"),
        environ.get("GITHUB_RUN_ID"),
    )
    if server and repo and run:
        return f"the log and artifacts of the workflow run {server}/{repo}/actions/runs/{run}"
    job = environ.get("CI_JOB_URL")
    if job:
        return f"the log and artifacts of the job {job}"
    return None


def _by_rule(report: Report) -> list[tuple[str, list[Finding]]]:
    """Findings by rule: the most severe rules first, then the commonest, then by id."""
    groups: dict[str, list[Finding]] = {}
    for finding in report.sorted():
        groups.setdefault(finding.rule_id, []).append(finding)
    return sorted(
        groups.items(),
        key=lambda kv: (-max(f.severity for f in kv[1]), -len(kv[1]), kv[0]),
    )


def _summary(rule_id: str, findings: list[Finding], report: Report, shown: int) -> str:
    meta = report.rules.get(rule_id)
    severity = max(f.severity for f in findings)
    name = f" <code>{html.escape(printable(meta.name))}</code>" if meta else ""
    total = count(len(findings), "finding")
    if shown < len(findings):
        total += f", {shown:,} shown"
    return (
        f"<summary>{_ICONS[severity]} <b>{html.escape(printable(rule_id))}</b>{name} "
        f"({severity.label}): {total}</summary>"
    )


def _left_out_note(left_out: dict[str, int], full_report: str) -> str:
    total = sum(left_out.values())
    per_rule = ", ".join(f"{html.escape(rule)} ({n:,})" for rule, n in left_out.items())
    return (
        f"**{count(total, 'finding')} left out** to keep this report within GitHub's "
        f"{LIMIT:,}-character limit ({per_rule}); for the full report, {escape(full_report)}."
    )


def _headline(report: Report) -> str:
    total = len(report.findings)
    files = f" in {count(report.files, 'file')}" if report.files else ""
    if total == 0:
        return f"no findings{files}"
    return f"{count(total, 'finding')}{files}"


def _finding(finding: Finding, report: Report) -> list[str]:
    loc = finding.location
    if loc is not None:
        where = f"{inline_code(loc.path)} line {loc.line}, column {loc.column}"
    else:
        where = inline_code(logical.place(finding, report))
    lines = [f"- {where}: {escape(finding.message)}"]
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
        "| Cost | Rule | Where | Runs | Confidence |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for f in top:
        impact = f.impact
        assert impact is not None
        loc = f.location
        where = inline_code(f"{loc.path}:{loc.line}" if loc else logical.shown(f, report))
        out.append(
            f"| {escape(short(impact))} | **{f.rule_id}** | {where} | {impact.executions} |"
            f" {impact.confidence} |"
        )
    out.append("")
    return out
