"""One self-contained HTML page a team can publish: what ran, a summary, charts, a findings
table that sorts and filters, and every finding in full, collapsed by rule.

Nothing is loaded from the network (no external CSS, scripts, fonts or images; a Content
Security Policy in the page says so to the browser), so the file can be kept as a CI artifact
and opened anywhere. The one script is inline and only sorts and filters the table. Every
string that comes from a file, a rule or a live system is escaped; messages and rule
documentation are Markdown, rendered the same way everywhere (raw HTML in them is shown as
text). Live figures (table health, shard sizes...) are drawn when the caller passes them and
leave no trace otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from collections.abc import Sequence

from markdown_it import MarkdownIt

from advisor import __version__
from advisor.impact_text import describe, short, top_by_cost
from advisor.model import EvidenceValue, Finding, Location, Report, Severity, SourceText
from advisor.printable import printable
from advisor.report import Figure, RuleDocs, RunInfo
from advisor.report.logical import shown
from advisor.report.text import clip_line

COLOURS = {
    Severity.ERROR: "#b91c1c",
    Severity.HIGH: "#dc2626",
    Severity.MEDIUM: "#b45309",
    Severity.LOW: "#0e7490",
    Severity.INFO: "#2563eb",
}
FRAME_CONTEXT = 2  # lines shown before and after a finding's span
FRAME_MAX = 12  # longest span shown in full
NO_VALUE = "—"  # an evidence value that is absent (never Python's None)

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;
padding:1.5rem;color:#1f2937;background:#fff}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{border-bottom:1px solid #e5e7eb;padding-bottom:.25rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0;
font-size:.9rem}dl.meta dt{color:#6b7280}dl.meta dd{margin:0;overflow-wrap:anywhere}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:.5rem .9rem;min-width:6rem}
.card b{display:block;font-size:1.4rem}
.charts{display:flex;gap:2rem;flex-wrap:wrap}
.chart{flex:1 1 24rem;margin:0}.chart figcaption{font-weight:bold;margin-bottom:.3rem}
.bar{display:grid;grid-template-columns:minmax(6rem,16rem) 1fr;gap:.6rem;align-items:center;
margin:.15rem 0;font-size:.85rem}
.bar .label{overflow-wrap:anywhere;text-align:right}
.bar .track{display:flex;align-items:center;gap:.4rem}
.bar .fill{height:.9rem;border-radius:2px;min-width:2px}
.controls{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}
.controls input{font:inherit;padding:.2rem .4rem;min-width:18rem}
.controls select{font:inherit;padding:.2rem}
table.findings{border-collapse:collapse;width:100%;font-size:.88rem}
table.findings th,table.findings td{border-bottom:1px solid #e5e7eb;padding:.25rem .4rem;
text-align:left;vertical-align:top}
table.findings th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;
cursor:pointer;color:inherit}
table.findings th,table.findings td:nth-child(2){white-space:nowrap}
table.findings td.where{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;
overflow-wrap:anywhere;min-width:16rem}
details.rule{border:1px solid #e5e7eb;border-radius:6px;margin:.6rem 0;padding:.3rem .8rem}
details.rule>summary{cursor:pointer;padding:.2rem 0}
details.rule .count{color:#6b7280}
details.doc{margin:.4rem 0 .8rem;padding:.2rem .8rem;background:#f9fafb;border-radius:4px}
.finding{border:1px solid #e5e7eb;border-left-width:5px;border-radius:6px;margin:.8rem 0;
padding:.6rem 1rem}
.sev{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.8rem;text-transform:uppercase}
.where{color:#4b5563;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:#f9fafb;border:1px solid #e5e7eb;border-radius:4px;padding:.5rem;overflow:auto;
font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f3f4f6;
padding:0 .2rem;border-radius:3px}pre code{background:none;padding:0}
.frame .n{color:#9ca3af;user-select:none}
mark{background:#fde68a}
table.evidence{border-collapse:collapse;font-size:.9rem}
table.evidence caption{text-align:left;font-weight:bold}
table.evidence td{border:1px solid #e5e7eb;padding:.15rem .5rem}
.none{color:#9ca3af}
""".strip()

