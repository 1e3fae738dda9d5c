from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import ConfigError, find_config_file, load_config
from advisor.model import Severity


def test_closest_file_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nignore = ["RS-Q01"]\n')
    sub = tmp_path / "etl"
    sub.mkdir()
    (sub / "advisor.toml").write_text('select = ["RS-Q"]\nfail-on = "high"\n')
    assert find_config_file(sub / "x.sql") == sub / "advisor.toml"
    config = load_config(start=sub)
    assert config.select == ("RS-Q",)
    assert config.fail_on is Severity.HIGH
    assert load_config(start=tmp_path).ignore == ("RS-Q01",)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\ndialect = "redshift"\n')
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(sub) == tmp_path / "pyproject.toml"


def test_selection_prefixes_severity_options_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text(
        'select = ["RS"]\nignore = ["RS-D"]\n'
        '[severity]\n"RS-Q01" = "high"\n'
        "[rules.RS-Q11]\nmin-consecutive = 5\n"
        '[per-file-ignores]\n"legacy/*.sql" = ["RS-Q01"]\n'
    )
    config = load_config(start=tmp_path)
    assert config.rule_enabled("RS-Q01")
    assert not config.rule_enabled("RS-D02")
    assert not config.rule_enabled("OS-Q01")
    assert config.severity["RS-Q01"] is Severity.HIGH
    assert config.options_for("RS-Q11", {"min_consecutive": 3}) == {"min_consecutive": 5}
    assert config.ignored_in_file("RS-Q01", str(tmp_path / "legacy" / "a.sql"))
    assert not config.ignored_in_file("RS-Q01", str(tmp_path / "new" / "a.sql"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("nonsense = 1\n", "unknown key"),
        ('dialect = "oracle"\n', "unknown dialect"),
        ('fail-on = "fatal"\n', "unknown severity"),
        ("select = [1]\n", "list of rule ids"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "advisor.toml").write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(start=tmp_path)


def test_mappings_resolve_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text('[opensearch.mappings]\n"logs-*" = "m/logs.json"\n')
    config = load_config(start=tmp_path)
    assert config.mappings == {"logs-*": (tmp_path / "m" / "logs.json").resolve()}
