"""The server's analysis without the protocol: config discovery, reloads, crashes, catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.lsp.analysis import Workspace
from advisor.lsp.incremental import Memo


def test_a_crash_while_linting_is_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(Memo, "lint_file", boom)
    result = Workspace(tmp_path).lint(str(tmp_path / "a.sql"), "SELECT 1;\n")
    [finding] = result.findings
    assert "internal error: RuntimeError: rule exploded" in finding.message


def test_closest_config_is_used_and_reloaded_when_it_changes(tmp_path: Path) -> None:
    path = str(tmp_path / "a.sql")
    workspace = Workspace(tmp_path)
    text = "ANALYZE sales.orders;\n"
    assert [f.rule_id for f in workspace.lint(path, text).findings] == ["RS-Q17"]
    (tmp_path / "advisor.toml").write_text('ignore = ["RS-Q17"]\n', encoding="utf-8")
    assert workspace.lint(path, text).findings == []


def test_the_catalog_comes_from_the_workspace_ddl(tmp_path: Path) -> None:
    (tmp_path / "ddl.sql").write_text(
        "CREATE TABLE sales.orders (order_id BIGINT, total DECIMAL(12,2));\n", encoding="utf-8"
    )
    workspace = Workspace(tmp_path)
    workspace.scan()
    result = workspace.lint(str(tmp_path / "q.sql"), "SELECT * FROM sales.orders;\n")
    [star] = [f for f in result.findings if f.rule_id == "RS-Q01"]
    assert star.fix is not None
    assert [e.replacement for e in star.fix.edits] == ["order_id, total"]


def test_a_bad_config_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text("select = [\n", encoding="utf-8")
    result = Workspace(tmp_path).lint(str(tmp_path / "a.sql"), "SELECT 1;\n")
    [finding] = result.findings
    assert "configuration error" in finding.message


def test_reused_trees_give_the_same_findings(tmp_path: Path) -> None:
    """Trees are cached across lints: no rule may change one (each rule case, linted twice)."""
    import yaml

    cases = Path(__file__).resolve().parents[1] / "rules" / "cases"
    workspace = Workspace(tmp_path)
    path = str(tmp_path / "case.sql")
    for file in sorted(cases.glob("RS-*.yml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            text = case.get("fail") or case.get("pass")
            first = workspace.lint(path, text).findings
            assert workspace.lint(path, text).findings == first, (file.stem, case["name"])
