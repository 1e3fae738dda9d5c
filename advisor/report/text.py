"""Human output in the style of modern linters: location, rule, message, a code frame, the fix.

Everything that comes from files or servers (paths, messages, SQL, fix text) goes through
`printable`, so an ESC sequence or a newline in a file name shows as text (`^[`, `^J`) and can
neither drive the terminal nor forge a finding line; a fix keeps its own line breaks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import click

from advisor.impact_text import describe
from advisor.model import Finding, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import fix_diff, logical
from advisor.words import count, severity_count

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
    show_fixes: bool = False,
) -> str:
    """`show_fixes`: the full text of each fix, not the diff of the span it changes."""
    out: list[str] = []
    style = _styler(colour)
    if not quiet:
        for finding in report.sorted():
            source = sources.get(_path(finding))
            out.extend(_finding(finding, report, source, style, frames, show_fixes))
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


def _finding(
    finding: Finding,
    report: Report,
    source: SourceText | None,
    style: Style,
    frames: bool,
    show_fixes: bool,
) -> list[str]:
    loc = finding.location
    where = printable(logical.shown(finding, report))
    sev = finding.severity
    rule = printable(finding.rule_id)
    head = (
        f"{style(where, bold=True)}: {style(rule, fg=_COLOURS[sev], bold=True)} "
        f"[{sev.label}] {printable(finding.message)}"
    )
    lines = [head]
    if finding.impact is not None:
        lines.append(f"  {style('cost', fg='magenta')}: {printable(describe(finding.impact))}")
    if frames and loc is not None and source is not None:
        lines.extend(_frame(source, loc.line, loc.column, loc.end_line, loc.end_column, style))
    if finding.fix is not None:
        fix = finding.fix
        lines.append(f"  {style('fix', fg='green')} ({fix.safety.value}): {printable(fix.title)}")
        changes = None if show_fixes else fix_diff.diff(finding, source)
        if changes is not None:
            lines.extend(f"    {_diff_line(line, style)}" for line in changes)
        elif fix.content:
            content = printable(fix.content, newlines=True)
            lines.extend(f"    {line}" for line in content.split("\n"))
    lines.append("")
    return lines


def _diff_line(line: str, style: Style) -> str:
    shown = printable(line)
    if line.startswith("+"):
        return style(shown, fg="green")
    if line.startswith("-"):
        return style(shown, fg="red")
    if line.startswith("@@"):
        return style(shown, fg="cyan")
    return shown


def _frame(
    source: SourceText, line: int, col: int, end_line: int, end_col: int, style: Style
) -> list[str]:
    last = min(end_line, line + 2)
    width = len(str(last))
    out = [f"{' ' * width} |"]
    for n in range(line, last + 1):
        raw = source.line_text(n).expandtabs(1)
        full = printable(raw)
        # Columns count source characters; a character shown as `^[` takes two places.
        start = (len(printable(raw[: col - 1])) + 1) if n == line else 1
        stop = len(printable(raw[:end_col])) if n == end_line else len(full)
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
        name = printable(meta.name) if meta else ""
        lines.append(f"{n:6d}  {printable(rule_id):8s} {name}")
    if lines:
        lines.append("")
    return lines


def summary_line(report: Report) -> str:
    """`Found 2 findings (1 high, 1 low) in 1 file, 1 statement.` without colour."""
    return _summary(report, _styler(False))


def _summary(report: Report, style: Style) -> str:
    counts = report.counts()
    total = len(report.findings)
    if total == 0:
        head = style("No findings", fg="green", bold=True)
    else:
        parts = ", ".join(
            severity_count(counts[s], s.label) for s in reversed(Severity) if counts[s]
        )
        head = style(f"Found {count(total, 'finding')}", bold=True) + f" ({parts})"
    if report.files == 0:
        # A live run over a catalog (its plans or history are no files): nothing to count.
        return f"{head}."
    return f"{head} in {count(report.files, 'file')}, {count(report.statements, report.unit)}."
