"""Administration rules: ATO blocked (RS-C18), unread tables (RS-C19), Python UDFs (RS-C26),
WLM memory (RS-C29), idle WLM slots (RS-C34), several busy databases (RS-C35).

Offline on model objects (each rule fires and stays silent), then live on the emulation: the
planted cases, their fixes, and what a Serverless-like reader (SYS views only) gets.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import psycopg
import pytest
from postgres.conftest import dsn

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import (
    RsAutoAction,
    RsDatabaseHour,
    RsFunction,
    RsSnapshot,
    RsTableReads,
    RsTableStats,
    RsWlmPeakHour,
    RsWlmQueue,
    RsWorkload,
)
from connectors.redshift import RedshiftSource, read_redshift
from redshift.test_snapshot import SMALL_TABLES

RULES = ("RS-C18", "RS-C19", "RS-C26", "RS-C29", "RS-C34", "RS-C35")


def found(
    snapshot: RsSnapshot, rule: str, options: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Finding]:
    report = analyze_redshift(snapshot, Config(rule_options=dict(options or {})))
    return [f for f in report.findings if f.rule_id == rule]


# RS-C18 -------------------------------------------------------------------------------------

MANUAL = RsTableStats("s", "manual", 1, diststyle="KEY(id)", sortkey1="ts", encoded="N")
AUTO = RsTableStats("s", "auto", 2, "AUTO(KEY(id))", "AUTO(SORTKEY)", encoded="Y, AUTO(ENCODE)")


def ato(*actions: RsAutoAction) -> RsSnapshot:
    return RsSnapshot(tables=(MANUAL, AUTO), auto_actions=actions)


def test_ato_blocked_on_a_manual_table_fires_once_with_each_alter() -> None:
    actions = (
        RsAutoAction(1, "sortkey", "Abort:This table is not AUTO.", "t2", "s.manual"),
        RsAutoAction(
            1, "distkey", "Abort:This table exceeds table size threshold.", "t1", "s.manual"
        ),
    )
    (finding,) = found(ato(*actions), "RS-C18")
    assert finding.object == "s.manual"
    assert "distribution style and sort key" in finding.message
    assert finding.fix is not None and finding.fix.content == (
        "ALTER TABLE s.manual ALTER DISTSTYLE AUTO;\nALTER TABLE s.manual ALTER SORTKEY AUTO;"
    )


def test_ato_settled_auto_or_unknown_is_silent() -> None:
    assert found(ato(RsAutoAction(1, "encode", "Complete: 100%", table="s.manual")), "RS-C18") == []
    already = "Abort:This table is already the recommended style."
    assert found(ato(RsAutoAction(1, "distkey", already, table="s.manual")), "RS-C18") == []
    progress = RsAutoAction(2, "sortkey", "Checkpoint: progress 21.9963%.", table="s.auto")
    assert found(ato(progress), "RS-C18") == []
    dropped = RsAutoAction(9, "sortkey", "Abort:This table is not AUTO.")
    assert found(ato(dropped), "RS-C18") == []
    vacuum = RsAutoAction(1, "vacuum", "Abort:This table is not AUTO.", table="s.manual")
    assert found(ato(vacuum), "RS-C18") == []


# RS-C19 -------------------------------------------------------------------------------------


def test_unread_table_fires_and_read_tables_do_not() -> None:
    reads = (RsTableReads("s", "cold"), RsTableReads("s", "hot", 12, "2026-01-01T10:00:00"))
    tables = (RsTableStats("s", "cold", tbl_rows=9_000_000, size_mb=2048),)
    snapshot = RsSnapshot(tables=tables, workload=RsWorkload(table_reads=reads))
    (finding,) = found(snapshot, "RS-C19")
    assert finding.object == "s.cold" and "9,000,000 rows, 2,048 MB" in finding.message
    assert finding.fix is not None
    assert finding.fix.content.splitlines()[0] == "UNLOAD ('SELECT * FROM s.cold')"
    assert finding.fix.content.splitlines()[-1] == "DROP TABLE s.cold;"


def test_unread_table_needs_scan_history() -> None:
    assert found(RsSnapshot(tables=(MANUAL,), workload=RsWorkload()), "RS-C19") == []
    assert found(RsSnapshot(tables=(MANUAL,)), "RS-C19") == []


# RS-C26 -------------------------------------------------------------------------------------


def test_python_udf_fires_and_sql_udf_does_not() -> None:
    udf = RsFunction("s", "f_py", "plpythonu", "character varying", "character varying")
    (finding,) = found(RsSnapshot(python_udfs=(udf,)), "RS-C26")
    assert finding.object == "s.f_py"
    assert finding.fix is not None and "DROP FUNCTION s.f_py(character varying);" in (
        finding.fix.title
    )
    assert found(RsSnapshot(python_udfs=(RsFunction("s", "f_sql", "sql"),)), "RS-C26") == []


# RS-C29 -------------------------------------------------------------------------------------

QUEUES = (RsWlmQueue(5, "Superuser queue", 1, 300), RsWlmQueue(6, "etl", 15, 420))
REPORTS = RsWlmQueue(7, "reports", 10, 310)
MEMORY = {"RS-C29": {"wlm_memory_mb": 10_000}}


def test_wlm_memory_below_100_percent() -> None:
    (finding,) = found(RsSnapshot(wlm_queues=(*QUEUES, REPORTS)), "RS-C29", MEMORY)
    assert "94% of the WLM memory (etl 63%, reports 31%)" in finding.message
    assert finding.fix is not None
    assert finding.fix.content == (
        "etl: memory_percent_to_use = 67\nreports: memory_percent_to_use = 33"
    )


def test_wlm_memory_full_unknown_or_automatic_is_silent() -> None:
    full = (*QUEUES, RsWlmQueue(7, "reports", 10, 370))
    assert found(RsSnapshot(wlm_queues=full), "RS-C29", MEMORY) == []
    assert found(RsSnapshot(wlm_queues=(*QUEUES, REPORTS)), "RS-C29") == []
    auto = (RsWlmQueue(100, "etl", -1, -1), RsWlmQueue(101, "bi", -1, -1))
    assert found(RsSnapshot(wlm_queues=auto), "RS-C29", MEMORY) == []


# RS-C34 -------------------------------------------------------------------------------------


def peaks(*hours: RsWlmPeakHour, views: tuple[str, ...] = ("stl_wlm_query",)) -> RsSnapshot:
    return RsSnapshot(
        views=views,
        wlm_queues=(*QUEUES, REPORTS),
        workload=RsWorkload(wlm_peak_hours=hours),
    )


def test_idle_slots_fire_per_queue_with_the_peak() -> None:
    hours = (
        RsWlmPeakHour(6, "2026-01-01T01:00:00", 2, 40),
        RsWlmPeakHour(6, "2026-01-01T02:00:00", 4, 90),
        RsWlmPeakHour(7, "2026-01-01T01:00:00", 10, 60),
    )
    (finding,) = found(peaks(*hours), "RS-C34")
    assert finding.object == "wlm queue etl"
    assert "held at most 4 at once (hour 2026-01-01T02:00:00): 11 slots" in finding.message
    assert finding.fix is not None and "from 15 to 4" in finding.fix.title


def test_idle_slots_silent_when_full_or_history_unread() -> None:
    full = (RsWlmPeakHour(6, "h", 15, 99), RsWlmPeakHour(7, "h", 10, 99))
    assert found(peaks(*full), "RS-C34") == []
    assert found(peaks(views=()), "RS-C34") == []
    # A queue nobody used in a window that was read: every slot is idle.
    (finding,) = found(peaks(full[0], views=("sys_query_history",)), "RS-C34")
    assert finding.object == "wlm queue reports"
    assert finding.fix is not None and "from 10 to 1 in" in finding.fix.title


# RS-C35 -------------------------------------------------------------------------------------


def databases(*rows: tuple[str, str, int]) -> RsSnapshot:
    hours = tuple(RsDatabaseHour(db, hour, n) for db, hour, n in rows)
    return RsSnapshot(workload=RsWorkload(database_hours=hours))


def test_two_databases_busy_in_the_same_hour() -> None:
    rows = (("dw", "01", 300), ("sandbox", "01", 25), ("sandbox", "02", 40), ("", "01", 99))
    (finding,) = found(databases(*rows), "RS-C35")
    assert finding.message.startswith("2 databases were busy at the same time in 1 hour ")
    assert "dw 300 queries, sandbox 25 queries" in finding.message


def test_one_busy_database_or_busy_at_other_hours_is_silent() -> None:
    assert found(databases(("dw", "01", 300), ("tools", "01", 3)), "RS-C35") == []
    assert found(databases(("dw", "01", 300), ("sandbox", "02", 300)), "RS-C35") == []


# Live -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(emulation: str) -> RsSnapshot:
    return read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))


def by_rule(snapshot: RsSnapshot) -> dict[str, list[Finding]]:
    report = analyze_redshift(snapshot, Config(rule_options=SMALL_TABLES))
    return {r: [f for f in report.findings if f.rule_id == r] for r in RULES}


@pytest.mark.postgres
def test_live_fixes_name_the_planted_objects(live: RsSnapshot) -> None:
    found_live = by_rule(live)
    (c18,) = found_live["RS-C18"]
    assert c18.fix is not None and c18.fix.content == (
        "ALTER TABLE rs_demo.logs_encoded_sortkey ALTER SORTKEY AUTO;\n"
        "ALTER TABLE rs_demo.logs_encoded_sortkey ALTER ENCODE AUTO;"
    )
    (c19,) = found_live["RS-C19"]
    assert c19.fix is not None and "DROP TABLE rs_demo.sales_2019_archive;" in c19.fix.content
    (c26,) = found_live["RS-C26"]
    assert "rs_demo.f_url_host(character varying)" in c26.message
    (c29,) = found_live["RS-C29"]
    assert "94% of the WLM memory" in c29.message
    (c34,) = found_live["RS-C34"]
    assert "15 slots, but its queries held at most 1" in c34.message
    (c35,) = found_live["RS-C35"]
    assert "advisor_demo" in c35.message and "sandbox" in c35.message


@pytest.mark.postgres
def test_live_twins(live: RsSnapshot) -> None:
    latest = {(a.table, a.alter_type): a.status for a in live.auto_actions}
    # An earlier abort is superseded by the completed conversion.
    assert latest[("rs_demo.visits_sorted", "sortkey")] == "Complete: 100%"
    reads = {r.table: r.queries for r in (live.workload or RsWorkload()).table_reads}
    assert reads["sales_2019_archive"] == 0 and reads["sales_even"] == 3
    assert [u.name for u in live.python_udfs] == ["f_url_host"]
    peak: dict[int, int] = {}
    for hour in (live.workload or RsWorkload()).wlm_peak_hours:
        peak[hour.service_class] = max(peak.get(hour.service_class, 0), hour.peak_slots)
    # reports (10 slots) was full once; etl (15 slots) never ran two queries at once.
    assert peak == {6: 1, 7: 10}


@pytest.mark.postgres
def test_planted_udf_leaves_the_real_catalogs_alone(rs_admin_dsn: str, live: RsSnapshot) -> None:
    with psycopg.connect(rs_admin_dsn) as conn:
        real = conn.execute(
            "SELECT count(*) FROM pg_catalog.pg_language WHERE lanname = 'plpythonu'"
        ).fetchone()
        shadow = conn.execute(
            "SELECT count(*) FROM pg_proc WHERE proname = 'f_url_host'"
        ).fetchone()
        twin = conn.execute(
            "SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang"
            " WHERE p.proname = 'f_url_host_sql'"
        ).fetchone()
    assert real == (0,) and shadow == (0,) and twin == ("sql",)


SERVERLESS_ROLE = "rs_serverless"
SERVERLESS_VIEWS = (
    "svv_table_info",
    "sys_query_history",
    "sys_query_explain",
    "sys_auto_table_optimization",
)


@pytest.fixture
def serverless(rs_admin_dsn: str, emulation: str) -> Iterator[str]:
    """A role that sees only the SYS and SVV views, plus a sys_query_detail with scans."""
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS rs_serverless CASCADE")
        conn.execute("CREATE SCHEMA rs_serverless")
        # Redshift's columns (the emulation's table), holding one user scan only.
        conn.execute(
            "CREATE TABLE rs_serverless.sys_query_detail (LIKE redshift_emul.sys_query_detail)"
        )
        conn.execute(
            "INSERT INTO rs_serverless.sys_query_detail (user_id, query_id, step_name, table_id,"
            " start_time) SELECT 100, 1, 'scan', 'rs_demo.sales_even'::regclass::oid::integer,"
            " now()::timestamp"
        )
        exists = conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (SERVERLESS_ROLE,)
        ).fetchone()
        if exists is None:
            conn.execute(f"CREATE ROLE {SERVERLESS_ROLE} LOGIN")
        conn.execute(f"ALTER ROLE {SERVERLESS_ROLE} PASSWORD 'serverless-5b1a'")
        conn.execute(
            f"ALTER ROLE {SERVERLESS_ROLE} SET search_path = rs_serverless, redshift_emul, public"
        )
        for schema in ("redshift_emul", "rs_serverless"):
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {SERVERLESS_ROLE}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {SERVERLESS_ROLE}")
        for view in SERVERLESS_VIEWS:
            conn.execute(f"GRANT SELECT ON redshift_emul.{view} TO {SERVERLESS_ROLE}")
        conn.execute(f"GRANT SELECT ON rs_serverless.sys_query_detail TO {SERVERLESS_ROLE}")
    try:
        yield dsn(user=SERVERLESS_ROLE, password="serverless-5b1a")
    finally:
        with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA rs_serverless CASCADE")


@pytest.mark.postgres
def test_sys_views_only(serverless: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=serverless, schemas=("rs_demo",)))
    assert set(snapshot.views) == {*SERVERLESS_VIEWS, "sys_query_detail"}
    assert any("table reads from sys_query_detail" in n for n in snapshot.notes)
    assert any("slot peaks from sys_query_history" in n for n in snapshot.notes)
    workload = snapshot.workload or RsWorkload()
    reads = {r.table: r.queries for r in workload.table_reads}
    assert reads["sales_even"] == 1 and reads["sales_skewed"] == 0
    assert {h.service_class for h in workload.wlm_peak_hours} == {6, 7}
    assert {h.database for h in workload.database_hours} >= {"advisor_demo", "sandbox"}
    assert {a.table for a in snapshot.auto_actions} >= {"rs_demo.logs_encoded_sortkey"}
    findings = by_rule(snapshot)
    assert [f.object for f in findings["RS-C18"]] == ["rs_demo.logs_encoded_sortkey"]
    assert findings["RS-C35"] and not findings["RS-C34"] and not findings["RS-C29"]


@pytest.mark.postgres
def test_no_scan_or_ato_views_are_notes(rs_admin_dsn: str, emulation: str) -> None:
    role = "rs_tables_only"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'tables-2c7e'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.svv_table_info TO {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.svl_auto_worker_action TO {role}")
    snapshot = read_redshift(RedshiftSource(dsn=dsn(user=role, password="tables-2c7e")))
    assert snapshot.views == ("svv_table_info", "svl_auto_worker_action")
    assert any("unread tables not judged" in n for n in snapshot.notes)
    assert any("slot peaks not read" in n for n in snapshot.notes)
    # The older log gives the same latest events; its search_path hides the planted UDF.
    assert {a.table for a in snapshot.auto_actions} >= {"rs_demo.logs_encoded_sortkey"}
    assert snapshot.python_udfs == ()
    findings = by_rule(snapshot)
    assert [f.object for f in findings["RS-C18"]] == ["rs_demo.logs_encoded_sortkey"]
    assert not findings["RS-C19"] and not findings["RS-C34"] and not findings["RS-C35"]
