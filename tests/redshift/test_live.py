"""The Redshift connector on the system-view emulation: planted scenarios and their twins."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import RsSnapshot
from connectors.redshift import ConnectorError, RedshiftSource, read_redshift
from connectors.snapshot import load_redshift, save
from redshift.test_snapshot import (
    PLANTED,
    ROOT,
    SMALL_TABLES,
    TWINS,
    WHOLE_JOIN_RULES,
    check_planted,
)

pytestmark = pytest.mark.postgres


def scenario_plans() -> list[object]:
    history = Path(__file__).resolve().parents[2] / "examples/redshift/scenarios/history.json"
    plans: list[object] = json.loads(history.read_text(encoding="utf-8"))["plans"]
    return plans


def findings(snapshot: RsSnapshot) -> list[Finding]:
    return analyze_redshift(snapshot, Config(rule_options=SMALL_TABLES)).findings


def test_every_scenario_fires_and_no_twin_does(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    assert snapshot.notes == ()
    assert "sys_query_history" in snapshot.views and "svv_table_info" in snapshot.views
    check_planted(findings(snapshot))


def test_counters_are_postgres_real_ones(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    ghost = snapshot.table("rs_demo.clicks_ghost")
    clean = snapshot.table("rs_demo.clicks_vacuumed")
    assert ghost is not None and clean is not None
    assert (ghost.tbl_rows, ghost.estimated_visible_rows) == (20000, 11000)
    assert (clean.tbl_rows, clean.estimated_visible_rows) == (11000, 11000)
    nostats = snapshot.table("rs_demo.customers_nostats")
    assert nostats is not None and nostats.stats_off is None
    stale = snapshot.table("rs_demo.orders_stale")
    assert stale is not None and stale.stats_off == pytest.approx(60, abs=1)
    skewed = snapshot.table("rs_demo.sales_skewed")
    assert skewed is not None and skewed.diststyle == "KEY(seller_id)"


def test_live_and_snapshot_give_the_same_findings(emulation: str, tmp_path: Path) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    path = tmp_path / "snap.json"
    save(path, redshift=snapshot)
    loaded = load_redshift(path)
    assert loaded == snapshot
    assert loaded is not None
    assert findings(loaded) == findings(snapshot)


def test_missing_views_degrade_with_notes(rs_admin_dsn: str, emulation: str) -> None:
    role = "rs_limited"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'limited-3e9d'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.sys_query_history TO {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.sys_query_explain TO {role}")
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "limited-3e9d")
    snapshot = read_redshift(RedshiftSource(dsn=target))
    assert snapshot.views == ("sys_query_history", "sys_query_explain")
    assert any("svv_table_info" in n for n in snapshot.notes)
    assert any("stl_alert_event_log" in n for n in snapshot.notes)
    assert snapshot.tables == () and len(snapshot.plans) == len(scenario_plans())
    ids = {f.rule_id for f in findings(snapshot)}
    assert {"RS-P01", "RS-P02", "RS-W14"} <= ids


def test_connection_failure_never_shows_the_password(emulation: str) -> None:
    wrong = emulation.replace("rs-reader-7c41", "not-the-password-91")
    with pytest.raises(ConnectorError) as caught:
        read_redshift(RedshiftSource(dsn=wrong, connect_timeout=3))
    assert "not-the-password-91" not in str(caught.value)


def test_a_database_with_no_system_view_is_a_failed_read_not_no_findings(
    rs_admin_dsn: str,
) -> None:
    """--redshift aimed at a database that is not Redshift (or a user who may read none of
    its system views) reads nothing: a note and exit 2, never a green "No findings"."""
    plain = rs_admin_dsn.replace("dbname=advisor_demo", "dbname=postgres")
    assert plain != rs_admin_dsn
    with pytest.raises(ConnectorError) as caught:
        read_redshift(RedshiftSource(dsn=plain, connect_timeout=3))
    assert "no Redshift system view is readable" in str(caught.value)
    result = CliRunner().invoke(cli, ["analyze", "--redshift", plain])
    assert result.exit_code == 2, result.output
    assert "No findings" not in result.stdout
    assert "no Redshift system view is readable" in result.stderr


def test_session_is_read_only(emulation: str) -> None:
    from connectors.redshift import RedshiftReader

    reader = RedshiftReader(RedshiftSource(dsn=emulation))
    with reader._connect() as conn:
        row = conn.execute("SHOW transaction_read_only").fetchone()
        assert row is not None and row["transaction_read_only"] == "on"
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("CREATE TABLE rs_demo.nope (a int)")


def test_analyze_command_live_and_snapshot(emulation: str, tmp_path: Path) -> None:
    config = ROOT / "examples" / "redshift" / "live.toml"  # the demo's, as SMALL_TABLES
    snap = tmp_path / "snap.json"
    args = ["--config", str(config), "--format", "json", "--schema", "rs_demo"]
    runner = CliRunner()
    live = runner.invoke(
        cli, ["analyze", "--redshift", emulation, *args, "--save-snapshot", str(snap)]
    )
    assert live.exit_code == 1, live.output
    offline = runner.invoke(
        cli, ["analyze", "--snapshot", str(snap), "--config", str(config), "--format", "json"]
    )
    assert offline.exit_code == 1, offline.output

    def ids(text: str) -> list[tuple[str, str]]:
        data = json.loads(text[: text.rindex("}") + 1])
        return sorted((f["rule_id"], f.get("object") or "") for f in data["findings"])

    assert ids(live.stdout) == ids(offline.stdout)
    assert {(r, o) for r, o in PLANTED} <= set(ids(live.stdout))
    # `advisor snapshot --redshift` writes the same Redshift section, and nothing else
    written = tmp_path / "written.json"
    made = runner.invoke(
        cli, ["snapshot", "--redshift", emulation, "--schema", "rs_demo", "-o", str(written)]
    )
    assert made.exit_code == 0, made.output
    assert set(json.loads(written.read_text())) == {"format", "version", "redshift"}
    again = runner.invoke(
        cli, ["analyze", "--snapshot", str(written), "--config", str(config), "--format", "json"]
    )
    assert ids(again.stdout) == ids(live.stdout)
    assert not any(o in TWINS for r, o in ids(live.stdout) if r not in WHOLE_JOIN_RULES)


def test_without_svl_views_spills_come_from_sys_query_detail(
    rs_admin_dsn: str, emulation: str
) -> None:
    """A Serverless-like reader: SYS views only; RS-W08 reads sys_query_detail's spilled blocks."""
    role = "rs_sys_only"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'sys-only-8d2f'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        for view in ("svv_table_info", "sys_query_history", "sys_query_detail"):
            conn.execute(f"GRANT SELECT ON redshift_emul.{view} TO {role}")
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "sys-only-8d2f")
    snapshot = read_redshift(RedshiftSource(dsn=target, schemas=("rs_demo",)))
    assert "svl_query_summary" not in snapshot.views
    assert any("spilled blocks" in n for n in snapshot.notes)
    spills = findings_of(snapshot, "RS-W08")
    assert [f.object for f in spills] == ["query 6001"]  # its in-memory twin 6002 is silent
    assert "245 MB spilled" in spills[0].message  # 256,000,000 bytes in 1 MB blocks
    assert spills[0].evidence.as_dict()["spilled_blocks"] == 245


def findings_of(snapshot: RsSnapshot, rule: str) -> list[Finding]:
    return [f for f in findings(snapshot) if f.rule_id == rule]


def test_materialized_views_from_svv_mv_info_when_stv_is_missing(
    rs_admin_dsn: str, emulation: str
) -> None:
    role = "rs_svv_mv"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'svv-mv-5a0c'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.svv_mv_info TO {role}")
    full = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "svv-mv-5a0c")
    snapshot = read_redshift(RedshiftSource(dsn=target))
    assert snapshot.views == ("svv_mv_info",)
    assert snapshot.materialized_views == full.materialized_views != ()
    mv_rules = {(f.rule_id, f.object) for f in findings(snapshot)}
    assert mv_rules == {
        (f.rule_id, f.object) for f in findings(full) if f.rule_id in {"RS-C21", "RS-C22", "RS-C23"}
    }
