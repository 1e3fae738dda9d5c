"""`analyze` over any combination of live sources and a snapshot, through the registry.

The live reads are stood in for by the example snapshots (one per system), so every
combination of --dsn, --redshift, --opensearch and --snapshot runs offline and gives exactly
the union of the single runs; a source that fails is a note and exit code 2 beside the others'
findings. The same union is checked against the real servers in tests/test_live_union.py.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from advisor import live
from advisor.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "postgres": ROOT / "examples/postgres/snapshot.json",
    "redshift": ROOT / "tests/redshift/data/emulation_snapshot.json",
    "opensearch": ROOT / "examples/opensearch/snapshot.json",
}
OPTION = {"postgres": "--dsn", "redshift": "--redshift", "opensearch": "--opensearch"}
FAILED = "{name} stand-in: cannot reach the server"


def stand_in(name: str, fail: set[str]) -> live.System:
    """The system with its live read replaced by its example snapshot (or a failure)."""
    system = live.SYSTEMS[name]

    def read(source: object, options: live.ReadOptions, progress: Any) -> live.LiveRun[object]:
        if name in fail:
            return live.LiveRun(source=f"{name} stand-in", error=OSError(FAILED.format(name=name)))
        run = system.load(FILES[name])
        run.source = f"{name} stand-in"
        return run

    return live.System(
        system.name,
        system.families,
        lambda address, options: (address, ""),
        read,
        system.load,
        system.analyze,
        system.summary,
    )


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The systems whose stand-in read fails (empty: none fails)."""
    fail: set[str] = set()
    for name in live.SYSTEMS:
        monkeypatch.setitem(live.SYSTEMS, name, stand_in(name, fail))
    return fail


def keys(stdout: str) -> set[tuple[str, str, str]]:
    return {
        (f["rule_id"], f.get("object") or "", f["message"]) for f in json.loads(stdout)["findings"]
    }


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["analyze", "--format", "json", *args])


@pytest.fixture
def combined(tmp_path: Path) -> Path:
    """One snapshot file with the sections of the three systems."""
    document: dict[str, Any] = {}
    for file in FILES.values():
        document.update(json.loads(file.read_text(encoding="utf-8")))
    path = tmp_path / "all.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def single(name: str) -> set[tuple[str, str, str]]:
    result = run("--snapshot", str(FILES[name]))
    assert result.exit_code in (0, 1), result.output
    found = keys(result.stdout)
    assert found, f"the {name} example snapshot gives findings"
    return found


def test_every_combination_is_the_union_of_its_sources(stand_ins: set[str], combined: Path) -> None:
    singles = {name: single(name) for name in FILES}
    names = list(FILES)
    for size in range(1, 4):
        for chosen in itertools.combinations(names, size):
            args = [a for name in chosen for a in (OPTION[name], "x")]
            result = run(*args)
            assert result.exit_code in (0, 1), (chosen, result.output)
            assert keys(result.stdout) == set().union(*(singles[n] for n in chosen)), chosen
            # With --snapshot too: the sections of the systems not read live come from it.
            result = run(*args, "--snapshot", str(combined))
            assert result.exit_code in (0, 1), (chosen, result.output)
            assert keys(result.stdout) == set().union(*singles.values()), chosen
    result = run("--snapshot", str(combined))
    assert keys(result.stdout) == set().union(*singles.values())


@pytest.mark.parametrize("failing", list(FILES))
def test_one_failing_source_is_a_note_and_exit_2_beside_the_others(
    stand_ins: set[str], failing: str
) -> None:
    singles = {name: single(name) for name in FILES}
    stand_ins.add(failing)
    result = run(*(a for name in FILES for a in (OPTION[name], "x")))
    assert result.exit_code == 2, result.output
    assert FAILED.format(name=failing) in result.stderr
    others = set().union(*(singles[n] for n in FILES if n != failing))
    assert keys(result.stdout) == others


def test_a_failed_source_alone_gives_no_findings(stand_ins: set[str]) -> None:
    stand_ins.add("opensearch")
    result = run("--opensearch", "x")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert FAILED.format(name="opensearch") in result.stderr


def test_analyze_has_the_ci_options_of_lint(tmp_path: Path) -> None:
    snapshot = str(FILES["postgres"])
    baseline = tmp_path / "baseline.json"
    result = run("--snapshot", snapshot, "--baseline", str(baseline), "--update-baseline")
    assert result.exit_code == 0, result.output
    result = run("--snapshot", snapshot, "--baseline", str(baseline))
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []
    assert "in the baseline not shown" in result.stderr
    text = CliRunner().invoke(cli, ["analyze", "--snapshot", snapshot, "--statistics"])
    assert text.exit_code == 1 and "PG-" in text.stdout
    assert run("--snapshot", snapshot, "--exit-zero").exit_code == 0
    assert run("--snapshot", snapshot, "--fail-on", "error").exit_code == 0
    for fmt in ("sarif", "junit", "markdown", "gitlab", "github", "html", "text"):
        shown = CliRunner().invoke(cli, ["analyze", "--snapshot", snapshot, "--format", fmt])
        assert shown.exit_code == 1 and shown.stdout, fmt
