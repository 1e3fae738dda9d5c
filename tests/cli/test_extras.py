"""`advisor lint` runs with the core dependencies only (the pre-commit hook's environment);
the commands that need an extra say which one to install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from advisor.cli_extras import DISTRIBUTION, EXTRAS
from advisor.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]
OPTIONAL = sorted({m for modules in EXTRAS.values() for m in modules})

# Runs the CLI with the optional packages made unimportable, as in a core-only install.
BLOCKED = f"""
import sys
from importlib.abc import MetaPathFinder

class Blocked(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {OPTIONAL!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Blocked())
sys.argv = ["advisor", *sys.argv[1:]]
from advisor.cli import main
main()
"""


def core_only(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def test_the_distribution_name_is_the_projects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION
    assert set(project["optional-dependencies"]) >= {*EXTRAS, "all", "dev"}
    core = " ".join(project["dependencies"]).lower()
    for module in ("textual", "psycopg", "opensearch", "networkx", "rich", "pygls"):
        assert module not in core, module


@pytest.mark.parametrize("fmt", FORMATS)
def test_lint_needs_no_extra(fmt: str) -> None:
    done = core_only("lint", "examples/", "--format", fmt, "--exit-zero")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_other_offline_commands_need_no_extra(tmp_path: Path) -> None:
    saved = tmp_path / "r.json"
    assert core_only("lint", "examples/redshift", "--format", "json", "-o", str(saved)).returncode
    for args in (
        ["report", str(saved), "--format", "html"],
        ["rule", "RS-Q01"],
        ["rules"],
        ["config"],
    ):
        done = core_only(*args)
        assert done.returncode == 0, (args, done.stderr)


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["tui"], "tui"),
        (["analyze", "--snapshot", "examples/postgres/snapshot.json"], "live"),
        (["snapshot", "-o", "x.json"], "live"),
        (["server"], "server"),
        (["explain", "examples/redshift/plans/hash_join_broadcast.txt"], "live"),
        (["lint", "examples/redshift", "--snapshot", "examples/postgres/snapshot.json"], "live"),
        (["lint", "examples/redshift", "--redshift", "host=nowhere"], "live"),
        (["lint", "examples/redshift", "--dsn", "host=nowhere"], "live"),
        (["lint", "examples/opensearch", "--opensearch", "http://nowhere:9"], "live"),
        (
            ["lint", "examples/opensearch", "--opensearch", "http://nowhere:9", "--verify-fixes"],
            "live",
        ),
    ],
)
def test_commands_say_which_extra_to_install(args: list[str], extra: str) -> None:
    done = core_only(*args)
    assert done.returncode == 2
    assert f"pip install '{DISTRIBUTION}[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
