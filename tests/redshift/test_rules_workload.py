"""Workload rules RS-W02 and later on model objects: each planted shape fires, its twin does not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import (
    RsAlert,
    RsChurnHour,
    RsQueryGroup,
    RsSnapshot,
    RsSpectrumScan,
    RsSpilledQuery,
    RsTableScan,
    RsTableStats,
    RsWorkload,
)

TABLE = RsTableStats(
    schema="s",
    table="t",
    diststyle="KEY(c)",
    sortkey1="d",
    tbl_rows=1000,
    estimated_visible_rows=1000,
    stats_off=0.0,
    skew_rows=1.0,
    unsorted=0.0,
    vacuum_sort_benefit=0.0,
)


def run(tables: tuple[RsTableStats, ...] = (), **parts: Any) -> list[Finding]:
    """The workload findings (catalog rules judge the tables on their own)."""
    snapshot = RsSnapshot(tables=tables, workload=replace(RsWorkload(), **parts))
    found = analyze_redshift(snapshot, Config()).findings
    return [f for f in found if f.rule_id.startswith("RS-W")]


def alert(event: str, table: str | None = "t") -> RsAlert:
    return RsAlert(query_id=7, event=event, table=table, occurrences=3, rows=10, text=event)


def test_nested_loop_alert() -> None:
    found = run(alerts=(alert("Nested Loop Join in the query plan"),))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W02", "t")]
    assert "query 7" in found[0].message
    assert run(alerts=(alert("Hash join spilled"),)) == []


def test_serial_all_inner_alert_gives_ddl_only_for_an_all_table() -> None:
    event = "DS_DIST_ALL_INNER for Hash Join in the query plan"
    everywhere = replace(TABLE, diststyle="ALL")
    found = run((everywhere,), alerts=(alert(event),))
    assert [f.rule_id for f in found] == ["RS-W06"]
    assert found[0].fix is not None
    assert found[0].fix.content == "ALTER TABLE s.t ALTER DISTSTYLE EVEN;"
    keyed = run((TABLE,), alerts=(alert(event),))
    assert [f.rule_id for f in keyed] == ["RS-W06"]
    assert keyed[0].fix is not None and keyed[0].fix.content == ""
    assert run((everywhere,), alerts=(alert("DS_DIST_NONE"),)) == []


def test_selective_filter_vacuums_only_an_unsorted_table() -> None:
    event = "Very selective query filter"
    unsorted = run((replace(TABLE, unsorted=62.5),), alerts=(alert(event),))
    assert [f.rule_id for f in unsorted] == ["RS-W07"]
    assert unsorted[0].fix is not None
    assert unsorted[0].fix.content == "VACUUM SORT ONLY s.t TO 99 PERCENT;"
    sorted_ = run((TABLE,), alerts=(alert(event),))
    assert [f.rule_id for f in sorted_] == ["RS-W07"]
    assert sorted_[0].fix is not None and sorted_[0].fix.content == ""
    assert "VACUUM" not in sorted_[0].fix.title.replace("no VACUUM", "")
    unknown = run(alerts=(alert(event, table=None),))
    assert [f.rule_id for f in unknown] == ["RS-W07"]


def test_large_result_set_per_run() -> None:
    text = "SELECT * FROM s.t WHERE c = 'x'"
    big = RsQueryGroup("h1", text, "SELECT", runs=4, returned_rows=8_000_000, sample_query_id=9)
    found = run(queries=(big,))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W12", "query 9")]
    assert found[0].fix is not None
    assert found[0].fix.content == (
        "UNLOAD ('SELECT * FROM s.t WHERE c = ''x''') TO 's3://bucket/prefix/' "
        "IAM_ROLE default FORMAT PARQUET;"
    )
    assert run(queries=(replace(big, returned_rows=4_000_000),)) == []
    assert run(queries=(replace(big, query_type="UNLOAD"),)) == []


def test_spectrum_small_files_and_returned_share() -> None:
    small = RsSpectrumScan(
        "x.small",
        queries=6,
        is_partitioned=True,
        total_partitions=10,
        qualified_partitions=2,
        files=1200,
        s3_scanned_bytes=1200 * 10 * 1024**2,
    )
    assert [(f.rule_id, f.object) for f in run(spectrum=(small,))] == [("RS-W21", "x.small")]
    compacted = replace(small, table="x.big", s3_scanned_bytes=1200 * 256 * 1024**2)
    assert run(spectrum=(compacted,)) == []
    few = replace(small, table="x.few", files=12, s3_scanned_bytes=12 * 10 * 1024**2)
    assert run(spectrum=(few,)) == []
    passthrough = RsSpectrumScan(
        "x.all",
        queries=4,
        is_partitioned=True,
        total_partitions=10,
        qualified_partitions=2,
        files=8,
        s3_scanned_bytes=4 * 1024**3,
        returned_bytes=int(3.8 * 1024**3),
    )
    found = run(spectrum=(passthrough,))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W22", "x.all")]
    filtered = replace(passthrough, returned_bytes=1024**3)
    assert run(spectrum=(filtered,)) == []
    tiny = replace(passthrough, s3_scanned_bytes=1024**2, returned_bytes=1024**2)
    assert run(spectrum=(tiny,)) == []


def test_scan_ghost_rows_and_discarded_rows() -> None:
    ghost = RsTableScan(
        "t", queries=5, rows_pre_filter=20_000_000, rows_pre_user_filter=11_000_000, rows=10_000_000
    )
    found = run((TABLE,), scans=(ghost,))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W13", "t")]
    assert found[0].fix is not None and found[0].fix.content == "VACUUM DELETE ONLY s.t;"
    clean = replace(ghost, rows_pre_filter=11_000_000)
    assert run((TABLE,), scans=(clean,)) == []
    discard = replace(
        clean, rows_pre_filter=40_000_000, rows_pre_user_filter=40_000_000, rows=100_000
    )
    found = run((TABLE,), scans=(discard,))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W13", "t")]
    assert found[0].fix is not None and "leads with d" in found[0].fix.title


def test_statement_churn_per_hour() -> None:
    busy = RsChurnHour("2026-01-01T10:00:00", queries=60, compiled=5, ddl=40, ctas=3)
    found = run(churn_hours=(busy, replace(busy, hour="2026-01-01T11:00:00", ddl=2)))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W15", "DDL statements")]
    assert "40 DDL statements" in found[0].message and "1 hour " in found[0].message
    assert run(churn_hours=(replace(busy, ddl=10),)) == []
    assert [f.object for f in run(churn_hours=(replace(busy, ddl=0, ctas=11, compiled=101),))] == [
        "CTAS statements",
        "compiled queries",
    ]


def test_disk_spill() -> None:
    spilled = RsSpilledQuery(6001, steps=3, diskbased_steps=1, label="hash", max_time_us=9_000_000)
    found = run(spills=(spilled,))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W08", "query 6001")]
    assert "(hash)" in found[0].message
    assert run(spills=(replace(spilled, diskbased_steps=0),)) == []


def test_tuning_candidates_rank_by_total_time() -> None:
    slow = RsQueryGroup("h1", "SELECT 1", "SELECT", runs=40, total_elapsed_us=360_000_000)
    often = replace(slow, query_hash="h2", runs=1000, total_elapsed_us=900_000_000)
    quick = replace(slow, query_hash="h3", runs=40, total_elapsed_us=80_000_000)
    found = run(queries=(slow, often, quick))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W28", "h2"), ("RS-W28", "h1")]
    assert found[0].message.startswith("#1 by total time: h2 ran 1000 times for 15.0 min (67%")
    assert run(queries=(quick,)) == []
