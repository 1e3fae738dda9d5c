"""One self-contained HTML page: summary, inline SVG charts, and every finding in full.

Nothing is loaded from the network (no external CSS, scripts or fonts), so the file can be
kept as a CI artifact and opened anywhere. Every string that comes from a file, a rule or a
live system is escaped. Live figures (table health, shard sizes...) are drawn when the caller
passes them and leave no trace otherwise.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from advisor.impact_text import describe, short, top_by_cost
from advisor.model import Finding, Location, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import Figure, RuleDocs, by_file
from advisor.report.text import clip_line

COLOURS = {
    Severity.ERROR: "#b91c1c",
    Severity.HIGH: "#dc2626",
    Severity.MEDIUM: "#d97706",
    Severity.LOW: "#0891b2",
    Severity.INFO: "#2563eb",
}
FRAME_CONTEXT = 2  # lines shown before and after a finding's span
FRAME_MAX = 12  # longest span shown in full

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;
padding:1.5rem;color:#1f2937;background:#fff}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{border-bottom:1px solid #e5e7eb;padding-bottom:.25rem}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:.5rem .9rem;min-width:6rem}
.card b{display:block;font-size:1.4rem}
.charts{display:flex;gap:2rem;flex-wrap:wrap}
.finding{border:1px solid #e5e7eb;border-left-width:5px;border-radius:6px;margin:1rem 0;
padding:.6rem 1rem}
.sev{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.8rem;text-transform:uppercase}
.where{color:#6b7280;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:#f9fafb;border:1px solid #e5e7eb;border-radius:4px;padding:.5rem;overflow:auto;
font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
.frame .n{color:#9ca3af;user-select:none}
mark{background:#fde68a}
table.evidence{border-collapse:collapse;font-size:.9rem}
table.evidence td{border:1px solid #e5e7eb;padding:.15rem .5rem}
""".strip()


def escape(text: str) -> str:
    """HTML text: control and BiDi characters shown as text, then HTML-escaped."""
    return html.escape(printable(text, newlines=True))


def render(
    report: Report,
    sources: dict[str, SourceText],
    *,
    docs: RuleDocs,
    figures: Sequence[Figure] = (),
) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>advisor report</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<h1>advisor report</h1>",
        _summary(report),
        _charts(report),
        _figures(figures),
        _top_by_cost(report),
        _findings(report, sources),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.findings)
    cards = [
        _card("findings", str(total), "#111827"),
        _card("files", str(report.files), "#111827"),
        _card("statements", str(report.statements), "#111827"),
    ]
    cards += [_card(s.label, str(counts[s]), COLOURS[s]) for s in reversed(Severity)]
    return f'<section class="summary"><div class="cards">{"".join(cards)}</div></section>'


def _card(label: str, value: str, colour: str) -> str:
    return f'<div class="card"><b style="color:{colour}">{escape(value)}</b>{escape(label)}</div>'


