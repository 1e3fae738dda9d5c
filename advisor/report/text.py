"""Human output in the style of modern linters: location, rule, message, a code frame, the fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import click

from advisor.model import Finding, Report, Severity, SourceText

Style = Callable[..., str]

_COLOURS = {
    Severity.ERROR: "red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "blue",
}


def render(
    report: Report,
    sources: dict[str, SourceText],
    *,
    colour: bool = False,
    frames: bool = True,
    statistics: bool = False,
    quiet: bool = False,
) -> str:
    out: list[str] = []
    style = _styler(colour)
    if not quiet:
        for finding in report.sorted():
            out.extend(_finding(finding, sources.get(_path(finding)), style, frames))
    if statistics:
        out.extend(_statistics(report))
    out.append(_summary(report, style))
    return "\n".join(out) + "\n"


def _path(finding: Finding) -> str:
    return finding.location.path if finding.location else ""


def _styler(colour: bool) -> Style:
    def style(text: str, **kw: bool | str) -> str:
        return click.style(text, **kw) if colour else text  # type: ignore[arg-type]

    return style


def _finding(finding: Finding, source: SourceText | None, style: Style, frames: bool) -> list[str]:
    loc = finding.location
    where = f"{loc.path}:{loc.line}:{loc.column}" if loc else "<run>"
    sev = finding.severity
    head = (
        f"{style(where, bold=True)}: {style(finding.rule_id, fg=_COLOURS[sev], bold=True)} "
        f"[{sev.label}] {finding.message}"
    )
    lines = [head]
    if frames and loc is not None and source is not None:
        lines.extend(_frame(source, loc.line, loc.column, loc.end_line, loc.end_column, style))
    if finding.fix is not None:
        fix = finding.fix
        lines.append(f"  {style('fix', fg='green')} ({fix.safety.value}): {fix.title}")
        if fix.content:
            lines.extend(f"    {line}" for line in fix.content.splitlines())
    lines.append("")
    return lines


def _frame(
    source: SourceText, line: int, col: int, end_line: int, end_col: int, style: Style
) -> list[str]:
    last = min(end_line, line + 2)
    width = len(str(last))
    out = [f"{' ' * width} |"]
    for n in range(line, last + 1):
        full = source.line_text(n).expandtabs(1)
        start = col if n == line else 1
        stop = end_col if n == end_line else len(full)
        text, start, stop = clip_line(full, start, stop)
        out.append(f"{style(str(n).rjust(width), dim=True)} | {text}")
        if stop >= start:
            marker = " " * (start - 1) + "^" * max(1, stop - start + 1)
            out.append(f"{' ' * width} | {style(marker, fg='red')}")
    if end_line > last:
        out.append(f"{' ' * width} | ...")
    return out


FRAME_WIDTH = 160


def clip_line(text: str, start: int, stop: int, width: int = FRAME_WIDTH) -> tuple[str, int, int]:
    """A window of a long line around the marked columns (1-based, inclusive), with `…` where
    text was cut, and the marked columns within the window: a minified file of one 10 MB line
    must not become a 10 MB code frame."""
    if len(text) <= width:
        return text, start, stop
    lo = max(0, min(start - 1 - width // 4, len(text) - width))
    hi = lo + width
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    shift = lo - len(head)
    return head + text[lo:hi] + tail, max(start - shift, 1), min(stop - shift, width + len(head))


def _statistics(report: Report) -> list[str]:
    counts = Counter(f.rule_id for f in report.findings)
    lines = []
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        meta = report.rules.get(rule_id)
        name = meta.name if meta else ""
        lines.append(f"{n:6d}  {rule_id:8s} {name}")
    if lines:
        lines.append("")
    return lines


def _summary(report: Report, style: Style) -> str:
    counts = report.counts()
    total = len(report.findings)
    if total == 0:
        head = style("No findings", fg="green", bold=True)
    else:
        parts = ", ".join(f"{counts[s]} {s.label}" for s in reversed(Severity) if counts[s])
        head = style(f"Found {total} finding{'s' if total != 1 else ''}", bold=True) + f" ({parts})"
    if report.files == 0 and report.statements == 0:
        return f"{head}."  # a live run over a catalog: there are no files to count
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    return f"{head} in {files}, {report.statements} statements."
