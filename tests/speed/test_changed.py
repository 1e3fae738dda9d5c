"""`lint --changed`, `--since`, `--shard` and `report --merge`, from the command line in a
temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.changed import SelectionError, parse_shard, shard_of
from advisor.cli import cli

from .workload import write_project

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    write_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    return root


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", ".", "--exit-zero", "--no-color", *args])


def paths_in(result: Result) -> set[str]:
    assert result.exit_code == 0, result.output
    return {f["location"]["path"] for f in json.loads(result.stdout)["findings"]}


@needs_git
def test_changed_lints_only_changed_files_against_the_whole_catalog(repo: Path) -> None:
    assert paths_in(lint("--changed", "--format", "json")) == set()
    query = repo / "reports" / "customers.sql"
    query.write_text("SELECT * FROM sales.customers WHERE region = 'EU';\n")
    (repo / "reports" / "new.sql").write_text("SELECT * FROM sales.orders;\n")
    result = lint("--changed", "--format", "json")
    assert paths_in(result) == {"reports/customers.sql", "reports/new.sql"}
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 2
    # The column counts come from DDL in files that did not change.
    messages = [f["message"] for f in data["findings"] if f["rule_id"] == "RS-Q01"]
    assert any("sales.customers (3 columns)" in m for m in messages), messages
    assert any("sales.orders (4 columns)" in m for m in messages), messages


@needs_git
def test_since_a_revision(repo: Path) -> None:
    (repo / "reports" / "orders.sql").write_text("SELECT * FROM sales.orders;\n")
    git(repo, "commit", "-q", "-am", "second")
    assert paths_in(lint("--since", "HEAD", "--format", "json")) == set()
    assert paths_in(lint("--since", "HEAD~1", "--format", "json")) == {"reports/orders.sql"}
    bad = lint("--since", "no-such-rev")
    assert bad.exit_code == 2 and "--since no-such-rev: not a commit" in bad.output
    assert lint("--since", "--all").exit_code == 2


def test_changed_outside_a_repository_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path / "plain")
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = lint("--changed")
    assert result.exit_code == 2
    assert "need a git repository" in result.output
    assert "Traceback" not in result.output


@needs_git
def test_shards_merge_into_the_whole_run(repo: Path) -> None:
    whole = lint("--format", "json", "--no-cache")
    assert whole.exit_code == 0
    runner = CliRunner()
    names = []
    seen: set[str] = set()
    for i in (1, 2, 3):
        name = str(repo.parent / f"shard{i}.json")  # outside the linted tree
        shard = lint("--shard", f"{i}/3", "--format", "json", "-o", name)
        assert shard.exit_code == 0, shard.output
        mine = {f["location"]["path"] for f in json.loads(Path(name).read_text())["findings"]}
        assert mine and not mine & seen
        seen |= mine
        names.append(name)
    merged = runner.invoke(cli, ["report", "--merge", *names, "--format", "json"])
    assert merged.exit_code == 0, merged.output
    assert merged.stdout == whole.stdout
    # A saved result keeps each fix's text, not its edits: compare the full fix texts.
    text = runner.invoke(cli, ["report", "--merge", *names, "--no-color", "--show-fixes"])
    assert text.stdout == lint("--no-cache", "--show-fixes").stdout
    one = runner.invoke(cli, ["report", *names])
    assert one.exit_code == 2 and "add --merge" in one.output


@needs_git
def test_a_baseline_of_the_whole_run_serves_every_shard(repo: Path) -> None:
    assert lint("--baseline", "b.json", "--update-baseline").exit_code == 0
    for i in (1, 2):
        shard = lint("--shard", f"{i}/2", "--baseline", "b.json", "--format", "json")
        assert json.loads(shard.stdout)["findings"] == []


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2", ""])
def test_bad_shards(text: str) -> None:
    with pytest.raises(SelectionError, match="--shard expects I/N"):
        parse_shard(text)


def test_shard_of_is_stable_and_covers_every_shard(tmp_path: Path) -> None:
    found = {shard_of(tmp_path / f"f{n}.sql", tmp_path, 4) for n in range(64)}
    assert found == {1, 2, 3, 4}
    assert shard_of(Path("a/b.sql"), Path("."), 4) == shard_of(Path("./a/b.sql"), Path("."), 4)
    assert parse_shard("2/4") == (2, 4)


@needs_git
def test_a_link_to_a_changed_file_is_changed_too(repo: Path) -> None:
    (repo / "reports" / "alias.sql").symlink_to("customers.sql")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "alias")
    assert paths_in(lint("--changed", "--format", "json")) == set()
    (repo / "reports" / "customers.sql").write_text(
        "SELECT * FROM sales.customers WHERE region = 'EU';\n"
    )
    result = lint("--changed", "--format", "json")
    assert paths_in(result) == {"reports/customers.sql", "reports/alias.sql"}
