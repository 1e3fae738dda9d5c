"""Injection: text from files and servers can neither drive the terminal nor forge output.

Every test here takes its hostile input from the one shared set (tests/hostile_strings.py):
each string goes into a finding's path, message, object, evidence, rule name and fix, and
each format is checked for what it must hold: no raw control or BiDi character in the human
formats (text, Markdown, HTML, GitHub), no forged line, markup escaped, and the machine
formats (JSON, SARIF, GitLab, JUnit) still parse and keep the text.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_strings import CONTROLS, FORGED, HOSTILE, raw_controls

from advisor.cli import cli
from advisor.model import (
    Evidence,
    Fix,
    FixKind,
    FixSafety,
    Location,
    Report,
    RuleMeta,
    Severity,
    SourceText,
    TargetKind,
)
from advisor.printable import bounded, printable
from advisor.report import html as html_report
from advisor.report import render

NAMES = sorted(HOSTILE)


def hostile_report(text: str) -> tuple[Report, dict[str, SourceText]]:
    meta = RuleMeta(
        "RS-Q01", f"select-star{text}", "redshift.query", TargetKind.SQL_STATEMENT,
        Severity.HIGH, f"summary {text}", FixSafety.UNSAFE,
    )  # fmt: skip
    path = f"dir/{text}.sql"
    finding = meta.finding(
        f"message {text} end",
        Location(path, 1, 3, 1, 12),
        object=f"sales.{text}",
        evidence=Evidence.of(column=text, rows=3),
        fix=Fix(f"title {text}", FixSafety.UNSAFE, FixKind.SQL, f"SELECT 1;\n-- {text}\nSELECT 2;"),
        anchor="x",
    )
    source = SourceText.of(path, f"SELECT {text} FROM t;\nSELECT 2;\n")
    return Report([finding], files=1, statements=1, rules={meta.id: meta}), {path: source}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "github"])
def test_injection_1_human_formats_show_control_characters_as_text(name: str, fmt: str) -> None:
    report, sources = hostile_report(HOSTILE[name])
    out = render(report, fmt, sources)
    assert not raw_controls(out), f"{fmt} passes raw control characters for {name}"
    # A newline (or CR, or U+2028) inside a field never starts a line of its own (a fix's
    # own lines are kept, indented under it). HTML is not read line by line.
    if fmt != "html":
        assert not any(line.startswith(FORGED) for line in out.split("\n"))


@pytest.mark.parametrize("name", NAMES)
def test_injection_1_github_annotations_stay_one_command_each(name: str) -> None:
    report, sources = hostile_report(HOSTILE[name])
    lines = render(report, "github", sources).splitlines()
    assert len(lines) == 2  # the annotation and the summary line
    assert lines[0].startswith("::error file=dir/")
    head = lines[0][2:].partition("::")[0]
    assert "::" not in head  # the properties cannot be closed early


@pytest.mark.parametrize("name", NAMES)
def test_injection_3_existing_escaping_holds(name: str) -> None:
    """HTML, Markdown, JUnit, SARIF, GitLab and JSON keep escaping what they escaped."""
    text = HOSTILE[name]
    report, sources = hostile_report(text)
    page = render(report, "html", sources)
    # The page's own table script is the only script; no user string adds one.
    page = page.replace(f"<script>{html_report.SCRIPT}</script>", "", 1)
    assert "<script" not in page and 'onmouseover="alert' not in page
    markdown = render(report, "markdown", sources)
    # Inside a code span HTML is shown as text; everywhere else it is escaped.
    assert "<script>" not in re.sub(r"(`+).*?\1", "", markdown, flags=re.S)
    junit = render(report, "junit", sources)
    root = ET.fromstring(junit)  # parses: ]]> and quotes escaped
    assert not list(root.iter("script")) and not list(root.iter("x"))
    for fmt in ("json", "sarif", "gitlab"):
        data = json.loads(render(report, fmt, sources))
        assert "message" in json.dumps(data)
    saved = json.loads(render(report, "json", sources))
    assert saved["findings"][0]["message"] == f"message {text} end"  # data keeps the text


@pytest.mark.parametrize("name", NAMES)
def test_injection_1_tui_cells_and_detail_are_literal(name: str) -> None:
    from advisor.tui.view import Row
    from advisor.tui.widgets.detail import _title

    report, _ = hostile_report(HOSTILE[name])
    row = Row.of(0, report.findings[0])
    assert not any(raw_controls(cell, allowed="") for cell in row.cells)
    title = _title(report.findings[0], report.rules["RS-Q01"]).plain
    assert not raw_controls(title)
    # Rich Text is not parsed as markup: the brackets are shown as they are.
    if name == "textual-markup":
        assert "[bold red]markup[/]" in title


def test_injection_1_tui_status_line_and_notifications_are_literal() -> None:
    from advisor.tui.live_sources import shown

    message = shown(f"PostgreSQL x: {HOSTILE['textual-markup']}{HOSTILE['clear-screen']}")
    assert "[bold red]" in message and not raw_controls(message, allowed="")


def test_injection_1_escapes_look_like_ruff_and_git() -> None:
    assert printable("a\x1b[2Jb") == "a^[[2Jb"
    assert printable("line\nnext") == "line^Jnext"
    assert printable("keep\nlines", newlines=True) == "keep\nlines"
    assert printable("tab\there") == "tab\there"
    assert printable("\x9b\u202e\u2066") == "\\u009b\\u202e\\u2066"
    assert printable("\x7f\x00") == "^?^@"
    assert not raw_controls(printable("".join(sorted(CONTROLS))), allowed="\t")


def test_injection_1_file_name_with_escape_and_newline(tmp_path: Path) -> None:
    """A file named `\\x1b[2J` + newline + a forged finding: lint's text output to the
    terminal and to -o shows the name escaped, on the finding's own line."""
    name = f"a\x1b[2J\n{FORGED}.sql"
    try:
        (tmp_path / name).write_text("SELECT * FROM sales.orders;\n", encoding="utf-8")
    except OSError:
        pytest.fail("the file system must allow control characters in names for this test")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(cli, ["lint", ".", "--select", "RS-Q01", "--no-color"])
        written = runner.invoke(cli, ["lint", ".", "--select", "RS-Q01", "-o", "out.txt"])
        saved = (tmp_path / "out.txt").read_text(encoding="utf-8")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    assert written.exit_code == 1, written.output
    for out in (result.stdout, saved):
        assert "RS-Q01" in out
        assert not raw_controls(out)
        assert "a^[[2J^Jforged.sql" in out
        assert not any(line.startswith("forged.sql") for line in out.splitlines())


def test_injection_2_server_answers_are_capped_and_escaped() -> None:
    answer = "\x1b[2J" + "x" * 5000
    shown = bounded(answer)
    assert len(shown) < 400 and "^[[2J" in shown and "4705 more characters" in shown


def test_injection_1_usage_errors_quote_names_escaped(tmp_path: Path) -> None:
    missing = tmp_path / f"no{HOSTILE['clear-screen']}\n{FORGED}"
    result = CliRunner().invoke(cli, ["lint", str(missing)])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert not raw_controls(result.output)
    assert not any(line.startswith(FORGED) for line in result.output.splitlines())


@pytest.mark.parametrize("name", NAMES)
def test_injection_1_tui_plan_labels_are_literal(name: str) -> None:
    from advisor.tui.screens.plans import _option_text

    report, _ = hostile_report(HOSTILE[name])
    shown = _option_text(report.findings[0]).plain
    assert not raw_controls(shown, allowed="")
