"""Markdown for a job summary or a pull-request comment stays within GitHub's 65,536
characters: grouped by rule, collapsed, and saying what was left out and where the rest is."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.report import markdown

GITHUB = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "team/warehouse",
    "GITHUB_RUN_ID": "42",
}


def big_sql(tmp_path: Path) -> Path:
    path = tmp_path / "wide.sql"
    statements = [f"SELECT * FROM sales.orders_{i} WHERE note = 'row {i}';" for i in range(3000)]
    statements.append("BEGIN;\nVACUUM sales.orders;\nCOMMIT;")
    path.write_text("\n".join(statements) + "\n", encoding="utf-8")
    return path


def lint_markdown(path: Path, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(
        cli, ["lint", str(path), "--format", "markdown", "--select", "RS-Q01,RS-Q14"], env=env
    )
    assert result.exit_code == 1, result.output[-500:]
    return result.stdout


def test_a_big_report_stays_within_the_limit_and_says_what_is_left_out(tmp_path: Path) -> None:
    out = lint_markdown(big_sql(tmp_path))
    assert len(out) <= markdown.LIMIT
    assert out.startswith("## advisor: 3,001 findings in 1 file\n")
    assert out.count("<details>") == out.count("</details>") == 2
    # The most severe rule comes first and is whole.
    assert out.index("<b>RS-Q14</b>") < out.index("<b>RS-Q01</b>")
    assert "(error): 1 finding</summary>" in out
    shown = len(re.findall(r"^- `.*wide\.sql` line \d+", out, flags=re.M)) - 1
    assert 100 < shown < 3000
    assert f"(low): 3,000 findings, {shown:,} shown</summary>" in out
    note = out.rstrip().splitlines()[-1]
    assert note.startswith(f"**{3000 - shown:,} findings left out** to keep this report within")
    assert f"(RS-Q01 ({3000 - shown:,}))" in note
    assert "`--format json`" in note


def test_in_a_workflow_the_note_links_the_run(tmp_path: Path) -> None:
    out = lint_markdown(big_sql(tmp_path), env=GITHUB)
    assert "https://github.com/team/warehouse/actions/runs/42" in out.rstrip().splitlines()[-1]
    gitlab = markdown.full_report_hint({"CI_JOB_URL": "https://gitlab.example/j/7"})
    assert gitlab == "the log and artifacts of the job https://gitlab.example/j/7"


def test_the_job_summary_stays_within_the_limit_too(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {**GITHUB, "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner().invoke(
        cli, ["lint", str(big_sql(tmp_path)), "--format", "github", "--select", "RS-Q01"], env=env
    )
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert len(text) <= markdown.LIMIT
    assert "left out" in text and "actions/runs/42" in text


def test_a_small_report_leaves_nothing_out(tmp_path: Path) -> None:
    path = tmp_path / "small.sql"
    path.write_text("SELECT * FROM t;\n", encoding="utf-8")
    out = lint_markdown(path)
    assert "left out" not in out
    assert "(low): 1 finding</summary>" in out


def test_every_rule_keeps_its_block_when_several_rules_overflow(tmp_path: Path) -> None:
    path = tmp_path / "many.sql"
    statements = [
        f"SELECT * FROM s.t{i} WHERE lower(c{i}) = 'x' ORDER BY 1;\nDELETE FROM s.t{i};"
        for i in range(2000)
    ]
    path.write_text("\n".join(statements) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["lint", str(path), "--format", "markdown", "--select", "RS-Q01,RS-Q04,RS-Q12"]
    )
    out = result.stdout
    assert len(out) <= markdown.LIMIT
    assert "| 🟠 medium | 2,000 |" in out
    for rule in ("RS-Q12", "RS-Q01", "RS-Q04"):
        summary = re.search(rf"<b>{rule}</b>.*: 2,000 findings, ([\d,]+) shown</summary>", out)
        assert summary is not None, rule
        assert int(summary.group(1).replace(",", "")) > 20, rule
    assert out.count("<details>") == out.count("</details>") == 3
