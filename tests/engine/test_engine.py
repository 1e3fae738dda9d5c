from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.engine import Engine
from advisor.report.json_report import SCHEMA_PATH

SCRIPT = """\
-- nightly purge
BEGIN;
DELETE FROM sales.orders WHERE order_date < '2020-01-01';
VACUUM DELETE ONLY sales.orders;
COMMIT;
SELECT * FROM sales.orders;
SELECT a FROM sales.orders WHERE (a = 1;
SELECT order_id FROM sales.orders;
"""


# The engine's behaviour is tested with the spine's rules only, so that new rules landing in the
# rule base do not change what these tests expect.
SPINE = ("AD", "RS-Q01", "RS-Q14", "RS-D02")


def lint(tmp_path: Path, text: str, **config: object) -> list[tuple[str, int, int]]:
    config.setdefault("select", SPINE)
    path = tmp_path / "job.sql"
    path.write_text(text, encoding="utf-8")
    report = Engine(Config(root=tmp_path, **config)).lint_paths([path])  # type: ignore[arg-type]
    return [(f.rule_id, f.location.line, f.location.column) for f in report.findings if f.location]


def test_findings_have_exact_positions_and_a_parse_error_does_not_stop_the_file(
    tmp_path: Path,
) -> None:
    found = lint(tmp_path, SCRIPT)
    assert ("RS-Q14", 4, 1) in found
    assert ("RS-Q01", 6, 8) in found
    assert [f for f in found if f[0] == "AD-001"] and all(
        f[1] == 7 for f in found if f[0] == "AD-001"
    )
    # the statement after the broken one is still linted (and is clean)
    assert not [f for f in found if f[1] == 8]


def test_noqa_suppresses_and_unused_noqa_is_reported(tmp_path: Path) -> None:
    text = (
        "SELECT * FROM t; -- noqa: RS-Q01\n"
        "SELECT a FROM t; -- noqa: RS-Q01\n"
        "SELECT * FROM t -- noqa\n;"
    )
    found = lint(tmp_path, text)
    assert [f[0] for f in found] == ["AD-003"]
    assert found[0][1] == 2


def test_select_ignore_and_severity_override(tmp_path: Path) -> None:
    assert {f[0] for f in lint(tmp_path, SCRIPT, select=("RS-Q01",))} == {"RS-Q01"}
    assert "RS-Q01" not in {f[0] for f in lint(tmp_path, SCRIPT, ignore=("RS-Q0",))}


def test_binary_and_invalid_utf8_files_are_one_finding_each(tmp_path: Path) -> None:
    (tmp_path / "bin.sql").write_bytes(b"\x00\x01\x02select")
    (tmp_path / "latin.sql").write_bytes(b"select 'caf\xe9';")
    (tmp_path / "ok.sql").write_text("select a from t;")
    report = Engine(Config(root=tmp_path, select=SPINE)).lint_paths([tmp_path])
    rules = sorted((f.rule_id, f.location.path if f.location else "") for f in report.findings)
    assert [r for r, _ in rules] == ["AD-002", "AD-002"]
    latin = next(f for f in report.findings if f.location and f.location.path.endswith("latin.sql"))
    assert latin.location is not None and (latin.location.line, latin.location.column) == (1, 12)


def test_fingerprint_survives_lines_moving(tmp_path: Path) -> None:
    path = tmp_path / "q.sql"
    path.write_text("SELECT * FROM t;\n")
    config = Config(root=tmp_path, select=("RS-Q01",))
    first = Engine(config).lint_paths([path]).findings
    path.write_text("-- a comment\n\nSELECT a FROM u;\nSELECT * FROM t;\n")
    second = Engine(config).lint_paths([path]).findings
    assert [f.fingerprint for f in first] == [
        f.fingerprint for f in second if f.rule_id == "RS-Q01"
    ]


def test_cli_exit_codes_and_json_schema(tmp_path: Path) -> None:
    (tmp_path / "job.sql").write_text(SCRIPT)
    runner = CliRunner()
    spine = ["--select", ",".join(SPINE)]
    result = runner.invoke(cli, ["lint", str(tmp_path), "--format", "json", *spine])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert data["summary"]["findings"] == len(data["findings"]) >= 3
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "ok.sql").write_text("SELECT order_id FROM sales.orders;\n")
    assert runner.invoke(cli, ["lint", str(clean), *spine]).exit_code == 0
    assert runner.invoke(cli, ["lint", str(tmp_path), "--exit-zero"]).exit_code == 0
    assert runner.invoke(cli, ["lint", str(tmp_path), "--fail-on", "error"]).exit_code == 1
    only_low = runner.invoke(
        cli, ["lint", str(tmp_path), "--select", "RS-Q01", "--fail-on", "high"]
    )
    assert only_low.exit_code == 0
    assert runner.invoke(cli, ["lint", str(tmp_path / "missing")]).exit_code == 2


def test_cli_text_output_has_code_frame_and_fix(tmp_path: Path) -> None:
    (tmp_path / "job.sql").write_text(SCRIPT)
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "job.sql"), "--no-color"])
    out = result.output
    assert f"{tmp_path / 'job.sql'}:6:8: RS-Q01 [low]" in out
    assert "6 | SELECT * FROM sales.orders;" in out
    assert "  |        ^" in out
    assert "fix (advisory)" in out or "fix (unsafe)" in out
    assert "Found " in out.splitlines()[-1]


def test_bad_config_exits_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text("nonsense = 1\n")
    (tmp_path / "a.sql").write_text("select 1;")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("rule_id", ["RS-Q01", "RS-D02", "RS-Q14", "AD-001"])
def test_rule_command_prints_documentation(rule_id: str) -> None:
    result = CliRunner().invoke(cli, ["rule", rule_id])
    assert result.exit_code == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## References"):
        assert heading in result.output


def test_rules_command_lists_every_rule() -> None:
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    ids = [r["id"] for r in json.loads(result.output)]
    assert {"RS-Q01", "RS-D02", "RS-Q14"} <= set(ids)


def test_a_sharper_rule_supersedes_a_general_one_on_the_same_table(tmp_path: Path) -> None:
    text = (
        "CREATE TABLE s.events (id BIGINT, at TIMESTAMP) INTERLEAVED SORTKEY (at);\n"
        "CREATE TABLE s.users (id BIGINT, region VARCHAR(8)) INTERLEAVED SORTKEY (region);\n"
        "CREATE TABLE s.facts (a INT, b INT) INTERLEAVED SORTKEY (a, b);\n"
    )
    found = lint(tmp_path, text, select=("RS-D02", "RS-D03", "RS-D05"))
    # line 1: RS-D02 says it all; line 2: the single-column case; line 3: only the general rule
    assert sorted((rule, line) for rule, line, _ in found) == [
        ("RS-D02", 1),
        ("RS-D03", 2),
        ("RS-D05", 3),
    ]
    # selected alone, the general rule still reports every interleaved table
    alone = lint(tmp_path, text, select=("RS-D05",))
    assert [line for _, line, _ in alone] == [1, 2, 3]


def test_the_small_table_rule_supersedes_the_ato_note(tmp_path: Path) -> None:
    text = (
        "CREATE TABLE ref.status (id SMALLINT, label VARCHAR(20)) DISTKEY (id);\n"
        "INSERT INTO ref.status VALUES (1, 'open'), (2, 'closed');\n"
    )
    found = lint(tmp_path, text, select=("RS-D01", "RS-D25"))
    assert [(rule, line) for rule, line, _ in found] == [("RS-D25", 1)]
    assert [rule for rule, _, _ in lint(tmp_path, text, select=("RS-D01",))] == ["RS-D01"]
