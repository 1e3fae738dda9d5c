"""Counts are in words that fit them: "1 statement", "2 errors", "1 plan finding", never
"1 statements" or "statement(s)"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.verify_os import Verdict

ROOT = Path(__file__).resolve().parents[1]
# A noun with "(s)" glued on, as in `shard(s)`; `http(s)` in prose is a scheme, not a count.
HEDGED = re.compile(r"[a-zA-Z`]\(s\)")
WRONG_ONE = re.compile(r"(?<![\d.,])\b1 (?!of\b)[a-z]+s\b")


def _messages(path: Path) -> list[tuple[int, str]]:
    """The string parts of the module's f-strings and plain strings, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_message_hedges_its_plural() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for folder in ("advisor", "rules", "connectors")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, text in _messages(path)
        # SQL the connectors send (`min(s)`) is not a message.
        if HEDGED.search(text) and "http(s)" not in text and "SELECT" not in text
    ]
    assert not found, "\n".join(found)


def test_verdict_counts_agree_with_their_number() -> None:
    assert Verdict.SAME.counted(1) == "1 keeps the results"
    assert Verdict.SAME.counted(2) == "2 keep the results"
    assert Verdict.CHANGED.counted(1) == "1 changes the results (not safe)"


def _out(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    return result.output


def test_the_commands_count_one_thing_in_the_singular(tmp_path: Path) -> None:
    one = tmp_path / "one.sql"
    one.write_text("SELECT * FROM t;\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    saved = tmp_path / "r.json"
    plan = ROOT / "examples" / "redshift" / "plans" / "hash_join_broadcast.txt"
    outputs = [
        _out(["lint", str(one)]),
        _out(["lint", str(one), "--statistics", "--quiet"]),
        _out(["lint", str(one), "--baseline", str(baseline), "--update-baseline"]),
        _out(["lint", str(one), "--baseline", str(baseline)]),
        _out(["lint", str(one), "--format", "json", "-o", str(saved)]),
        _out(["report", str(saved), "--format", "markdown"]),
        _out(["report", str(saved), "--format", "text"]),
        _out(["explain", str(plan)]),
    ]
    text = "\n".join(outputs)
    assert "1 file, 1 statement" in text
    assert "1 finding (1 low)" in text
    for line in text.splitlines():
        assert not WRONG_ONE.search(line), line
        assert not HEDGED.search(line), line


def test_a_live_run_with_no_file_does_not_count_zero_files() -> None:
    from advisor.model import Report
    from advisor.report.text import summary_line

    # A Redshift run counts the plans it read as statements, but it read no file.
    assert summary_line(Report(files=0, statements=8)) == "No findings."
    assert summary_line(Report(files=2, statements=3)) == "No findings in 2 files, 3 statements."
    analyzed = CliRunner().invoke(
        cli, ["analyze", "--snapshot", str(ROOT / "examples/postgres/snapshot.json"),
              "--format", "markdown"],
    )  # fmt: skip
    assert "0 files" not in analyzed.stdout
    assert analyzed.stdout.startswith("## advisor: 17 findings\n")