# Sorts the findings table by a column (click its heading; again to reverse) and filters it by
# text and minimum severity. ▲ is ascending and ▼ descending, for every column.
SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var floor = document.getElementById("min-severity");
  var shown = document.getElementById("shown");
  var state = {key: "", ascending: true};
  function value(row, key) {
    var v = row.getAttribute("data-" + key) || "";
    return key === "severity" || key === "order" ? Number(v) : v.toLowerCase();
  }
  function compare(a, b, key) {
    var x = value(a, key), y = value(b, key);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  function sortBy(key, ascending) {
    state = {key: key, ascending: ascending};
    rows.sort(function (a, b) {
      var c = compare(a, b, key);
      // Ties keep the report's order (by file and line) whichever way the column runs.
      if (c === 0) { return value(a, "order") - value(b, "order"); }
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var mark = th.querySelector(".arrow");
      if (th.getAttribute("data-key") === key) {
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        mark.textContent = ascending ? " \\u25b2" : " \\u25bc";
      } else {
        th.removeAttribute("aria-sort");
        mark.textContent = "";
      }
    });
  }
  function apply() {
    var terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var least = Number(floor.value);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var ok = Number(row.getAttribute("data-severity")) >= least &&
        terms.every(function (t) { return text.indexOf(t) !== -1; });
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = "showing " + count + " of " + rows.length;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      var first = key === "severity" ? false : true;
      sortBy(key, state.key === key ? !state.ascending : first);
    });
  });
  filter.addEventListener("input", apply);
  floor.addEventListener("change", apply);
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (target) { target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  sortBy("severity", false);
  apply();
  reveal();
})();
""".strip()

COLUMNS = (
    ("severity", "Severity"),
    ("rule", "Rule"),
    ("location", "Location"),
    ("object", "Object"),
    ("message", "Message"),
)

_DOC_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def escape(text: str) -> str:
    """HTML text: control and BiDi characters shown as text, then HTML-escaped."""
    return html.escape(printable(text, newlines=True))


def inline_markdown(text: str) -> str:
    """A message as HTML: its `code spans` as code, everything else as escaped text.

    Messages use Markdown only for code spans (a column, a keyword, a query); anything else
    that looks like markup, HTML included, is shown as the characters it is.
    """
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<code>{escape(match.group(2).strip() or match.group(2))}</code>")
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def doc_html(doc: str) -> str:
    """A rule's documentation (Markdown) as HTML; raw HTML in it is shown as text."""
    rendered: str = _DOC_MARKDOWN.render(printable(doc, newlines=True))
    return rendered


def evidence_value(value: EvidenceValue) -> str:
    """An evidence value as a person reads it: no `None`, no `True`, numbers grouped."""
    if value is None:
        return f'<span class="none" title="no value">{NO_VALUE}</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4g}"
    return escape(str(value))


