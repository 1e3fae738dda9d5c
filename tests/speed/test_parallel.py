"""`advisor lint -j N` and the lint cache give the report a single in-process run gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor import parallel
from advisor.cli import cli
from advisor.config import load_config
from advisor.engine import Engine
from advisor.parallel import can_fork, lint_paths, shares
from advisor.report import FORMATS, render, shows_source

from .workload import write_project

needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes need fork()")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    write_project(tmp_path / "repo")
    return tmp_path


def lint(*args: str) -> str:
    result = CliRunner().invoke(cli, ["lint", "repo", "--no-color", "--exit-zero", *args])
    assert result.exit_code == 0, result.output
    # The HTML page states when it was made and the command line (which names -j and the
    # cache): what describes the run, not its findings, is left out of the comparison.
    return re.sub(r'<dl class="meta">.*?</dl>', "", result.stdout, count=1, flags=re.S)


@needs_fork
@pytest.mark.usefixtures("project")
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_whatever_the_workers_and_the_cache(fmt: str) -> None:
    alone = lint("--format", fmt, "-j", "1", "--no-cache")
    assert lint("--format", fmt, "-j", "2", "--no-cache") == alone
    assert lint("--format", fmt, "-j", "3", "--cache-dir", "c") == alone  # cold
    assert lint("--format", fmt, "-j", "2", "--cache-dir", "c") == alone  # warm
    assert lint("--format", fmt, "-j", "1", "--cache-dir", "c") == alone


def test_same_report_as_the_engine_alone(project: Path) -> None:
    config = load_config(start=project / "repo")
    before = Engine(config, lint=True).lint_paths([project / "repo"])
    for jobs in (1, 2):
        after = lint_paths(Engine(config, lint=True), [project / "repo"], jobs=jobs)
        assert render(after, "json") == render(before, "json")
        assert after.files == before.files and after.statements == before.statements
    assert {f.rule_id for f in before.findings} >= {"RS-Q01", "AD-001", "AD-002"}


def test_shares_are_balanced_and_stable(tmp_path: Path) -> None:
    paths = []
    for n, size in enumerate([50, 10, 40, 30, 20, 5]):
        path = tmp_path / f"f{n}.sql"
        path.write_text("x" * size)
        paths.append(path)
    split = shares(paths, 2)
    assert split == shares(paths, 2)
    assert sorted(i for s in split for i in s) == list(range(6))
    loads = [sum(50 if i == 0 else paths[i].stat().st_size for i in s) for s in split]
    assert max(loads) - min(loads) <= 50
    assert shares(paths, 10) == [[i] for i in (0, 2, 3, 4, 1, 5)]


def test_no_cache_writes_nothing_and_the_default_folder_is_beside_the_config(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lint("--no-cache")
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    lint()
    assert not (project / ".advisor_cache").exists()
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    lint()
    assert (project / ".advisor_cache" / "CACHEDIR.TAG").is_file()
    (project / "repo" / "advisor.toml").write_text('ignore = ["RS-Q01"]\n')
    lint()
    assert (project / "repo" / ".advisor_cache" / ".gitignore").is_file()


@pytest.mark.parametrize("jobs", [1, 2])
def test_trees_past_the_budget_are_parsed_again_to_the_same_report(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    config = load_config(start=project / "repo")
    kept = lint_paths(Engine(config, lint=True), [project / "repo"], jobs=jobs)
    monkeypatch.setattr(parallel, "RETAIN_BYTES", 0)  # no tree kept between the passes
    again = lint_paths(Engine(config, lint=True), [project / "repo"], jobs=jobs)
    assert render(again, "json") == render(kept, "json")
    assert render(again, "text", {}) == render(kept, "text", {})


def test_only_formats_that_show_lines_make_the_files_be_read_again() -> None:
    assert shows_source("text") and shows_source("html")
    assert not shows_source("text", quiet=True)
    assert not any(shows_source(f) for f in FORMATS if f not in ("text", "html"))


def test_pass_two_in_chunks_of_one_file_gives_the_same_report(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(start=project / "repo")
    whole = lint_paths(Engine(config, lint=True), [project / "repo"], jobs=1)
    monkeypatch.setattr(parallel, "LINT_CHUNK", 1)  # every file its own request, out of order
    chunked = lint_paths(Engine(config, lint=True), [project / "repo"], jobs=2)
    assert render(chunked, "json") == render(whole, "json")
    assert render(chunked, "text", {}) == render(whole, "text", {})
