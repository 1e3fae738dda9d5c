"""The live path against the real server: planted problems, twins, snapshots, a read-only role."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from service_support import ROOT

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_postgres, explain_requests
from advisor.model import Finding
from connectors.postgres import ConnectorError, ExplainRequest, PostgresSource, read_postgres

pytestmark = pytest.mark.postgres

QUERIES = ROOT / "examples" / "postgres" / "queries.sql"

PLANTED = {
    ("PG-C01", "shop.orders_churn"),
    ("PG-C03", "shop.events_raw"),
    ("PG-C04", "shop.orders_churn"),
    ("PG-C06", "shop.page_views"),
    ("PG-C07", "shop.customers_email_idx"),
    ("PG-C08", "shop.products_sku_idx"),
    ("PG-C09", "shop.order_items"),
    ("PG-C10", "shop.audit_log"),
}
TWINS = (
    "shop.orders_clean",
    "shop.events_analyzed",
    "shop.page_views_indexed",
    "shop.customers_city_idx",
    "shop.order_lines",
    "shop.audit_log_keyed",
    "shop.suppliers",
)
# Plan rules: the line of queries.sql each fires on; the clean twins are the lines after.
PLANNED = {("PG-P01", 5), ("PG-P07", 11), ("PG-P04", 17)}
PLAN_TWINS = {8, 14, 20}


def live_findings(target: str) -> list[Finding]:
    source = PostgresSource(dsn=target, schemas=("shop",))
    snap = read_postgres(source, explain_requests([QUERIES]), analyze_plans=True)
    return analyze_postgres(snap, Config()).findings


def check_planted(found: list[Finding]) -> None:
    catalog = {(f.rule_id, f.object) for f in found if f.rule_id.startswith("PG-C")}
    assert catalog >= PLANTED, f"missing: {PLANTED - catalog}"
    on_twins = [f for f in found if (f.object or "").startswith(TWINS)]
    assert on_twins == [], [f.message for f in on_twins]
    plans = {(f.rule_id, f.location.line) for f in found if f.location}
    assert plans >= PLANNED, f"missing: {PLANNED - plans}"
    assert not {line for _, line in plans} & PLAN_TWINS


def test_each_live_rule_fires_on_its_planted_problem_and_not_on_its_twin(demo: str) -> None:
    found = live_findings(demo)
    check_planted(found)
    fixes = {f.fix.content for f in found if f.fix}
    assert "VACUUM (ANALYZE) shop.orders_churn;" in fixes
    assert "CREATE INDEX CONCURRENTLY ON shop.order_items (order_id);" in fixes
    assert "CREATE INDEX CONCURRENTLY ON shop.customers (upper(city));" in fixes


def test_a_read_only_role_reads_everything(ro_dsn: str) -> None:
    source = PostgresSource(dsn=ro_dsn, schemas=("shop",))
    snap = read_postgres(source, explain_requests([QUERIES]), analyze_plans=True)
    assert snap.workload is not None and snap.workload.statements
    churn = snap.table("shop.orders_churn")
    assert churn is not None and churn.stats is not None and churn.stats.n_dead_tup > 0
    assert all(c.avg_width is not None for c in churn.columns)  # pg_stats is readable
    check_planted(analyze_postgres(snap, Config()).findings)


def test_live_and_snapshot_runs_give_identical_findings(demo: str, tmp_path: Path) -> None:
    saved = tmp_path / "shop.json"
    runner = CliRunner()
    args = ["analyze", "--format", "json", "--exit-zero"]
    live = runner.invoke(
        cli,
        [
            *args,
            "--dsn",
            demo,
            "--schema",
            "shop",
            "--explain",
            str(QUERIES),
            "--analyze-plans",
            "--save-snapshot",
            str(saved),
        ],
    )
    assert live.exit_code == 0, live.output
    offline = runner.invoke(cli, [*args, "--snapshot", str(saved)])
    assert offline.exit_code == 0, offline.output
    assert "advisor: postgres " in live.stderr and " tables, " in live.stderr  # timing line
    assert "advisor: postgres snapshot " in offline.stderr
    live_findings = json.loads(live.stdout)["findings"]
    assert "PG-W01" in {f["rule_id"] for f in live_findings}
    assert live_findings and json.loads(offline.stdout)["findings"] == live_findings


def test_snapshot_command_writes_a_loadable_file(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "snap.json"
    result = CliRunner().invoke(
        cli, ["snapshot", "--dsn", demo, "--schema", "shop", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["format"] == "advisor-snapshot" and data["postgres"]["tables"]
    assert "password" not in out.read_text()


def test_every_read_session_is_read_only(demo: str) -> None:
    source = PostgresSource(dsn=demo, schemas=("shop",))
    with pytest.raises(ConnectorError, match="read-only transaction") as caught:
        read_postgres(source, [ExplainRequest("DELETE FROM shop.audit_log")], analyze_plans=True)
    assert caught.value.partial is not None and caught.value.partial.tables
    with psycopg.connect(demo) as conn:
        row = conn.execute("SELECT count(*) FROM shop.audit_log").fetchone()
    assert row is not None and row[0] == 5000


def test_a_statement_run_by_two_roles_is_one_workload_entry(demo: str, ro_dsn: str) -> None:
    statement = "SELECT count(*) FROM shop.suppliers WHERE id > 41 AND id < 43"
    for target in (demo, ro_dsn):
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute(statement).fetchall()
            conn.execute(statement).fetchall()
    with psycopg.connect(demo, autocommit=True) as conn:
        row = conn.execute(
            "SELECT queryid, count(*) FROM pg_stat_statements WHERE query LIKE %s GROUP BY queryid",
            ("%shop.suppliers WHERE id > $1 AND id < $2%",),
        ).fetchone()
        entries = conn.execute("SELECT count(*) FROM pg_stat_statements").fetchone()
    assert row is not None and row[1] >= 2, "pg_stat_statements kept one entry per role"
    assert entries is not None
    # Every entry fits under the cut, so this cheap statement cannot be ranked out of it.
    source = PostgresSource(dsn=demo, schemas=("shop",), top_statements=entries[0] + 10)
    snap = read_postgres(source)
    assert snap.workload is not None
    ids = [s.queryid for s in snap.workload.statements]
    assert len(ids) == len(set(ids))
    mine = [s for s in snap.workload.statements if s.queryid == row[0]]
    assert len(mine) == 1 and mine[0].calls >= 4
