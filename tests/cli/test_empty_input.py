"""A run that read nothing says what it looked for and exits 2 (unless --allow-empty), and a
folder walk skips what git ignores, as Ruff does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

SELECT_STAR = "SELECT * FROM t;\n"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_folder_with_no_file_the_advisor_reads(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing to lint\n")
    code, out, err = invoke("lint", str(tmp_path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"advisor: no file to lint in {tmp_path.as_posix()}: looked for")
    assert "*.sql" in lines[0] and "*.json" in lines[0]
    assert out == ""


def test_allow_empty_accepts_an_empty_folder(tmp_path: Path) -> None:
    code, out, _ = invoke("lint", str(tmp_path), "--allow-empty", "--no-color")
    assert code == 0 and "No findings" in out


def test_explain_on_a_file_with_no_plan(tmp_path: Path) -> None:
    path = tmp_path / "query.sql"
    path.write_text(SELECT_STAR)
    code, _, err = invoke("explain", str(path))
    assert code == 2
    assert err.strip().splitlines() == [
        f"advisor: no EXPLAIN plan in {path.as_posix()}: looked for Redshift plan operator "
        "lines (`XN Seq Scan on t  (cost=...)`, `->  XN Hash Join ...`); --allow-empty "
        "accepts this"
    ]
    code, _, _ = invoke("explain", str(path), "--allow-empty")
    assert code == 0


def test_explain_counts_plans_as_plans() -> None:
    plans = Path(__file__).resolve().parents[2] / "examples" / "redshift" / "plans"
    one = plans / "hash_join_broadcast.txt"
    code, out, _ = invoke("explain", str(one), "--exit-zero")
    assert code == 0
    assert out.rstrip().splitlines()[-1].endswith("in 1 file, 1 plan."), out
    code, out, _ = invoke("explain", *map(str, sorted(plans.glob("*.txt"))), "--exit-zero")
    assert out.rstrip().splitlines()[-1].endswith("in 5 files, 5 plans."), out
    assert "statement" not in out.rstrip().splitlines()[-1]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "generated.sql").write_text(SELECT_STAR)
    (tmp_path / "sql").mkdir()
    (tmp_path / "sql" / "kept.sql").write_text(SELECT_STAR)
    (tmp_path / "sql" / "scratch.sql").write_text(SELECT_STAR)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "sql" / ".gitignore").write_text("scratch*.sql\n")
    return tmp_path


def test_lint_skips_what_git_ignores(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = invoke("lint", ".", "--no-color", "--format", "concise")
    assert code == 1
    assert "sql/kept.sql" in out
    assert "generated.sql" not in out and "scratch.sql" not in out


def test_no_respect_gitignore_lints_everything(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = invoke("lint", ".", "--no-respect-gitignore", "--format", "concise")
    assert code == 1
    assert all(name in out for name in ("generated.sql", "scratch.sql", "kept.sql"))


def test_a_file_named_is_linted_even_if_ignored(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = invoke("lint", "build/generated.sql", "--format", "concise")
    assert code == 1 and "build/generated.sql" in out


def test_a_folder_all_ignored_is_empty(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, _, err = invoke("lint", "build")
    assert code == 2 and "no file to lint in build" in err


def test_outside_a_work_tree_gitignore_files_change_nothing(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.sql\n")
    (tmp_path / "a.sql").write_text(SELECT_STAR)
    code, out, _ = invoke("lint", str(tmp_path), "--no-color")
    assert code == 1 and "RS-Q01" in out
