"""Snapshots, saved results and baselines as untrusted input: every field checked against the
published, versioned schema; a bad file is exit 2 with the JSON path of the first bad field,
never an internal error; and a seeded mutation fuzzer over real files finds no crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from advisor.docs import SNAPSHOT_SCHEMA, snapshot_schema
from security.mutations import SNAPSHOTS, campaign

ROOT = Path(__file__).resolve().parents[2]
PG = SNAPSHOTS["postgres"]
OS = SNAPSHOTS["opensearch"]
RS = SNAPSHOTS["redshift"]


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def analyze(path: Path) -> Result:
    return CliRunner().invoke(cli, ["analyze", "--snapshot", str(path), "-q"])


def assert_refused(result: Result, where: str) -> None:
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert where in result.stderr, result.stderr


DELETE = object()
BAD_FIELDS = [
    (PG, "$.postgres.tables[0].relpages", "12", "expected an integer, got a string"),
    (PG, "$.postgres.tables[1].reltuples", 10**30, "out of range"),
    (PG, "$.postgres.tables[0].name", DELETE, "missing"),
    (PG, "$.postgres.tables", {"a": 1}, "expected a list"),
    (OS, "$.opensearch.indices[0].docs_count", True, "expected an integer, got a boolean"),
    (OS, "$.opensearch.indices[0].mapping.properties", 5, "expected an object"),
    (RS, "$.redshift.tables[0].size_mb", 2**70, "out of range"),
    (RS, "$.redshift.views", "svv_table_info", "expected a list"),
    # Found by the mutation fuzzer: both crashed before (a rule, and the text output).
    (OS, "$.opensearch.indices[0].mapping.properties", {"f": 1.5}, "expected a field object"),
    (PG, "$.postgres.tables[0].name", "\ud800", "lone surrogate"),
]


def set_at(data: Any, where: str, value: Any) -> None:
    """Set (or delete) the value at a JSON path such as `$.a.b[0].c`."""
    keys: list[Any] = []
    for part in where.removeprefix("$.").split("."):
        name, _, rest = part.partition("[")
        keys.append(name)
        keys.extend(int(i) for i in rest.rstrip("]").split("][") if i)
    for key in keys[:-1]:
        data = data[key]
    if value is DELETE:
        del data[keys[-1]]
    else:
        data[keys[-1]] = value


@pytest.mark.parametrize(("source", "where", "value", "problem"), BAD_FIELDS)
def test_snapshots_3_bad_field_is_exit_2_with_its_json_path(
    tmp_path: Path, source: Path, where: str, value: Any, problem: str
) -> None:
    data = load(source)
    set_at(data, where, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = analyze(bad)
    assert_refused(result, where)
    assert problem in result.stderr


@pytest.mark.parametrize("depth", [400, 100_000])
def test_snapshots_3_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    # A mapping holds any JSON, so only the depth bound stops this one.
    text = json.dumps(load(OS)).replace('"mapping": {', f'"mapping": {{"_meta": {deep}, ', 1)
    bad = tmp_path / "deep.json"
    bad.write_text(text, encoding="utf-8")
    result = analyze(bad)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "nested" in result.stderr


@pytest.mark.parametrize("token", ["NaN", "Infinity", "1" * 5000])
def test_snapshots_3_numbers_json_cannot_hold_are_refused(tmp_path: Path, token: str) -> None:
    text = PG.read_text(encoding="utf-8").replace('"relpages": ', f'"relpages": {token}, "x": ', 1)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    result = analyze(bad)
    assert result.exit_code == 2 and "internal error" not in result.output, result.output
    assert str(bad.name) in result.stderr


def test_snapshots_3_saved_result_bad_field_is_exit_2_with_its_path(tmp_path: Path) -> None:
    result_file = saved_result(tmp_path)
    data = load(result_file)
    data["findings"][0]["location"]["line"] = "one"
    result_file.write_text(json.dumps(data), encoding="utf-8")
    out = CliRunner().invoke(cli, ["report", str(result_file)])
    assert_refused(out, "$.findings[0].location.line")
    data["findings"][0]["location"] = None
    data["findings"][0]["severity"] = "catastrophic"
    result_file.write_text(json.dumps(data), encoding="utf-8")
    out = CliRunner().invoke(cli, ["report", str(result_file)])
    assert_refused(out, "$.findings[0].severity")


def test_snapshots_3_baseline_bad_field_is_exit_2_with_its_path(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps({"version": 1, "findings": [{"fingerprint": "a"}, {"fingerprint": 7}]}),
        encoding="utf-8",
    )
    sql = tmp_path / "a.sql"
    sql.write_text("SELECT 1;\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["lint", str(sql), "--baseline", str(baseline)])
    assert_refused(out, "$.findings[1].fingerprint")


def test_snapshots_3_published_schema_is_current() -> None:
    path = ROOT / SNAPSHOT_SCHEMA
    assert path.is_file(), "run `python -m advisor.docs` to write the snapshot schema"
    assert path.read_text(encoding="utf-8") == snapshot_schema()


@pytest.mark.parametrize("source", [PG, OS, RS], ids=["postgres", "opensearch", "redshift"])
def test_snapshots_3_real_snapshots_validate_against_the_published_schema(source: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency")
    schema = json.loads((ROOT / SNAPSHOT_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(load(source))


def saved_result(tmp_path: Path) -> Path:
    sql = tmp_path / "job.sql"
    sql.write_text("SELECT * FROM sales.orders;\nBEGIN;\nVACUUM sales.orders;\nCOMMIT;\n")
    out = tmp_path / "result.json"
    run = CliRunner().invoke(cli, ["lint", str(sql), "--format", "json", "-o", str(out)])
    assert run.exit_code == 1, run.output
    return out


def saved_baseline(tmp_path: Path) -> Path:
    sql = tmp_path / "job.sql"
    sql.write_text("SELECT * FROM sales.orders;\nBEGIN;\nVACUUM sales.orders;\nCOMMIT;\n")
    out = tmp_path / "baseline.json"
    run = CliRunner().invoke(cli, ["lint", str(sql), "--baseline", str(out), "--update-baseline"])
    assert run.exit_code == 0, run.output
    return out


# Counts per campaign: bounded so the suite stays fast; `python tests/security/mutations.py
# --cases N` runs longer ones.
CASES = {"postgres": 600, "opensearch": 600, "redshift": 300, "result": 600, "baseline": 400}


@pytest.mark.parametrize("name", list(CASES))
def test_snapshots_3_mutation_fuzzer_finds_no_crash(tmp_path: Path, name: str) -> None:
    if name in SNAPSHOTS:
        kind, seed_file = "snapshot", SNAPSHOTS[name]
    elif name == "result":
        kind, seed_file = "result", saved_result(tmp_path)
    else:
        kind, seed_file = "baseline", saved_baseline(tmp_path)
    counts = campaign(kind, seed_file, CASES[name], seed=20261206, folder=tmp_path)
    print(f"{name}: {counts.cases} cases, {counts.analysed} analysed, {counts.refused} refused")
    assert counts.cases == CASES[name]
    assert counts.analysed > 0 and counts.refused > 0  # both paths were exercised
    assert counts.crashes == []
    assert counts.rule_errors == 0
