"""The pre-commit hooks, run by pre-commit itself against a throwaway repository.

pre-commit clones this repository at HEAD and pip-installs it into its own environment, as it
would for a user (`language: python`); that takes some seconds and needs the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(
        not (ROOT / ".git").exists(), reason="not a git checkout: pre-commit clones the repo"
    ),
]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _workspace(tmp_path: Path, hook: str, args: str) -> tuple[Path, dict[str, str]]:
    """A folder whose pre-commit config runs `hook` of this checkout's HEAD with `args`, and
    the environment to run pre-commit in (its own cache, no job summary)."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (dev extra)")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n"
        f"  - repo: {ROOT.as_posix()}\n"
        f"    rev: {head}\n"
        f"    hooks:\n"
        f"      - id: {hook}\n"
        f"        args: {args}\n",
        encoding="utf-8",
    )
    return work, env


def test_advisor_sql_hook_through_pre_commit(tmp_path: Path) -> None:
    work, env = _workspace(tmp_path, "advisor-sql", "[--select, RS-Q01]")
    (work / "bad.sql").write_text("-- report\nSELECT * FROM sales.orders;\n", encoding="utf-8")
    (work / "good.sql").write_text("SELECT order_id FROM sales.orders;\n", encoding="utf-8")
    (work / "notes.txt").write_text("SELECT * FROM not_sql;\n", encoding="utf-8")
    assert _run(["git", "init", "-q"], work, env).returncode == 0
    assert _run(["git", "add", "."], work, env).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--files"]

    clean = _run([*pre_commit, "good.sql", "notes.txt"], work, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "advisor (Redshift SQL)" in clean.stdout
    assert "Passed" in clean.stdout

    dirty = _run([*pre_commit, "bad.sql", "good.sql", "notes.txt"], work, env)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "bad.sql:2:8: RS-Q01" in dirty.stdout
    assert "not_sql" not in dirty.stdout  # only SQL files reach the hook


def test_advisor_fix_hook_through_pre_commit(tmp_path: Path) -> None:
    work, env = _workspace(tmp_path, "advisor-fix", "[--select, 'RS-Q17,OS-Q29']")
    sql = "-- nightly\r\nANALYZE sales.orders;\r\n"
    (work / "load.sql").write_text(sql, encoding="utf-8", newline="")
    console = (
        "GET logs-*/_search\n"
        '{ "size": 0, "aggs": { "users": { "cardinality": '
        '{ "field": "user", "precision_threshold": 100000 } } } }\n'
    )
    (work / "users.osq").write_text(console, encoding="utf-8")
    assert _run(["git", "init", "-q"], work, env).returncode == 0
    assert _run(["git", "add", "."], work, env).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]

    fixed = _run(pre_commit, work, env)
    # pre-commit fails a hook that changed files, so that the fixes are reviewed and staged.
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert (work / "load.sql").read_bytes() == (
        b"-- nightly\r\nANALYZE sales.orders PREDICATE COLUMNS;\r\n"
    )
    assert '"precision_threshold": 40000' in (work / "users.osq").read_text(encoding="utf-8")

    assert _run(["git", "add", "."], work, env).returncode == 0
    again = _run(pre_commit, work, env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout


def test_hook_environment_holds_only_what_lint_needs(tmp_path: Path) -> None:
    """The hooks install the distribution without extras: no Textual, no database drivers,
    no language server, so the first `pre-commit` run installs in seconds."""
    work, env = _workspace(tmp_path, "advisor-sql", "[]")
    assert _run(["git", "init", "-q"], work, env).returncode == 0
    installed = _run([sys.executable, "-m", "pre_commit", "install-hooks"], work, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    packages = {
        path.name.lower()
        for path in (tmp_path / "pre-commit-home").glob(
            "repo*/py_env-*/lib/python*/site-packages/*"
        )
    }
    assert "sqlglot" in packages and "click" in packages
    for extra in ("textual", "psycopg", "opensearchpy", "networkx", "rich", "pygls"):
        assert extra not in packages, f"{extra} is installed into the hook environment"


def test_the_documented_pre_commit_example_runs_as_written(tmp_path: Path) -> None:
    """docs/examples/pre-commit-config.yaml, with only its placeholder repository and rev
    replaced by this checkout: SQL and request files are linted, other JSON is left alone."""
    import yaml

    work, env = _workspace(tmp_path, "advisor-sql", "[]")
    config = yaml.safe_load((ROOT / "docs" / "examples" / "pre-commit-config.yaml").read_text())
    (repo,) = config["repos"]
    generated = yaml.safe_load((work / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repo["repo"], repo["rev"] = generated["repos"][0]["repo"], generated["repos"][0]["rev"]
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (work / "sql").mkdir()
    (work / "search").mkdir()
    (work / "sql" / "report.sql").write_text("SELECT * FROM sales.orders;\n", encoding="utf-8")
    (work / "search" / "sku.osq").write_text(
        'GET products/_search\n{"query": {"wildcard": {"sku": "*-001"}}}\n', encoding="utf-8"
    )
    # Valid JSON that is no request, outside search/: the example's `files:` keeps it out.
    (work / "package.json").write_text('{"query": {"wildcard": {"a": "*x"}}}\n', "utf-8")
    assert _run(["git", "init", "-q"], work, env).returncode == 0
    assert _run(["git", "add", "."], work, env).returncode == 0
    done = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], work, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "sql/report.sql:1:8: RS-Q01" in done.stdout
    assert "search/sku.osq:2:" in done.stdout and "OS-Q01" in done.stdout
    assert "package.json" not in done.stdout
