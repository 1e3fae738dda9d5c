"""A typo in a rule id, prefix, option or mapping pattern is a configuration error (exit 2)
that names the closest valid one, in every command that takes it; never "No findings"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PG_SNAPSHOT = ROOT / "examples" / "postgres" / "snapshot.json"
PLAN = ROOT / "examples" / "redshift" / "plans" / "hash_join_broadcast.txt"


def invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "internal error" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def sql(tmp_path: Path) -> Path:
    path = tmp_path / "a.sql"
    path.write_text("SELECT * FROM t;\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "RS-ZZ"], "--select: 'RS-ZZ' matches no rule"),
        (["--select", "RS-Q0l"], "did you mean 'RS-Q01'?"),
        (["--ignore", "RS-Q99X"], "--ignore: 'RS-Q99X' matches no rule"),
        (["--ignore", "RS-Q011"], "did you mean 'RS-Q01'?"),
    ],
)
def test_lint_unknown_rule_on_the_command_line(
    tmp_path: Path, sql: Path, args: list[str], message: str
) -> None:
    code, output = invoke(tmp_path, "lint", str(sql), *args)
    assert code == 2 and message in output


def test_select_in_config_that_matches_no_rule(tmp_path: Path, sql: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nselect = ["XX-Q01"]\n')
    code, output = invoke(tmp_path, "lint", str(sql))
    assert code == 2
    assert "pyproject.toml:2: select: 'XX-Q01' matches no rule (did you mean" in output


def test_misspelt_rule_option(tmp_path: Path, sql: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.advisor.rules.RS-Q11]\nmin_consecutive_insert = 5\n"
    )
    code, output = invoke(tmp_path, "lint", str(sql))
    assert code == 2
    assert "RS-Q11 has no option 'min_consecutive_insert'" in output
    assert "did you mean 'min_consecutive_inserts'?" in output


def test_malformed_pyproject_without_an_advisor_table_is_an_error(
    tmp_path: Path, sql: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion =\n')
    code, output = invoke(tmp_path, "lint", str(sql))
    assert code == 2 and "pyproject.toml: invalid TOML" in output


def test_unknown_mapping_pattern(tmp_path: Path) -> None:
    (tmp_path / "r.osq").write_text('GET logs/_search\n{"query": {"match_all": {}}}\n')
    (tmp_path / "m.json").write_text('{"mappings": {"properties": {}}}\n')
    code, output = invoke(
        tmp_path, "lint", str(tmp_path / "r.osq"), "--mapping", f"logz={tmp_path / 'm.json'}"
    )
    assert code == 2
    assert "--mapping logz: matches no index of the linted requests (did you mean 'logs'?)" in (
        output
    )


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "--snapshot", str(PG_SNAPSHOT)],
        ["explain", str(PLAN)],
        ["tui", "--snapshot", str(PG_SNAPSHOT)],
    ],
)
def test_every_command_that_selects_rules_checks_them(tmp_path: Path, command: list[str]) -> None:
    code, output = invoke(tmp_path, *command, "--select", "RS-ZZ")
    assert code == 2 and "'RS-ZZ' matches no rule (did you mean" in output
    code, output = invoke(tmp_path, *command, "--ignore", "PG-C99X")
    assert code == 2 and "'PG-C99X' matches no rule" in output


def test_config_typo_fails_analyze_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "advisor.toml").write_text('[severity]\nPG-C0l = "high"\n')
    monkeypatch.chdir(tmp_path)
    code, output = invoke(tmp_path, "analyze", "--snapshot", str(PG_SNAPSHOT))
    assert code == 2 and "no rule 'PG-C0L' (did you mean 'PG-C01'?)" in output


def test_rule_command_suggests_the_closest_id(tmp_path: Path) -> None:
    code, output = invoke(tmp_path, "rule", "RS-Q1")
    assert code == 2
    assert "unknown rule 'RS-Q1'" in output and "(did you mean 'RS-Q1" in output
