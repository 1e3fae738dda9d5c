"""A fix as a unified diff of the span it changes, for people reading a report.

An OpenSearch fix is shown in one JSON layout on both sides, so only what changes shows: each
edited value as written against its replacement, or, for a rewritten body without edits (one
with placeholders to fill in, such as a `search_after` rewrite), the request body as written
against the rewrite. Any other fix with edits is shown as the diff of the file it would make,
a line of context around each change. Anything else (a statement to run, a
setting) has no span to diff and is shown as written. `--show-fixes` prints the full text.
"""

from __future__ import annotations

import difflib
import json
import re

from advisor.model import Finding, FixKind, SourceText

CONTEXT = 1
BODY_CONTEXT = 2  # a line of JSON context is often a lone brace
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")


def diff(finding: Finding, source: SourceText | None) -> list[str] | None:
    """The diff lines (`@@`, ` `, `-`, `+`) of the finding's fix, or None when it has none."""
    fix = finding.fix
    if fix is None or source is None or (not fix.content and not fix.edits):
        return None
    if fix.edits:
        if fix.kind is FixKind.DSL:
            # An edit writes the value anew; the same layout on both sides shows the change.
            spans = _json_edit_diff(finding, source)
            if spans is not None:
                return spans
        return _edit_diff(finding, source)
    if fix.kind is FixKind.DSL and finding.location is not None:
        return _body_diff(fix.content, source, finding.location.line)
    return None


def _json_edit_diff(finding: Finding, source: SourceText) -> list[str] | None:
    """Each edited JSON value as written against its replacement, both as indented JSON."""
    assert finding.fix is not None
    out: list[str] = []
    for edit in sorted(finding.fix.edits, key=lambda e: e.start):
        if edit.path != source.path or not 0 <= edit.start <= edit.end <= len(source.text):
            return None
        try:
            before = json.loads(source.text[edit.start : edit.end])
            after = json.loads(edit.replacement)
        except ValueError:
            return None
        lines = _unified(_dumps(before), _dumps(after), numbered=False)
        if lines:
            out.extend([f"@@ line {edit.span.line} @@", *lines])
    return out or None


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _edit_diff(finding: Finding, source: SourceText) -> list[str] | None:
    assert finding.fix is not None
    text = source.text
    edits = sorted(finding.fix.edits, key=lambda e: e.start, reverse=True)
    if any(e.path != source.path or not 0 <= e.start <= e.end <= len(text) for e in edits):
        return None
    fixed = text
    for edit in edits:
        fixed = fixed[: edit.start] + edit.replacement + fixed[edit.end :]
    if fixed == text:
        return None
    return _unified(text, fixed, numbered=True)


def _body_diff(content: str, source: SourceText, line: int) -> list[str] | None:
    """The request body holding `line`, against the rewritten body, both as indented JSON."""
    try:
        rewritten = json.loads(content)
    except ValueError:
        return None
    start = _body_start(source, line)
    if start is None:
        return None
    try:
        body, _end = json.JSONDecoder().raw_decode(source.text, start)
    except ValueError:
        return None
    before, after = _dumps(body), _dumps(rewritten)
    if before == after:
        return None
    first = source.text.count("\n", 0, start) + 1
    return [f"@@ request body at line {first} @@", *_unified(before, after, numbered=False)]


def _body_start(source: SourceText, line: int) -> int | None:
    """The offset of the `{` that opens the body: the last line at or above `line` that
    starts with `{` (a console file's body, or a JSON file)."""
    for number in range(line, 0, -1):
        if source.line_text(number).startswith("{"):
            return _offset_of_line(source.text, number)
    return None


def _offset_of_line(text: str, number: int) -> int:
    offset = 0
    for _ in range(number - 1):
        offset = text.index("\n", offset) + 1
    return offset


def _unified(before: str, after: str, *, numbered: bool) -> list[str]:
    lines = difflib.unified_diff(
        before.splitlines(),
        after.splitlines(),
        n=CONTEXT if numbered else BODY_CONTEXT,
        lineterm="",
        fromfile="",
        tofile="",
    )
    out: list[str] = []
    for text in list(lines)[2:]:  # no ---/+++ header: the finding line names the file
        if not numbered and _HUNK.match(text):
            if out:
                out.append("@@")
            continue
        out.append(text)
    return out
