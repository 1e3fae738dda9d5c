"""The CI examples in docs/examples parse, and every advisor command in them is a valid one."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.cli import cli
from advisor.report import FORMATS

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _advisor_commands(path: Path) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    commands = []
    for text in _strings(data):
        for line in text.splitlines():
            line = line.split(" || ")[0].split(" #")[0].strip()
            # Only command lines; `expose_as: advisor report` is a label.
            if line.startswith("advisor ") and " --" in line:
                commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_example_commands_parse(name: str) -> None:
    commands = _advisor_commands(EXAMPLES / name)
    assert len(commands) >= 3
    for args in commands:
        command = cli.commands[args[0]]
        known = {opt for param in command.params for opt in getattr(param, "opts", [])}
        options = [a for a in args[1:] if a.startswith("-")]
        assert set(options) <= known, args
        assert args[args.index("--format") + 1] in FORMATS, args


def test_pre_commit_example_names_the_published_hooks() -> None:
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    published = yaml.safe_load(
        (EXAMPLES.parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {hook["id"] for hook in published} == {"advisor-sql", "advisor-dsl", "advisor-fix"}
    # The example lints; advisor-fix is the alternative that applies fixes first.
    assert ids == {"advisor-sql", "advisor-dsl"}
    sql = next(h for h in published if h["id"] == "advisor-sql")
    assert sql["types_or"] == ["sql"]
    assert sql["language"] == "python"
