"""Report formats: one module per format, all rendering the same Report.

`render(report, fmt, sources)` is the one entry point the CLI uses. Formats are pure functions
of their inputs (no clock, no environment), so golden files can pin their output byte for byte;
side files such as GitHub's job summary are written by the CLI through the format's module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module

from advisor.model import Finding, FixKind, Report, SourceText
from advisor.printable import printable

FORMATS: tuple[str, ...] = (
    "text",
    "concise",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "markdown",
    "html",
)

# Rule id -> the rule's documentation (its module docstring, in Markdown).
RuleDocs = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Figure:
    """A live measurement shown beside the findings (table health, shard sizes...)."""

    title: str
    rows: tuple[tuple[str, float, str], ...]  # label, value, unit


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What produced a report, for the formats that show it (HTML): when (UTC, ISO 8601), the
    advisor's version, the command line (credentials masked), the configuration file (or
    "defaults") and the sources read (paths and live systems). The caller builds it, so the
    formats stay pure functions of their inputs."""

    generated: str
    version: str
    command: str
    config: str
    sources: tuple[str, ...] = ()


def render(
    report: Report,
    fmt: str,
    sources: Mapping[str, SourceText] | None = None,
    *,
    docs: RuleDocs | None = None,
    figures: Sequence[Figure] = (),
    colour: bool = False,
    statistics: bool = False,
    quiet: bool = False,
    show_fixes: bool = False,
    run: RunInfo | None = None,
    full_report: str | None = None,
) -> str:
    """Render `report` in format `fmt`; `sources` supplies file text for code frames; `run`
    describes what produced it (HTML); `full_report` says where every finding is when the
    Markdown report has to leave some out."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    files = dict(sources or {})
    rule_docs = dict(docs or {})
    if fmt == "text":
        from advisor.report import text

        return text.render(
            report,
            files,
            colour=colour,
            statistics=statistics,
            quiet=quiet,
            show_fixes=show_fixes,
        )
    if fmt == "concise":
        from advisor.report import concise

        return concise.render(report, quiet=quiet)
    if fmt == "json":
        from advisor.report import json_report

        return json_report.render(report)
    if fmt == "html":
        from advisor.report import html

        return html.render(report, files, docs=rule_docs, figures=figures, run=run)
    if fmt == "markdown":
        from advisor.report import markdown

        return markdown.render(report, files, docs=rule_docs, full_report=full_report)
    module = import_module(f"advisor.report.{fmt}")
    result: str = module.render(report, files, docs=rule_docs)
    return result


def shows_source(fmt: str, quiet: bool = False) -> bool:
    """Whether format `fmt` shows lines of the linted files (code frames), so that `render`
    needs their text in `sources`: the text report unless quiet, and HTML."""
    return fmt == "html" or (fmt == "text" and not quiet)


def path_of(finding: Finding) -> str:
    return finding.location.path if finding.location else ""


def by_file(report: Report) -> dict[str, list[Finding]]:
    """Findings grouped by path, paths in order, findings in report order ("" = no file)."""
    groups: dict[str, list[Finding]] = {}
    for finding in report.sorted():
        groups.setdefault(path_of(finding), []).append(finding)
    return dict(sorted(groups.items()))


def fence_language(kind: FixKind) -> str:
    """The info string of a fenced code block holding a fix of this kind."""
    return {FixKind.SQL: "sql", FixKind.DSL: "json"}.get(kind, "")


def first_paragraph(doc: str, heading: str = "What it does") -> str:
    """The text under `## heading` in a rule docstring (or its first paragraph), unwrapped."""
    lines = doc.strip().splitlines()
    marker = f"## {heading}".lower()
    start = next((i + 1 for i, line in enumerate(lines) if line.strip().lower() == marker), 0)
    body: list[str] = []
    for line in lines[start:]:
        if line.startswith("#") or (not line.strip() and body):
            break
        if line.strip():
            body.append(line.strip())
    return " ".join(body)


def fenced(content: str, language: str = "") -> str:
    """A Markdown fenced code block that no run of backticks in `content` can close early."""
    content = printable(content, newlines=True)
    longest = max((len(run) for run in re.findall("`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{content.rstrip(chr(10))}\n{fence}"