def render(
    report: Report,
    sources: dict[str, SourceText],
    *,
    docs: RuleDocs,
    figures: Sequence[Figure] = (),
    run: RunInfo | None = None,
) -> str:
    ordered = report.sorted()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_policy()}">',
        '<link rel="icon" href="data:,">',
        "<title>advisor report</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header><h1>advisor report</h1>",
        _metadata(run),
        "</header>",
        _summary(report),
        _charts(report),
        _figures(figures),
        _top_by_cost(report),
        _table(report, ordered),
        _by_rule(report, ordered, sources, docs),
        f"<script>{SCRIPT}</script>" if ordered else "",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _policy() -> str:
    """Nothing from the network; the page's own styles and its one script (by its hash)."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'"
    )


def _metadata(run: RunInfo | None) -> str:
    rows: list[tuple[str, str]] = []
    if run is not None:
        rows.append(("Generated", run.generated))
    rows.append(("Advisor", run.version if run is not None else __version__))
    if run is not None:
        if run.command:
            rows.append(("Command", f"<code>{escape(run.command)}</code>"))
        rows.append(("Configuration", escape(run.config)))
        rows.append(("Sources", escape(", ".join(run.sources)) if run.sources else NO_VALUE))
    cells = "".join(
        f"<dt>{escape(name)}</dt><dd>{value if name in _HTML_META else escape(value)}</dd>"
        for name, value in rows
    )
    return f'<dl class="meta">{cells}</dl>'


# Metadata values that are already HTML.
_HTML_META = frozenset({"Command", "Configuration", "Sources"})


def _summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.findings)
    cards = [
        _card("findings", str(total), "#111827"),
        _card("files", str(report.files), "#111827"),
        _card(report.unit + "s", str(report.statements), "#111827"),
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
    """Horizontal bars in HTML, so a long label wraps instead of running off the chart."""
    top = max((value for _, value, _ in rows), default=0.0) or 1.0
    out = [f'<figure class="chart" role="img" aria-label="{escape(title)}">']
    out.append(f"<figcaption>{escape(title)}</figcaption>")
    for label, value, colour in rows:
        share = round(100 * value / top, 1)
        shown = f"{value:g}{escape(unit)}"
        out.append(
            f'<div class="bar" title="{escape(label)}: {shown}">'
            f'<span class="label">{escape(label)}</span><span class="track">'
            f'<span class="fill" style="width:{share}%;background:{colour}"></span>'
            f"<span>{shown}</span></span></div>"
        )
    out.append("</figure>")
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


def _anchor(prefix: str, name: str) -> str:
    """An id made of the characters ids and URL fragments take without escaping."""
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _where(finding: Finding, report: Report) -> str:
    """`path:line:col`, else the live object's `system://...` place, else `<run>`: as the text,
    concise and SARIF reports name it."""
    return shown(finding, report)


def _table(report: Report, ordered: list[Finding]) -> str:
    if not ordered:
        return "<section><h2>Findings</h2><p>No findings.</p></section>"
    options = "".join(
        f'<option value="{int(s)}">{escape(s.label)} and above</option>' for s in Severity
    )
    heads = "".join(
        f'<th data-key="{key}" scope="col"><button type="button">{label}'
        '<span class="arrow"></span></button></th>'
        for key, label in COLUMNS
    )
    rows = []
    for order, finding in enumerate(ordered):
        sev = finding.severity
        where = _where(finding, report)
        search = " ".join((finding.rule_id, finding.message, finding.object or "", where)).lower()
        rule_link = _anchor("rule-", finding.rule_id)
        rows.append(
            f'<tr data-severity="{int(sev)}" data-order="{order}" '
            f'data-rule="{escape(finding.rule_id)}" data-location="{escape(where)}" '
            f'data-object="{escape(finding.object or "")}" '
            f'data-message="{escape(finding.message)}" data-search="{escape(search)}">'
            f'<td><span class="sev" style="background:{COLOURS[sev]}">{sev.label}</span></td>'
            f'<td><a href="#{rule_link}">{escape(finding.rule_id)}</a></td>'
            f'<td class="where"><a href="#finding-{order}">{escape(where)}</a></td>'
            f"<td>{escape(finding.object or '')}</td>"
            f"<td>{inline_markdown(finding.message)}</td></tr>"
        )
    return (
        '<section id="findings"><h2>Findings</h2>'
        '<div class="controls"><input type="search" id="filter" '
        'placeholder="Filter: rule, message, object or path" aria-label="Filter findings">'
        f'<select id="min-severity" aria-label="Minimum severity">{options}</select>'
        f'<span id="shown">showing {len(ordered)} of {len(ordered)}</span></div>'
        f'<table class="findings" id="findings-table"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _by_rule(
    report: Report, ordered: list[Finding], sources: dict[str, SourceText], docs: RuleDocs
) -> str:
    if not ordered:
        return ""
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for order, finding in enumerate(ordered):
        groups.setdefault(finding.rule_id, []).append((order, finding))
    # The rules with the most urgent findings first, then the most findings, then by id.
    ranked = sorted(
        groups.items(),
        key=lambda kv: (-max(int(f.severity) for _, f in kv[1]), -len(kv[1]), kv[0]),
    )
    out = ['<section id="rules"><h2>Findings by rule</h2>']
    for rule_id, members in ranked:
        worst = max(f.severity for _, f in members)
        meta = report.rules.get(rule_id)
        count = len(members)
        noun = "finding" if count == 1 else "findings"
        out.append(f'<details class="rule" id="{_anchor("rule-", rule_id)}">')
        out.append(
            f'<summary><span class="sev" style="background:{COLOURS[worst]}">{worst.label}'
            f"</span> <b>{escape(_rule_label(rule_id, report))}</b> "
            f'<span class="count">{count} {noun}</span></summary>'
        )
        if meta is not None and meta.summary:
            out.append(f"<p>{inline_markdown(meta.summary)}</p>")
        doc = docs.get(rule_id, "")
        if doc:
            out.append(
                '<details class="doc"><summary>Documentation of '
                f"{escape(rule_id)}</summary>{doc_html(doc)}</details>"
            )
        out += [_finding(order, f, report, sources.get(_path(f))) for order, f in members]
        out.append("</details>")
    out.append("</section>")
    return "\n".join(out)


def _top_by_cost(report: Report) -> str:
    """The costliest findings first, when the run joined a live history."""
    top = top_by_cost(report)
    if not top:
        return ""
    rows = []
    for f in top:
        impact = f.impact
        assert impact is not None
        where = _where(f, report)
        rows.append(
            f"<tr><td>{escape(short(impact))}</td><td>{escape(f.rule_id)}</td>"
            f"<td>{escape(where)}</td><td>{impact.executions}</td>"
            f"<td>{escape(impact.confidence)}</td></tr>"
        )
    return (
        f'<section class="cost"><h2>Top {len(top)} by cost</h2><table class="evidence">'
        "<tr><th>Cost</th><th>Rule</th><th>Where</th><th>Runs</th><th>Confidence</th>"
        f"</tr>{''.join(rows)}</table></section>"
    )


def _path(finding: Finding) -> str:
    return finding.location.path if finding.location else ""


def _finding(order: int, finding: Finding, report: Report, source: SourceText | None) -> str:
    sev = finding.severity
    loc = finding.location
    out = [
        f'<article class="finding" id="finding-{order}" style="border-left-color:{COLOURS[sev]}">',
        f'<div><span class="sev" style="background:{COLOURS[sev]}">{sev.label}</span> '
        f"<b>{escape(_rule_label(finding.rule_id, report))}</b> "
        f'<span class="where">{escape(_where(finding, report))}</span></div>',
        f"<p>{inline_markdown(finding.message)}</p>",
    ]
    if finding.impact is not None:
        out.append(f'<p class="cost"><b>Cost</b>: {escape(describe(finding.impact))}</p>')
    if loc is not None and source is not None:
        out.append(_frame(source, loc))
    if finding.object or finding.evidence:
        cells = (
            f"<tr><td>object</td><td>{escape(finding.object)}</td></tr>" if finding.object else ""
        )
        cells += "".join(
            f"<tr><td>{escape(str(key))}</td><td>{evidence_value(value)}</td></tr>"
            for key, value in finding.evidence.items
        )
        out.append(f'<table class="evidence"><caption>Evidence</caption>{cells}</table>')
    if finding.fix is not None:
        fix = finding.fix
        out.append(f"<p><b>Fix</b> ({fix.safety.value}): {inline_markdown(fix.title)}</p>")
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
