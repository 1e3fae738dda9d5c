"""Modules and functions stay small enough to read as one subject.

No module of the advisor's own code (advisor/, rules/, connectors/, services/) is over
MAX_MODULE_LINES lines, and no function over MAX_FUNCTION_LINES, except the hand-written
lexers below: a scanner's one loop over the characters reads best in one piece.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("advisor", "rules", "connectors", "services")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# Hand-written lexers (path, function): each is one loop over the characters of its input.
LEXERS = {
    ("advisor/dsl/jsonpos.py", "parse"),
    ("advisor/sql/split.py", "split_statements"),
}


def _modules() -> list[Path]:
    found = [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))]
    assert found, f"no Python modules under {ROOT}"
    return found


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_is_too_long() -> None:
    long = {
        _name(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_function_is_too_long() -> None:
    long: dict[str, int] = {}
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            assert node.end_lineno is not None
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and (_name(path), node.name) not in LEXERS:
                long[f"{_name(path)}:{node.lineno} {node.name}"] = lines
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_exempted_lexers_exist() -> None:
    """An exemption for a function that was renamed or removed is dropped, not kept."""
    for path, function in sorted(LEXERS):
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert function in names, f"{path} has no function {function}"
