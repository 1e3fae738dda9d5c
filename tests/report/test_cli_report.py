"""The lint command's report options and the `report` command, end to end through the CLI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from advisor.report import FORMATS

SCRIPT = """-- load job
SELECT * FROM sales.orders;

BEGIN;
VACUUM sales.orders;
COMMIT;
"""
ONLY = ["--select", "RS-Q01,RS-Q14", "--no-color"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "job.sql").write_text(SCRIPT, encoding="utf-8")
    return tmp_path


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", "job.sql", *ONLY, *args])


@pytest.mark.usefixtures("project")
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_from_the_command_line(fmt: str) -> None:
    result = lint("--format", fmt)
    assert result.exit_code == 1, result.output
    assert "RS-Q14" in result.stdout


def test_report_command_renders_a_saved_result(project: Path) -> None:
    saved = lint("--format", "json", "-o", "result.json")
    assert saved.exit_code == 1
    runner = CliRunner()
    sarif = runner.invoke(cli, ["report", "result.json", "--format", "sarif"])
    assert sarif.exit_code == 0, sarif.output
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    direct = json.loads(lint("--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in results] == [r["partialFingerprints"] for r in direct]
    junit = runner.invoke(cli, ["report", "result.json", "--format", "junit", "-o", "r.xml"])
    assert junit.exit_code == 0
    assert len(list(ET.parse(project / "r.xml").getroot().iter("testcase"))) == 2
    text = runner.invoke(cli, ["report", "result.json"])
    assert "VACUUM sales.orders;" in text.stdout  # code frame read from the source file


def test_report_command_rejects_other_json(project: Path) -> None:
    (project / "other.json").write_text('{"runs": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "other.json"])
    assert result.exit_code == 2
    assert "not an advisor JSON report" in result.output


def test_github_format_writes_the_step_summary(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = lint("--format", "github")
    assert result.stdout.startswith("::warning file=job.sql,line=2,col=8,")
    assert "## advisor: 2 findings in 1 file" in summary.read_text(encoding="utf-8")


@pytest.mark.usefixtures("project")
def test_fail_on_and_exit_zero() -> None:
    assert lint().exit_code == 1  # default: low and above fail
    assert lint("--fail-on", "error").exit_code == 1  # RS-Q14 is an error
    assert lint("--select", "RS-Q01", "--fail-on", "medium").exit_code == 0
    assert lint("--select", "RS-Q01", "--fail-on", "warning").exit_code == 1
    assert lint("--select", "RS-Q01", "--fail-on", "low").exit_code == 1
    assert lint("--exit-zero").exit_code == 0
    assert lint("--exit-zero", "--format", "sarif").exit_code == 0
    assert lint("--fail-on", "fatal").exit_code == 2


@pytest.mark.usefixtures("project")
def test_statistics_and_quiet() -> None:
    stats = lint("--statistics").stdout
    assert "     1  RS-Q01   select-star" in stats
    assert "     1  RS-Q14   vacuum-in-transaction" in stats
    quiet = lint("--quiet").stdout
    assert quiet == "Found 2 findings (1 error, 1 low) in 1 file, 4 statements.\n"
    both = lint("--quiet", "--statistics").stdout.splitlines()
    assert both[0].endswith("RS-Q01   select-star")
    assert both[-1].startswith("Found 2 findings")
