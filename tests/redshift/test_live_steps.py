"""The slowest-segment, INSERT, QMR-metric, usage and datashare reads on the emulation.

What the server cuts (each query's slowest segment only, top N queries, percentiles) is checked
on the rows it returns; a reader without those views gets notes and the rules that need them
stay silent while the ones on sys_query_history still run.
"""

from __future__ import annotations

import psycopg
import pytest

from advisor.config import Config
from advisor.live import analyze_redshift
from connectors.redshift import RedshiftSource, read_redshift

pytestmark = pytest.mark.postgres

STEP_RULES = {"RS-W09", "RS-W10", "RS-W11", "RS-W24", "RS-W25", "RS-W29"}


def test_server_keeps_the_slowest_segment_of_the_slowest_queries(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",), top_queries=3))
    assert snapshot.workload is not None
    segments = snapshot.workload.slow_segments
    assert [s.query_id for s in segments] == [6005, 6006, 6003]
    join = segments[2]
    assert (join.segment, join.max_time_us, join.return_rows) == (1, 14_000_000, 5000)
    assert [s.operator for s in join.steps] == ["scan", "hjoin", "aggr"]
    assert {s.segment for s in join.steps} == {1}
    assert (join.width_steps, join.median_width) == (4, 64.0)


def test_server_computes_the_percentiles_and_pairs(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    workload = snapshot.workload
    assert workload is not None
    wide = next(s for s in workload.slow_segments if s.query_id == 6007)
    assert (wide.widest_width, wide.median_width, wide.width_steps) == (4000.0, 64.0, 5)
    metrics = {
        (m.service_class, m.metric): m
        for m in workload.metric_percentiles
        if m.metric == "query_execution_time"
    }
    spiky, flat = metrics[(6, "query_execution_time")], metrics[(7, "query_execution_time")]
    assert (spiky.queries, spiky.p50, spiky.p99, spiky.max) == (202, 25.0, 44.0, 5400.0)
    assert (flat.queries, flat.p99, flat.max) == (200, 44.0, 44.0)
    pairs = {(p.target, p.source): p for p in workload.insert_sources}
    mismatch = pairs[("rs_demo.visits_nosortkey", "rs_demo.visits_all")]
    assert (mismatch.target_diststyle, mismatch.source_diststyle) == ("KEY(user_id)", "ALL")
    assert (mismatch.queries, mismatch.rows) == (3, 90_000)
    assert ("rs_demo.visits_sorted", "rs_demo.visits_interleaved") in pairs
    assert [h.burst_us for h in workload.burst_hours] == [720_000_000]
    assert len(workload.busy_days) == 7 and all(d.minutes == 1440 for d in workload.busy_days)
    assert 0 < sum(d.busy_minutes for d in workload.busy_days) < 180
    consumers = {c.database: c.avg_seconds for c in workload.datashare_consumers}
    assert consumers == {"sales_consumer": 95.0, "marketing_consumer": 12.0}


def test_reader_without_the_views_gets_notes(rs_admin_dsn: str, emulation: str) -> None:
    role = "rs_history_only"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'history-5b1c'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.sys_query_history TO {role}")
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "history-5b1c")
    snapshot = read_redshift(RedshiftSource(dsn=target))
    assert snapshot.views == ("sys_query_history",)
    for view in (
        "svl_query_summary",
        "stl_insert",
        "svl_query_metrics_summary",
        "sys_datashare_usage_consumer",
    ):
        assert any(view in note for note in snapshot.notes), view
    assert snapshot.workload is not None and snapshot.workload.slow_segments == ()
    found = {f.rule_id for f in analyze_redshift(snapshot, Config()).findings}
    assert {"RS-W26", "RS-W27"} <= found
    assert not found & STEP_RULES
