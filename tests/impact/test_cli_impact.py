"""`advisor lint` with a snapshot or a live source: costs, order, filters and failed sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from connectors.snapshot import snapshot_text

from .test_impact import DDL, REPORT, clicks_history


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "spectrum.sql").write_text(DDL, encoding="utf-8")
    (tmp_path / "src" / "clicks.sql").write_text(REPORT, encoding="utf-8")
    (tmp_path / "snap.json").write_text(
        snapshot_text({"redshift": clicks_history()}), encoding="utf-8"
    )
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lint_with_a_snapshot_prints_costs_costliest_first(tree: Path) -> None:
    code, out, err = run("lint", str(tree / "src"), "--snapshot", str(tree / "snap.json"))
    assert code == 1, err
    heads = [line for line in out.splitlines() if ": RS-" in line]
    costs = [line.strip() for line in out.splitlines() if line.startswith("  cost: ")]
    assert "clicks.sql:2:8: RS-Q01" in heads[0] or "spectrum.sql" in heads[0]
    assert any("GB/day scanned" in c and "(measured)" in c for c in costs)
    assert any("no execution" in c for c in costs)


def test_min_impact_keeps_only_costly_findings(tree: Path) -> None:
    code, out, _ = run(
        "lint", str(tree / "src"), "--snapshot", str(tree / "snap.json"), "--min-impact", "$0.2",
        "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert data["findings"]
    assert all(f["impact"]["dollars_per_day"] >= 0.2 for f in data["findings"])
    assert code == 1


def test_min_impact_needs_a_source_and_a_unit(tree: Path) -> None:
    code, _, err = run("lint", str(tree / "src"), "--min-impact", "$1")
    assert code == 2 and "needs a live source or a snapshot" in err
    code, _, err = run(
        "lint", str(tree / "src"), "--snapshot", str(tree / "snap.json"), "--min-impact", "5"
    )
    assert code == 2 and "no unit" in err


def test_a_source_that_cannot_be_read_is_a_note_and_exit_2(tree: Path) -> None:
    code, out, err = run(
        "lint", str(tree / "src"), "--snapshot", str(tree / "snap.json"),
        "--opensearch", "http://127.0.0.1:9", "--format", "json",
    )  # fmt: skip
    assert code == 2
    assert "cannot read opensearch" in err
    data = json.loads(out)  # the report of the files and the snapshot is still written
    assert any(f.get("impact", {}).get("confidence") == "measured" for f in data["findings"])


def test_a_snapshot_without_history_joins_nothing_and_says_so(tree: Path) -> None:
    empty = tree / "empty.json"
    empty.write_text(json.dumps({"format": "advisor-snapshot", "version": 1}), encoding="utf-8")
    code, _, err = run("lint", str(tree / "src"), "--snapshot", str(empty))
    assert code == 2 and "holds no section" in err
