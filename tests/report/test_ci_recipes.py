"""Every recipe in docs/ci.md runs as written: the shell steps of the GitHub Actions and GitLab
examples are executed in a temporary repository, with the environment those runners set, on
a first run (no baseline yet) and after the baseline is committed; and the `$ advisor` lines
of docs/ci.md run without a usage error."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
SARIF_SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")
DISTRIBUTION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "name"
]
BIN = Path(sys.executable).parent


def _repo(tmp_path: Path, *, findings: bool = True) -> Path:
    repo = tmp_path / "repo"
    (repo / "sql").mkdir(parents=True)
    (repo / "search").mkdir()
    query = "SELECT * FROM sales.orders;\n" if findings else "SELECT order_id FROM sales.orders;\n"
    (repo / "sql" / "report.sql").write_text(query, encoding="utf-8")
    (repo / "search" / "products.osq").write_text(
        'GET products/_search\n{"query": {"match": {"title": "shoes"}}, "size": 10}\n',
        encoding="utf-8",
    )
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _env(repo: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "CI_"))}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["CI"] = "true"
    env.update(extra)
    return env


def _install_step(command: str) -> bool:
    """The install line names this project's distribution; the test's environment has it."""
    if not command.strip().startswith("pip install"):
        return False
    words = shlex.split(command.split("#")[0])
    assert any(re.split(r"[=<>\[ ]", w)[0] == DISTRIBUTION for w in words[2:]), command
    return True


def _condition(expr: str, repo: Path, outcomes: dict[str, str]) -> bool:
    """The `if:` expressions the example uses: always(), hashFiles(...), steps.X.outcome."""
    result = True
    for part in expr.split("&&"):
        part = part.strip()
        if part == "always()":
            continue
        hashed = re.fullmatch(r"hashFiles\('([^']+)'\) != ''", part)
        step = re.fullmatch(r"steps\.(\w+)\.outcome == '(\w+)'", part)
        if hashed:
            result = result and (repo / hashed.group(1)).is_file()
        elif step:
            result = result and outcomes.get(step.group(1)) == step.group(2)
        else:
            raise AssertionError(f"condition the test does not know: {part}")
    return result


def run_github(repo: Path) -> tuple[int, dict[str, str], Path]:
    """The job's steps in order, as the runner would: bash -e per `run:` step; `uses:` steps
    are checked for their input file. Returns the job's status, step outcomes, summary file."""
    workflow: Any = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    summary = repo.parent / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    env = _env(
        repo,
        {
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(repo),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(repo.parent),
        },
    )
    outcomes: dict[str, str] = {}
    failed = False
    for step in workflow["jobs"]["advisor"]["steps"]:
        condition = step.get("if")
        if condition is None and failed:
            continue
        if condition is not None and not _condition(condition, repo, outcomes):
            continue
        if "uses" in step:
            action = step["uses"]
            if action.startswith("github/codeql-action/upload-sarif"):
                sarif = json.loads((repo / step["with"]["sarif_file"]).read_text("utf-8"))
                schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
                jsonschema.validate(sarif, schema)
            elif action.startswith("actions/upload-artifact"):
                assert (repo / step["with"]["path"]).is_file()
            continue
        command = step["run"]
        if _install_step(command):
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert "internal error" not in done.stderr and "Usage:" not in done.stderr, done.stderr
        outcome = "success" if done.returncode == 0 else "failure"
        if "id" in step:
            outcomes[step["id"]] = outcome
        if outcome == "failure" and not step.get("continue-on-error"):
            failed = True
    return (1 if failed else 0), outcomes, summary


def run_gitlab(repo: Path) -> subprocess.CompletedProcess[str]:
    """The job's script in one shell, each line stopping the job on failure, as the runner."""
    job: Any = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))["advisor"]
    lines = [line for line in job["script"] if not _install_step(line)]
    env = _env(repo, {"GITLAB_CI": "true", "CI_PROJECT_DIR": str(repo), "CI_JOB_NAME": "advisor"})
    return subprocess.run(
        ["bash", "-e", "-c", "\n".join(lines)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _commit_baseline(repo: Path) -> None:
    args = ["lint", "sql/", "search/", "--baseline", "advisor-baseline.json", "--update-baseline"]
    done = subprocess.run(
        ["advisor", *args],
        cwd=repo,
        env=_env(repo, {}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_github_first_run_publishes_reports_and_fails_on_findings(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    status, outcomes, summary = run_github(repo)
    assert outcomes["lint"] == "failure" and status == 1
    assert {"advisor.json", "advisor.sarif", "advisor.html"} <= {p.name for p in repo.iterdir()}
    assert "RS-Q01" in summary.read_text(encoding="utf-8")


def test_github_with_a_committed_baseline_passes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _commit_baseline(repo)
    status, outcomes, _ = run_github(repo)
    assert outcomes["lint"] == "success" and status == 0


def test_github_clean_repository_passes(tmp_path: Path) -> None:
    status, outcomes, _ = run_github(_repo(tmp_path, findings=False))
    assert outcomes["lint"] == "success" and status == 0


def test_gitlab_first_run_publishes_reports_and_fails(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    done = run_gitlab(repo)
    assert done.returncode == 1, done.stderr
    assert "no baseline yet" in done.stderr
    quality = json.loads((repo / "gl-code-quality-report.json").read_text("utf-8"))
    assert quality and all(item["location"]["path"] for item in quality)
    assert (repo / "advisor-junit.xml").is_file() and (repo / "advisor.html").is_file()


def test_gitlab_with_a_committed_baseline_passes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _commit_baseline(repo)
    done = run_gitlab(repo)
    assert done.returncode == 0, done.stderr


def _console_commands() -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    commands: list[str] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        commands.extend(line[2:] for line in block.splitlines() if line.startswith("$ "))
    return commands


def test_ci_md_console_lines_run(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    commands = _console_commands()
    assert any(c.startswith("advisor lint") for c in commands)
    for command in commands:
        if _install_step(command):
            continue
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=repo,
            env=_env(repo, {}),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), (command, done.stderr)


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_recipes_install_this_distribution(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    installs = [line for line in text.splitlines() if "pip install" in line]
    assert installs and all(DISTRIBUTION in line for line in installs)


def test_every_recipe_is_executed_by_a_test() -> None:
    """A recipe added to docs/examples or a code block added to docs/ci.md must come with a
    test that runs it: the shell steps of the CI files here, the pre-commit example in
    tests/test_precommit.py, the `$ ` lines of the console blocks here."""
    executed = {"github-actions.yml", "gitlab-ci.yml", "pre-commit-config.yaml"}
    assert {p.name for p in EXAMPLES.iterdir()} == executed
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    languages = set(re.findall(r"^```(\w*)$", text, flags=re.M)) - {""}
    assert languages == {"console"}, languages
    for name in executed:
        assert f"(examples/{name})" in text, f"docs/ci.md does not link {name}"
    precommit = (ROOT / "tests" / "test_precommit.py").read_text(encoding="utf-8")
    assert '"docs" / "examples" / "pre-commit-config.yaml"' in precommit
