"""Baselines: only findings that are not in the baseline fail the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor import baseline
from advisor.cli import cli
from advisor.model import Finding, Location, Report, Severity

OLD = """-- nightly load
SELECT * FROM sales.orders;
"""
# The same statement after an unrelated edit above it, plus a new problem below it.
NEW = """-- nightly load, rewritten header
-- it now explains what the job does
CREATE TEMP TABLE stage AS SELECT order_id FROM sales.orders;

SELECT * FROM sales.orders;

SELECT * FROM sales.customers;
"""
ONLY = ["--select", "RS-Q01", "--no-color"]


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", "job.sql", *ONLY, *args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "job.sql").write_text(OLD, encoding="utf-8")
    return tmp_path


def test_only_new_findings_fail_after_code_moves(project: Path) -> None:
    written = lint("--baseline", "baseline.json", "--update-baseline")
    assert written.exit_code == 0, written.output
    assert "wrote 1 finding to" in written.stderr
    assert lint("--baseline", "baseline.json").exit_code == 0

    (project / "job.sql").write_text(NEW, encoding="utf-8")
    result = lint("--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["location"]["line"], f["object"]) for f in findings] == [(7, "sales.customers")]
    assert "1 finding in the baseline not shown" in result.stderr
    assert lint().exit_code == 1  # without the baseline both are reported
    assert len(json.loads(lint("--format", "json").stdout)["findings"]) == 2


def test_baseline_file_is_readable_json(project: Path) -> None:
    lint("--baseline", "baseline.json", "--update-baseline")
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == baseline.BASELINE_VERSION
    (entry,) = data["findings"]
    assert entry["rule_id"] == "RS-Q01"
    assert entry["path"] == "job.sql"
    assert len(entry["fingerprint"]) == 24


@pytest.mark.usefixtures("project")
def test_update_baseline_needs_a_file() -> None:
    result = lint("--update-baseline")
    assert result.exit_code == 2
    assert "--update-baseline needs --baseline" in result.output


def test_unreadable_baseline_is_a_usage_error(project: Path) -> None:
    # A baseline that does not exist yet is "no baseline" (a first CI run), not an error.
    first = lint("--baseline", "missing.json")
    assert first.exit_code != 2 and "no baseline yet at missing.json" in first.output
    (project / "bad.json").write_text('{"version": 99, "findings": []}', encoding="utf-8")
    result = lint("--baseline", "bad.json")
    assert result.exit_code == 2
    assert "not a version 1 advisor baseline" in result.output


def _finding(line: int, message: str = "problem") -> Finding:
    return Finding(
        "RS-Q01", Severity.LOW, message, Location("q.sql", line, 1, line, 1), anchor="SELECT *"
    )


def test_repeated_findings_are_counted() -> None:
    accepted = baseline.Baseline.of([_finding(3)])
    report = Report(findings=[_finding(3), _finding(9)])
    kept, hidden = baseline.apply(report, accepted)
    assert hidden == 1
    assert [f.location.line for f in kept.findings if f.location] == [9]
    assert len(accepted) == 1


def test_apply_keeps_everything_else_of_the_report() -> None:
    report = Report(findings=[_finding(3, "a"), _finding(4, "b")], files=2, statements=7)
    kept, hidden = baseline.apply(report, baseline.Baseline.of([_finding(30, "a")]))
    assert (hidden, kept.files, kept.statements) == (1, 2, 7)
    assert [f.message for f in kept.findings] == ["b"]
