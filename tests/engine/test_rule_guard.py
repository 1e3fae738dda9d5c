"""A rule that fails on one target becomes one AD-004 finding there; nothing else changes.

Each rule-running path is driven with a deliberately broken rule (one that raises, one that
recurses without end) beside the real rules: SQL lint, DSL lint, and the PostgreSQL, Redshift
and OpenSearch analyses of snapshots. The run must report every finding it reports without the
broken rule, plus one AD-004 per target the broken rule failed on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from opensearch.factories import snapshot as os_snapshot
from postgres.factories import snapshot as pg_snapshot
from postgres.factories import stats, table

import advisor.engine
from advisor.cli import cli
from advisor.config import Config
from advisor.engine import Engine, read_sql_file, run_rule
from advisor.live import analyze_opensearch, analyze_postgres, analyze_redshift
from advisor.model import Finding, FixSafety, Rule, RuleMeta, Severity, TargetKind
from connectors.snapshot import load_redshift
from rules.registry import all_rules, family_rules

RS_SNAPSHOT = Path(__file__).parents[1] / "redshift" / "data" / "emulation_snapshot.json"

SQL = """\
SELECT id FROM sales.orders WHERE id = 1;
DELETE FROM staging;
"""

REQUEST = """\
GET logs/_search
{"query": {"wildcard": {"message": {"value": "*error"}}}}
"""


def _raising(target: object, ctx: object) -> Iterator[Finding]:
    raise KeyError("column")
    yield  # a generator, like every rule


def _recurse(depth: int) -> int:
    return _recurse(depth + 1) + 1


def _recursing(target: object, ctx: object) -> Iterator[Finding]:
    _recurse(0)
    yield from ()


FAMILIES = {"RS-Q": "redshift.query", "RS-C": "redshift.catalog", "PG-C": "postgres.catalog"}
FAMILIES |= {"OS-Q": "opensearch.dsl", "OS-C": "opensearch.cluster"}


def broken(rule_id: str, target: TargetKind, check: object = _raising) -> Rule:
    meta = RuleMeta(
        id=rule_id,
        name="broken",
        family=FAMILIES[rule_id[:4]],
        target=target,
        severity=Severity.LOW,
        summary="A rule with a bug",
        fix_safety=FixSafety.ADVISORY,
    )
    return Rule(meta=meta, doc="", check=check)


def _without_rule_errors(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule_id, str(f.location)) for f in findings if f.rule_id != "AD-004"]


def _rule_errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule_id == "AD-004"]


def test_run_rule_turns_an_exception_into_one_finding_with_rule_and_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "q.sql"
    path.write_text(SQL, encoding="utf-8")
    parsed = read_sql_file(path, "redshift").parsed
    assert parsed is not None
    [found] = run_rule(broken("RS-Q98", TargetKind.SQL_STATEMENT), parsed.statements[1], None)
    assert found.rule_id == "AD-004"
    assert found.severity is Severity.ERROR
    assert found.location is not None and found.location.line == 2
    assert found.evidence.as_dict() == {
        "rule": "RS-Q98",
        "error": "KeyError",
        "reason": "KeyError: 'column'",
    }
    assert "RS-Q98" in found.message and "\n" not in found.message


@pytest.mark.parametrize("check", [_raising, _recursing], ids=["raises", "recurses"])
def test_sql_lint_reports_every_other_finding(tmp_path: Path, check: object) -> None:
    (tmp_path / "a.sql").write_text(SQL, encoding="utf-8")
    (tmp_path / "b.sql").write_text("SELECT * FROM t;\n", encoding="utf-8")
    real = family_rules("advisor") + family_rules("redshift.query")
    config = Config(root=tmp_path)
    clean = Engine(config, real).lint_paths([tmp_path])
    report = Engine(config, (*real, broken("RS-Q98", TargetKind.SQL_STATEMENT, check))).lint_paths(
        [tmp_path]
    )
    assert _without_rule_errors(report.findings) == _without_rule_errors(clean.findings)
    assert {"RS-Q12", "RS-Q01"} <= {f.rule_id for f in report.findings}
    errors = _rule_errors(report.findings)
    # One per statement the broken rule ran on: two in a.sql, one in b.sql.
    assert [(Path(str(f.location.path)).name, f.location.line) for f in errors if f.location] == [
        ("a.sql", 1),
        ("a.sql", 2),
        ("b.sql", 1),
    ]
    assert all(f.evidence.as_dict()["rule"] == "RS-Q98" for f in errors)


def test_a_selected_run_still_reports_a_rule_error_unless_ad004_is_ignored(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.sql").write_text(SQL, encoding="utf-8")
    rules = (*family_rules("redshift.query"), broken("RS-Q98", TargetKind.SQL_STATEMENT))
    selected = Engine(Config(select=("RS-Q98",), root=tmp_path), rules).lint_paths([tmp_path])
    assert len(_rule_errors(selected.findings)) == 2
    ignored = Engine(Config(ignore=("AD-004",), root=tmp_path), rules).lint_paths([tmp_path])
    assert _rule_errors(ignored.findings) == []


@pytest.mark.parametrize("check", [_raising, _recursing], ids=["raises", "recurses"])
def test_dsl_lint_reports_every_other_finding(tmp_path: Path, check: object) -> None:
    (tmp_path / "r.osq").write_text(REQUEST, encoding="utf-8")
    real = family_rules("opensearch")
    config = Config(root=tmp_path)
    clean = Engine(config, real).lint_paths([tmp_path])
    assert clean.findings, "the request was meant to fire a DSL rule"
    report = Engine(config, (*real, broken("OS-Q98", TargetKind.DSL_REQUEST, check))).lint_paths(
        [tmp_path]
    )
    assert _without_rule_errors(report.findings) == _without_rule_errors(clean.findings)
    [error] = _rule_errors(report.findings)
    assert error.location is not None and error.location.line == 1
    assert error.evidence.as_dict()["rule"] == "OS-Q98"


@pytest.mark.parametrize("check", [_raising, _recursing], ids=["raises", "recurses"])
def test_postgres_analysis_reports_every_other_finding(check: object) -> None:
    snap = pg_snapshot([table("orders", stats=stats(n_dead_tup=5_000)), table("lines")])
    real = family_rules("postgres")
    clean = analyze_postgres(snap, Config(), real)
    assert clean.findings
    report = analyze_postgres(snap, Config(), (*real, broken("PG-C98", TargetKind.TABLE, check)))
    assert _without_rule_errors(report.findings) == _without_rule_errors(clean.findings)
    errors = _rule_errors(report.findings)
    assert sorted(f.object or "" for f in errors) == ["public.lines", "public.orders"]
    assert all("PG-C98" in f.message for f in errors)


def test_redshift_and_opensearch_analyses_report_every_other_finding() -> None:
    rs = load_redshift(RS_SNAPSHOT)
    assert rs is not None
    real = family_rules("redshift")
    clean = analyze_redshift(rs, Config(), real)
    report = analyze_redshift(rs, Config(), (*real, broken("RS-C98", TargetKind.TABLE)))
    assert clean.findings
    assert _without_rule_errors(report.findings) == _without_rule_errors(clean.findings)
    assert len(_rule_errors(report.findings)) == len(rs.tables)

    snap = os_snapshot()
    os_real = family_rules("opensearch")
    os_clean = analyze_opensearch(snap, Config(), rules=os_real)
    os_report = analyze_opensearch(
        snap, Config(), rules=(*os_real, broken("OS-C98", TargetKind.CLUSTER, _recursing))
    )
    assert _without_rule_errors(os_report.findings) == _without_rule_errors(os_clean.findings)
    [error] = _rule_errors(os_report.findings)
    assert error.evidence.as_dict()["error"] == "RecursionError"


def _with_broken_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def with_broken(family: str) -> tuple[Rule, ...]:
        extra = (broken("RS-Q98", TargetKind.SQL_STATEMENT),) if family == "redshift.query" else ()
        return family_rules(family) + extra

    monkeypatch.setattr(advisor.engine, "family_rules", with_broken)


def test_cli_reports_the_rule_error_and_shows_the_traceback_only_with_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_broken_rule(monkeypatch)
    path = tmp_path / "a.sql"
    path.write_text(SQL, encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["lint", str(path), "--no-color"])
    assert plain.exit_code == 1, plain.output
    assert "AD-004" in plain.stdout and "rule RS-Q98 failed" in plain.stdout
    assert "RS-Q12" in plain.stdout
    assert "Traceback" not in plain.output
    debug = runner.invoke(cli, ["--debug", "lint", str(path), "--no-color"])
    assert debug.exit_code == 1, debug.output
    assert "Traceback (most recent call last)" in debug.stderr
    assert "KeyError: 'column'" in debug.stderr
    assert "RS-Q98 failed at" in debug.stderr
    again = runner.invoke(cli, ["lint", str(path), "--no-color"])
    assert "Traceback" not in again.output


# Inputs that once ended the whole run (exit 2, no report for any file).
CRASHES = {
    "placeholder_in_list.sql": "SELECT * FROM t WHERE a IN %(xs)s;\n",
    "self_alias_group_order.sql": "SELECT a AS a FROM t GROUP BY a ORDER BY a;\n",
    "partition_of.sql": "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);\n",
    "partition_of_no_bound.sql": "CREATE TABLE p1 PARTITION OF p;\n",
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_inputs_that_crashed_a_run_now_give_a_report(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(CRASHES[name], encoding="utf-8")
    (tmp_path / "other.sql").write_text("DELETE FROM staging;\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2
    assert "RS-Q12" in {f["rule_id"] for f in report["findings"]}


def test_a_parser_crash_is_a_parse_finding(tmp_path: Path) -> None:
    path = tmp_path / "p.sql"
    path.write_text(CRASHES["partition_of_no_bound.sql"], encoding="utf-8")
    report = Engine(Config(root=tmp_path), lint=True).lint_paths([path])
    [found] = [f for f in report.findings if f.rule_id == "AD-001"]
    assert found.location is not None and found.location.line == 1
    assert "UnboundLocalError" in found.message


def test_the_report_describes_ad004_when_a_rule_failed(tmp_path: Path) -> None:
    (tmp_path / "a.sql").write_text(SQL, encoding="utf-8")
    rules = (*family_rules("redshift.query"), broken("RS-Q98", TargetKind.SQL_STATEMENT))
    report = Engine(Config(select=("RS-Q98",), root=tmp_path), rules).lint_paths([tmp_path])
    assert report.rules["AD-004"].name == "rule-error"
    clean = Engine(Config(root=tmp_path), family_rules("redshift.query")).lint_paths([tmp_path])
    assert "AD-004" not in clean.rules


def test_a_statement_the_catalog_cannot_read_is_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import advisor.sql.catalog

    def failing(create: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'name'")

    monkeypatch.setattr(advisor.sql.catalog, "table_info", failing)
    (tmp_path / "a.sql").write_text("CREATE TABLE t (a INT);\n" + SQL, encoding="utf-8")
    report = Engine(Config(root=tmp_path), lint=True).lint_paths([tmp_path])
    [error] = _rule_errors(report.findings)
    assert error.evidence.as_dict()["rule"] == "project-catalog"
    assert error.location is not None and error.location.line == 1
    assert "RS-Q12" in {f.rule_id for f in report.findings}


def test_cli_analyze_of_a_snapshot_reports_everything_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["analyze", "--snapshot", str(RS_SNAPSHOT), "--format", "json"]
    runner = CliRunner()
    clean = runner.invoke(cli, args)
    real = all_rules()

    def with_broken() -> tuple[Rule, ...]:
        return (*real, broken("RS-C98", TargetKind.TABLE, _recursing))

    monkeypatch.setattr(advisor.engine, "all_rules", with_broken)
    result = runner.invoke(cli, args)
    assert result.exit_code == clean.exit_code == 1, result.output
    before = json.loads(clean.stdout)["findings"]
    after = json.loads(result.stdout)["findings"]
    errors = [f for f in after if f["rule_id"] == "AD-004"]
    assert [f for f in after if f["rule_id"] != "AD-004"] == before
    assert errors and all(f["evidence"]["rule"] == "RS-C98" for f in errors)
    assert all(f["object"] for f in errors)
