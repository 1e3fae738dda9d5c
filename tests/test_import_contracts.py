"""The import-linter contracts in pyproject.toml cover the layers they are meant to.

`lint-imports` checks the contracts; this checks the contracts themselves: that the live-system
registry, the DSL engine and the DSL parsing helpers are each held by one, and that a contract
which keeps a layer away from the faces names every CLI module (import-linter takes no
partial-name wildcard, so a new `advisor/cli_*.py` must be added by name).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, Any]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = data["tool"]["importlinter"]["contracts"]
    return contracts


def _faces() -> set[str]:
    modules = {f"advisor.{p.stem}" for p in (ROOT / "advisor").glob("cli*.py")}
    return modules | {"advisor.fix_cli", "advisor.tui", "advisor.lsp"}


def test_the_live_registry_the_dsl_engine_and_the_dsl_helpers_are_under_contract() -> None:
    sources = {m for c in _contracts() for m in c["source_modules"]}
    assert {"advisor.live", "advisor.engine_dsl", "advisor.dsl", "advisor.engine"} <= sources


def test_a_contract_that_keeps_a_layer_from_the_faces_names_every_face() -> None:
    for contract in _contracts():
        forbidden = set(contract.get("forbidden_modules", ()))
        if "advisor.cli" in forbidden:
            assert sorted(_faces() - forbidden) == [], contract["name"]


def test_no_contract_ignores_an_import() -> None:
    """Exceptions would be commented `ignore_imports`; the design needs none today."""
    assert [c["name"] for c in _contracts() if c.get("ignore_imports")] == []
