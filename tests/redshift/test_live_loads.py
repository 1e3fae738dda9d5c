"""The load views on the emulation: the STL fallback and clusters that lack the load views."""

from __future__ import annotations

import psycopg
import pytest

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model_redshift import RsSnapshot
from connectors.redshift import RedshiftSource, read_redshift

pytestmark = pytest.mark.postgres

LOAD_RULES = {"RS-W16", "RS-W17", "RS-W18", "RS-W19"}


def limited(admin: str, emulation: str, role: str, hidden: tuple[str, ...]) -> str:
    """The DSN of a role that reads every emulated view except `hidden`."""
    password = f"{role}-5b17"
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD '{password}'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        for schema in ("redshift_emul", "rs_demo"):
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
        for view in hidden:
            conn.execute(f"REVOKE ALL ON redshift_emul.{view} FROM {role}")
    return emulation.replace("rs_reader", role).replace("rs-reader-7c41", password)


def load_findings(snapshot: RsSnapshot) -> set[tuple[str, str]]:
    found = analyze_redshift(snapshot, Config()).findings
    return {(f.rule_id, f.object or "") for f in found if f.rule_id in LOAD_RULES}


def test_planted_loads_fire_on_their_tables_only(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    assert (snapshot.nodes, snapshot.slices) == (2, 4)
    assert load_findings(snapshot) == {
        ("RS-W16", "rs_demo.events_unsorted"),
        ("RS-W17", "rs_demo.clicks_ghost"),
        ("RS-W18", "rs_demo.orders_stale"),
        ("RS-W19", "rs_demo.visits_nosortkey"),
    }
    assert snapshot.workload is not None
    batched = [h for h in snapshot.workload.inserts if h.table == "rs_demo.events_sorted"]
    assert batched and all(h.small_inserts == 0 for h in batched)


def test_without_sys_query_detail_inserts_come_from_stl_insert(
    rs_admin_dsn: str, emulation: str
) -> None:
    dsn = limited(rs_admin_dsn, emulation, "rs_stl_inserts", ("sys_query_detail",))
    snapshot = read_redshift(RedshiftSource(dsn=dsn, schemas=("rs_demo",)))
    assert any("stl_insert" in n for n in snapshot.notes)
    # stl_insert names tables by id; svv_table_info gives the name back.
    assert ("RS-W16", "rs_demo.events_unsorted") in load_findings(snapshot)


def test_cluster_without_load_views_degrades_with_notes(rs_admin_dsn: str, emulation: str) -> None:
    hidden = (
        "sys_load_history",
        "sys_load_detail",
        "stl_s3client",
        "stv_slices",
        "stl_insert",
        "sys_query_detail",
    )
    dsn = limited(rs_admin_dsn, emulation, "rs_no_loads", hidden)
    snapshot = read_redshift(RedshiftSource(dsn=dsn, schemas=("rs_demo",)))
    for view in ("sys_load_history", "stl_s3client", "stv_slices", "sys_query_detail"):
        assert any(view in n for n in snapshot.notes), view
    assert snapshot.nodes is None and snapshot.slices is None
    assert snapshot.workload is not None
    assert snapshot.workload.copies == () and snapshot.workload.uncompressed_copies == ()
    assert load_findings(snapshot) == {("RS-W19", "rs_demo.visits_nosortkey")}