def _charts(report: Report) -> str:
    if not report.findings:
        return ""
    counts = report.counts()
    by_severity = [(s.label, float(counts[s]), COLOURS[s]) for s in reversed(Severity)]
    rules = Counter(f.rule_id for f in report.findings)
    by_rule = [
        (_rule_label(rule_id, report), float(n), "#4b5563")
        for rule_id, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return (
        '<section class="charts">'
        + _bar_chart("Findings by severity", by_severity)
        + _bar_chart("Findings by rule", by_rule)
        + "</section>"
    )


def _rule_label(rule_id: str, report: Report) -> str:
    meta = report.rules.get(rule_id)
    return f"{rule_id} {meta.name}" if meta else rule_id


def _bar_chart(title: str, rows: Sequence[tuple[str, float, str]], unit: str = "") -> str:
    label_width, bar_width, row_height = 220, 260, 24
    height = row_height * len(rows) + 30
    width = label_width + bar_width + 70
    top = max((value for _, value, _ in rows), default=0.0) or 1.0
    out = [
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-size="13" '
        'font-family="system-ui,sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value, colour) in enumerate(rows):
        y = 26 + i * row_height
        length = round(bar_width * value / top, 1)
        shown = f"{value:g}{escape(unit)}"
        out += [
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row_height - 8}" '
            f'fill="{colour}"><title>{escape(label)}: {shown}</title></rect>',
            f'<text x="{label_width + length + 5}" y="{y + 15}">{shown}</text>',
        ]
    out.append("</svg></figure>")
    return "".join(out)


def _figures(figures: Sequence[Figure]) -> str:
    charts = [
        _bar_chart(f.title, [(label, value, "#7c3aed") for label, value, _ in f.rows], _unit(f))
        for f in figures
        if f.rows
    ]
    if not charts:
        return ""
    return (
        '<section class="live"><h2>Live figures</h2><div class="charts">'
        + "".join(charts)
        + ("</div></section>")
    )


def _unit(figure: Figure) -> str:
    units = {unit for _, _, unit in figure.rows}
    return f" {units.pop()}" if len(units) == 1 and "" not in units else ""


def _top_by_cost(report: Report) -> str:
    """The costliest findings first, when the run joined a live history."""
    top = top_by_cost(report)
    if not top:
        return ""
    rows = []
    for f in top:
        impact = f.impact
        assert impact is not None
        loc = f.location
        where = f"{loc.path}:{loc.line}" if loc else "run"
        rows.append(
            f"<tr><td>{escape(short(impact))}</td><td>{escape(f.rule_id)}</td>"
            f"<td>{escape(where)}</td><td>{impact.executions}</td>"
            f"<td>{escape(impact.confidence)}</td></tr>"
        )
    return (
        f'<section class="cost"><h2>Top {len(top)} by cost</h2><table class="evidence">'
        "<tr><th>Cost per day</th><th>Rule</th><th>Where</th><th>Runs</th><th>Confidence</th>"
        f"</tr>{''.join(rows)}</table></section>"
    )


def _findings(report: Report, sources: dict[str, SourceText]) -> str:
    if not report.findings:
        return "<p>No findings.</p>"
    out = ["<h2>Findings</h2>"]
    for path, findings in by_file(report).items():
        out.append(f'<section class="file"><h3>{escape(path or "Run")}</h3>')
        out += [_finding(f, report, sources.get(path)) for f in findings]
        out.append("</section>")
    return "\n".join(out)


def _finding(finding: Finding, report: Report, source: SourceText | None) -> str:
    sev = finding.severity
    loc = finding.location
    where = f"{loc.path}:{loc.line}:{loc.column}" if loc else "run"
    out = [
        f'<article class="finding" style="border-left-color:{COLOURS[sev]}">',
        f'<div><span class="sev" style="background:{COLOURS[sev]}">{sev.label}</span> '
        f"<b>{escape(_rule_label(finding.rule_id, report))}</b> "
        f'<span class="where">{escape(where)}</span></div>',
        f"<p>{escape(finding.message)}</p>",
    ]
    if finding.impact is not None:
        out.append(f'<p class="cost"><b>Cost</b>: {escape(describe(finding.impact))}</p>')
    if loc is not None and source is not None:
        out.append(_frame(source, loc))
    if finding.object or finding.evidence:
        rows: list[tuple[str, object]] = [("object", finding.object)] if finding.object else []
        rows += list(finding.evidence.items)
        cells = "".join(
            f"<tr><td>{escape(str(key))}</td><td>{escape(str(value))}</td></tr>"
            for key, value in rows
        )
        out.append(f'<table class="evidence"><caption>Evidence</caption>{cells}</table>')
    if finding.fix is not None:
        fix = finding.fix
        out.append(f"<p><b>Fix</b> ({fix.safety.value}): {escape(fix.title)}</p>")
        if fix.content:
            out.append(f'<pre class="fix"><code>{escape(fix.content)}</code></pre>')
    out.append("</article>")
    return "\n".join(out)


def _frame(source: SourceText, loc: Location) -> str:
    lines = len(source.line_starts) - (1 if source.text.endswith(("\n", "\r")) else 0)
    first = max(1, loc.line - FRAME_CONTEXT)
    last = min(lines, min(loc.end_line, loc.line + FRAME_MAX) + FRAME_CONTEXT)
    width = len(str(last))
    rows = []
    for n in range(first, last + 1):
        text = source.line_text(n)
        rows.append(f'<span class="n">{str(n).rjust(width)} |</span> {_marked(text, n, loc)}')
    return '<pre class="frame">' + "\n".join(rows) + "</pre>"


def _marked(text: str, n: int, loc: Location) -> str:
    if n < loc.line or n > loc.end_line:
        return escape(clip_line(text, 1, 1)[0])
    start = loc.column - 1 if n == loc.line else 0
    stop = loc.end_column if n == loc.end_line else len(text)
    text, first_col, last_col = clip_line(text, start + 1, max(stop, start + 1))
    start, stop = first_col - 1, max(last_col, first_col)
    return (
        escape(text[:start]) + "<mark>" + escape(text[start:stop]) + "</mark>" + escape(text[stop:])
    )
