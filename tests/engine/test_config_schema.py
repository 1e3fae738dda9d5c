"""Typed configuration: every violation is exit 2 with `file:line: key: expected …, got …`
and the closest valid key, rule id or option; never an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import load_config


def run(tmp_path: Path, config: str | bytes, *args: str) -> tuple[int, str]:
    target = tmp_path / "advisor.toml"
    if isinstance(config, bytes):
        target.write_bytes(config)
    else:
        target.write_text(config, encoding="utf-8")
    (tmp_path / "a.sql").write_text("SELECT * FROM t;\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "a.sql"), "--no-color", *args])
    assert "internal error" not in result.output
    return result.exit_code, result.output.strip().splitlines()[-1] if result.output else ""


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("exclude = 5\n", "advisor.toml:1: exclude: expected a list of glob patterns, got 5"),
        ('selcet = ["RS"]\n', "advisor.toml:1: selcet: unknown key (did you mean 'select'?)"),
        ('\n\nselect = ["XX-Q01"]\n', "advisor.toml:3: select: 'XX-Q01' matches no rule"),
        ('ignore = ["RS-Q0l"]\n', "(did you mean 'RS-Q01'?)"),
        ('[severity]\n"RS-Q99" = "high"\n', "advisor.toml:2: severity.RS-Q99: no rule 'RS-Q99'"),
        ('[severity]\n"RS-Q01" = "hgih"\n', "unknown severity: expected one of info, low"),
        ("[rules.RS-QZZ]\nx = 1\n", "advisor.toml:1: rules.RS-QZZ: no rule 'RS-QZZ'"),
        (
            "[rules.RS-Q11]\nmin_consecutive_insert = 5\n",
            "RS-Q11 has no option 'min_consecutive_insert' "
            "(did you mean 'min_consecutive_inserts'?)",
        ),
        (
            '[rules.RS-Q11]\nmin-consecutive-inserts = "five"\n',
            "advisor.toml:2: rules.RS-Q11.min-consecutive-inserts: expected an integer ≥ 2, "
            "got 'five' (a string)",
        ),
        ("[rules.RS-Q11]\nmin_consecutive_inserts = -1\n", "got -1 (an integer)"),
        ("[rules.RS-Q11]\nmin_consecutive_inserts = 0\n", "expected an integer ≥ 2, got 0"),
        ("[rules.RS-Q11]\nmin_consecutive_inserts = inf\n", "got inf (a float)"),
        ("[rules.RS-Q11]\nmin_consecutive_inserts = nan\n", "got nan (a float)"),
        ("[rules.RS-Q11]\nmin_consecutive_inserts = [1]\n", "got a list"),
        ("[rules.OS-Q13]\nunique_fields = [1, 2]\n", "expected a list of strings, got a list"),
        ('[rules.OS-M08]\nid_pattern = "(["\n', "expected a valid regular expression"),
        ("[rules.PG-P02]\nratio = 0\n", "expected a number ≥ 1, got 0"),
        ('[per-file-ignores]\n"*.sql" = ["RS-ZZ"]\n', "per-file-ignores.*.sql: 'RS-ZZ' matches"),
        ('max-file-bytes = "big"\n', "max-file-bytes: expected an integer ≥ 1, got 'big'"),
        ("max-json-depth = 0\n", "max-json-depth: expected an integer ≥ 1, got 0"),
        (
            "[opensearch]\nmapping = {}\n",
            "opensearch.mapping: unknown key (did you mean 'mappings'?)",
        ),
        ('[opensearch.mappings]\n"logs-*" = "nope.json"\n', "no such mapping file"),
        (b"\xff\xfes\x00=\x00", "the file is UTF-16; save it as UTF-8"),
        (b'select = ["\xe9"]\n', "advisor.toml:1: not valid UTF-8 (byte 0xe9)"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_each_bad_config_has_its_own_message(
    tmp_path: Path, config: str | bytes, message: str
) -> None:
    code, last = run(tmp_path, config)
    assert code == 2
    assert last.startswith("advisor: configuration error: ")
    assert message in last


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "RS-ZZ"], "--select: 'RS-ZZ' matches no rule"),
        (["--select", "XX-Q01"], "-Q01'?)"),
        (["--ignore", "RSQ01"], "--ignore: 'RSQ01' matches no rule (did you mean 'RS-Q01'?)"),
    ],
)
def test_unknown_ids_on_the_command_line(tmp_path: Path, args: list[str], message: str) -> None:
    code, last = run(tmp_path, "", *args)
    assert code == 2 and message in last


def test_prefixes_and_ids_of_other_families_are_valid(tmp_path: Path) -> None:
    code, last = run(tmp_path, 'select = ["RS", "OS-Q01", "PG-P"]\n[severity]\n"RS-W30" = "low"\n')
    assert code == 1 and "RS-Q01" not in last and "error" not in last


def test_malformed_pyproject_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nselect = ["RS"\n')
    (tmp_path / "a.sql").write_text("SELECT 1;\n")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "a.sql")])
    assert result.exit_code == 2 and "invalid TOML" in result.output


def test_pyproject_lines_are_those_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.advisor]\nexclude = 5\n'
    )
    with pytest.raises(Exception, match=r"pyproject.toml:5: exclude: expected"):
        load_config(start=tmp_path)


def test_unknown_mapping_pattern_is_an_error_with_the_closest_index(tmp_path: Path) -> None:
    mapping = tmp_path / "m.json"
    mapping.write_text('{"mappings": {"properties": {"a": {"type": "keyword"}}}}')
    (tmp_path / "q.osq").write_text('GET logs-2024/_search\n{"query": {"term": {"a": 1}}}\n')
    runner = CliRunner()
    bad = runner.invoke(cli, ["lint", str(tmp_path / "q.osq"), "--mapping", f"logz-2024={mapping}"])
    assert bad.exit_code == 2
    assert "--mapping logz-2024: matches no index" in bad.output and "'logs-2024'" in bad.output
    good = runner.invoke(cli, ["lint", str(tmp_path / "q.osq"), "--mapping", f"logs-*={mapping}"])
    assert good.exit_code in (0, 1), good.output
    folder = runner.invoke(
        cli, ["lint", str(tmp_path / "q.osq"), "--mapping", f"logs-*={tmp_path}"]
    )
    assert folder.exit_code == 2 and "a folder, not a mapping file" in folder.output


def test_rule_command_prints_each_option_with_its_type_and_range() -> None:
    result = CliRunner().invoke(cli, ["rule", "RS-Q11"])
    assert "min_consecutive_inserts = 3  (an integer ≥ 2)" in result.output
    result = CliRunner().invoke(cli, ["rule", "OS-Q13"])
    assert 'tiebreaker = "doc_id"  (a string)' in result.output


def test_schema_is_json_schema_and_accepts_the_examples(tmp_path: Path) -> None:
    import tomllib

    result = CliRunner().invoke(cli, ["config", "--schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    examples = Path(__file__).resolve().parents[2] / "examples"
    for path in examples.rglob("*.toml"):
        validator.validate(tomllib.loads(path.read_text(encoding="utf-8")))
    assert not validator.is_valid({"exclude": 5})
    assert not validator.is_valid({"rules": {"RS-Q11": {"min_consecutive_inserts": 1}}})
    assert not validator.is_valid({"severity": {"RS-Q99": "high"}})


def test_config_command_checks_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "advisor.toml").write_text('select = ["RS-Q01"]\n')
    assert CliRunner().invoke(cli, ["config"]).exit_code == 0
    (tmp_path / "advisor.toml").write_text('select = ["RS-Q99"]\n')
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 2 and "matches no rule" in result.output
