"""Between the advisor's findings and edits and the Language Server Protocol's types.

Positions: the advisor counts lines and columns from 1 with an inclusive end; LSP counts from 0
with an exclusive end. Columns are counted in characters (code points); LSP's default is UTF-16
code units, which differs only after a character outside the Basic Multilingual Plane on the
same line.
"""

from __future__ import annotations

from lsprotocol import types

from advisor.impact_text import describe
from advisor.model import Finding, Impact, Location, Severity, SourceText, TextEdit

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.HIGH: types.DiagnosticSeverity.Error,
    Severity.MEDIUM: types.DiagnosticSeverity.Warning,
    Severity.LOW: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lsp_range(loc: Location | None) -> types.Range:
    if loc is None:
        return types.Range(types.Position(0, 0), types.Position(0, 0))
    return types.Range(
        types.Position(loc.line - 1, loc.column - 1),
        types.Position(loc.end_line - 1, loc.end_column),
    )


def edit_range(source: SourceText, edit: TextEdit) -> types.Range:
    """The range of an edit's [start, end) in `source` (an insertion is an empty range)."""
    line, col = source.position(edit.start)
    end_line, end_col = source.position(edit.end)
    return types.Range(types.Position(line - 1, col - 1), types.Position(end_line - 1, end_col - 1))


def diagnostic(finding: Finding, uri: str, docs_url: str | None) -> types.Diagnostic:
    evidence = [
        types.DiagnosticRelatedInformation(
            types.Location(uri, lsp_range(finding.location)), f"{name}: {value}"
        )
        for name, value in finding.evidence.items
        if value is not None
    ]
    impact = finding.impact
    if impact is not None:
        # The cost first, then how it was computed, beside the evidence.
        where = types.Location(uri, lsp_range(finding.location))
        evidence[:0] = [types.DiagnosticRelatedInformation(where, f"cost: {describe(impact)}")]
        if impact.formula:
            formula = types.DiagnosticRelatedInformation(where, f"cost formula: {impact.formula}")
            evidence.insert(1, formula)
    fix = finding.fix
    message = finding.message
    if impact is not None:
        message += f"\ncost: {describe(impact)}"
    if fix is not None and fix.title:
        message += f"\nfix ({fix.safety.value}): {fix.title}"
    return types.Diagnostic(
        range=lsp_range(finding.location),
        message=message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule_id,
        code_description=types.CodeDescription(href=docs_url) if docs_url else None,
        source="advisor",
        related_information=evidence or None,
    )


def impact_markdown(impact: Impact) -> str:
    """A finding's cost for a hover: the figures, then the formula and its inputs."""
    lines = [f"**Cost**: {describe(impact)}"]
    if impact.matched:
        lines.append(f"matched: {impact.matched}")
    if impact.formula:
        lines.append(f"formula: `{impact.formula}`")
    if impact.inputs:
        lines.append("inputs: " + ", ".join(f"{name} {value}" for name, value in impact.inputs))
    return "\n\n".join(lines)


def contains(rng: types.Range, pos: types.Position) -> bool:
    start, end = rng.start, rng.end
    after_start = (pos.line, pos.character) >= (start.line, start.character)
    return after_start and (pos.line, pos.character) <= (end.line, end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)
