"""The `advisor tui` command's arguments, and Textual staying out of the other commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli


def test_tui_help_lists_its_options() -> None:
    result = CliRunner().invoke(cli, ["tui", "--help"])
    assert result.exit_code == 0
    for option in (
        "--select",
        "--ignore",
        "--config",
        "--dsn",
        "--explain",
        "--opensearch",
        "--profile",
        "--redshift",
        "--snapshot",
    ):
        assert option in result.output


def test_tui_profile_needs_opensearch(tmp_path: Path) -> None:
    request = tmp_path / "search.json"
    request.write_text('{"query": {"match_all": {}}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["tui", str(tmp_path), "--profile", str(request)])
    assert result.exit_code == 2
    assert "--profile needs --opensearch" in result.output


def test_tui_explain_needs_a_dsn(tmp_path: Path) -> None:
    query = tmp_path / "q.sql"
    query.write_text("SELECT 1;", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tui", str(tmp_path), "--explain", str(query)])
    assert result.exit_code == 2
    assert "--explain needs --dsn" in result.output


def test_tui_rejects_a_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["tui", str(tmp_path / "missing.sql")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_the_cli_does_not_import_textual() -> None:
    code = "import sys, advisor.cli; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
