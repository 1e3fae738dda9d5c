"""`analyze --verify-fixes` on the command line, offline: the option checks, a snapshot run
(whose findings say they were not checked), and a session that cannot connect (exit 2). The
runs against the real server are in tests/postgres/test_whatif_live.py."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from postgres.factories import snapshot, table
from postgres.test_verify_pg import FK, _finding

from advisor.cli import cli
from advisor.cli_verify_pg import SNAPSHOT_ONLY, check
from advisor.model import Report
from connectors.postgres import PostgresSource

ROOT = Path(__file__).resolve().parents[2]
PG_SNAPSHOT = ROOT / "examples" / "postgres" / "snapshot.json"


def test_allow_extension_needs_verify_fixes() -> None:
    result = CliRunner().invoke(
        cli, ["analyze", "--snapshot", str(PG_SNAPSHOT), "--allow-extension", "hypopg"]
    )
    assert result.exit_code == 2
    assert "--allow-extension is for --verify-fixes" in result.output


def test_an_unknown_extension_is_refused() -> None:
    args = ["analyze", "--snapshot", str(PG_SNAPSHOT), "--verify-fixes", "--allow-extension"]
    result = CliRunner().invoke(cli, [*args, "pg_hint_plan"])
    assert result.exit_code == 2
    assert "'pg_hint_plan' is not 'hypopg'" in result.output


def test_findings_of_a_snapshot_say_they_were_not_checked() -> None:
    args = ["analyze", "--snapshot", str(PG_SNAPSHOT), "--select", "PG-C09", "--format", "json"]
    result = CliRunner().invoke(cli, [*args, "--verify-fixes"])
    assert result.exit_code in (0, 1), result.output
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["message"].endswith(f"hypothetical index not checked: {SNAPSHOT_ONLY}")
    assert finding["evidence"]["whatif"] == "not checked"
    assert "hypothetical indexes: 1 index recommendation (1 not checked)" in result.stderr


def test_a_session_that_cannot_connect_fails_the_run() -> None:
    unreachable = PostgresSource(dsn="host=127.0.0.1 port=1 dbname=x user=x", connect_timeout=2)
    finding = _finding("CREATE INDEX ON public.orders (customer_id)")
    snap = snapshot([table(foreign_keys=(FK,))])
    verified = check(Report(findings=[finding]), snap, unreachable)
    assert verified.failed
    [out] = verified.report.findings
    assert out.evidence.as_dict()["whatif"] == "not checked"
    assert "PostgreSQL x@127.0.0.1:1/x: " in str(out.evidence.as_dict()["whatif_note"])
