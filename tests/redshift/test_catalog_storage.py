"""Storage rules (RS-C07, C13, C16, C20, C27, C36) on model objects, and the connector's reads
of stv_blocklist, svv_redshift_columns, svv_interleaved_columns, svv_vacuum_summary and
stv_partitions on the emulation."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import (
    RsColumnEncoding,
    RsDiskNode,
    RsDiskSpace,
    RsInterleavedSkew,
    RsSnapshot,
    RsTableBlocks,
    RsTableStats,
    RsVacuumSummary,
    RsWlmQueue,
)
from connectors.redshift import RedshiftSource, read_redshift

BIG = 6_000_000
STORAGE = ("RS-C07", "RS-C13", "RS-C16", "RS-C20", "RS-C27", "RS-C36")


def table(name: str = "t", table_id: int = 1, **fields: Any) -> RsTableStats:
    values: dict[str, Any] = {"diststyle": "KEY(a)", "tbl_rows": BIG, "size_mb": 100}
    return RsTableStats("s", name, table_id, **(values | fields))


def found(snapshot: RsSnapshot, **options: dict[str, Any]) -> list[Finding]:
    report = analyze_redshift(snapshot, Config(rule_options=options))
    return [f for f in report.findings if f.rule_id in STORAGE]


def ids(snapshot: RsSnapshot, **options: dict[str, Any]) -> list[str]:
    return sorted(f.rule_id for f in found(snapshot, **options))


# RS-C07 -------------------------------------------------------------------------------------


def blocks(slices: int, low: int, high: int, gain: int = 0) -> RsTableBlocks:
    return RsTableBlocks(1, slices, low, high, slices * high, gain)


def test_block_skew_fires_on_empty_slices_and_on_skew() -> None:
    empty = RsSnapshot(tables=(table(),), blocks=(blocks(2, 40, 40),), slices=4)
    assert ids(empty) == ["RS-C07"]
    assert "2 of the cluster's 4 data slices" in found(empty)[0].message
    skewed = RsSnapshot(tables=(table(),), blocks=(blocks(4, 10, 41),), slices=4)
    finding = found(skewed)[0]
    assert "310% skew" in finding.message
    assert finding.fix is not None
    assert finding.fix.content == "ALTER TABLE s.t ALTER DISTSTYLE EVEN;"


def test_block_skew_silent_when_even_small_all_or_auto() -> None:
    even = blocks(4, 40, 44)
    assert ids(RsSnapshot(tables=(table(),), blocks=(even,), slices=4)) == []
    half = blocks(2, 40, 40)
    for quiet in (
        table(tbl_rows=20_000),
        table(diststyle="ALL"),
        table(diststyle="AUTO(ALL)"),
        table(diststyle="AUTO(KEY(a))"),
    ):
        assert ids(RsSnapshot(tables=(quiet,), blocks=(half,), slices=4)) == []
    # Nothing read from stv_blocklist, or another table's blocks: nothing to judge.
    assert ids(RsSnapshot(tables=(table(),), slices=4)) == []
    other = RsTableBlocks(2, 1, 5, 5, 5)
    assert ids(RsSnapshot(tables=(table(),), blocks=(other,), slices=4)) == []


def test_block_skew_without_slice_count_judges_skew_only() -> None:
    assert ids(RsSnapshot(tables=(table(),), blocks=(blocks(2, 40, 40),))) == []
    assert ids(RsSnapshot(tables=(table(),), blocks=(blocks(2, 10, 50),))) == ["RS-C07"]


# RS-C13 -------------------------------------------------------------------------------------


def encoding(columns: int, encoded: int, *raw: str) -> RsColumnEncoding:
    return RsColumnEncoding(1, columns, encoded, raw)


def test_poor_compression_fires_on_raw_columns_of_a_large_table() -> None:
    snapshot = RsSnapshot(tables=(table(),), encodings=(encoding(5, 1, "a", "b", "c", "d"),))
    finding = found(snapshot)[0]
    assert finding.rule_id == "RS-C13"
    assert "1 of its 5 columns (20%)" in finding.message and "a, b, c, d are" in finding.message
    assert finding.fix is not None
    assert finding.fix.content == "ALTER TABLE s.t ALTER ENCODE AUTO;"
    assert finding.evidence.as_dict()["encoded_column_pct"] == 20.0


def test_poor_compression_silent_cases() -> None:
    # Only the sort key is RAW (75% encoded): nothing to compress.
    assert ids(RsSnapshot(tables=(table(),), encodings=(encoding(4, 3),))) == []
    # One RAW column among many encoded ones: 80% or more encoded.
    assert ids(RsSnapshot(tables=(table(),), encodings=(encoding(5, 4, "flag"),))) == []
    small = table(tbl_rows=20_000)
    assert ids(RsSnapshot(tables=(small,), encodings=(encoding(5, 0, "a"),))) == []
    assert ids(
        RsSnapshot(tables=(small,), encodings=(encoding(5, 0, "a"),)),
        **{"RS-C13": {"min_rows": 1000}},
    ) == ["RS-C13"]


# RS-C16 -------------------------------------------------------------------------------------


def test_interleaved_index_out_of_date() -> None:
    def c16(skew: float | None, last: str | None = None) -> list[Finding]:
        interleaved = (RsInterleavedSkew(1, 2, skew, last),)
        return found(RsSnapshot(tables=(table(sortkey1="INTERLEAVED"),), interleaved=interleaved))

    skewed = c16(3.65)
    assert [f.rule_id for f in skewed] == ["RS-C16"]
    assert "skew 3.65" in skewed[0].message and "no reindex logged" in skewed[0].message
    assert skewed[0].fix is not None and skewed[0].fix.content == "VACUUM REINDEX s.t;"
    never = c16(None)
    assert len(never) == 1 and "never measured" in never[0].message
    assert c16(1.4, "2026-01-01 00:00:00") == []
    assert c16(1.08) == []
    assert "last reindexed 2026-01-01" in c16(2.0, "2026-01-01 00:00:00")[0].message


# RS-C20 -------------------------------------------------------------------------------------


def disk(node0_capacity: int, free: int = 10**6, largest: int = 10) -> RsDiskSpace:
    capacity = node0_capacity
    nodes = (RsDiskNode(0, capacity, capacity - free), RsDiskNode(1, capacity, capacity))
    return RsDiskSpace(nodes, "s.big", largest)


def test_fragmented_table_threshold_follows_node_0_capacity() -> None:
    frag = blocks(4, 300, 300, gain=500)
    small_node = RsSnapshot(tables=(table(),), blocks=(frag,), disk=disk(160_000))
    finding = found(small_node)
    assert [f.rule_id for f in finding] == ["RS-C20"]
    assert "about 500 of its 1,200 blocks" in finding[0].message
    assert finding[0].fix is not None
    assert finding[0].fix.content == "VACUUM DELETE ONLY s.t;"
    # A large node (or an unknown disk) needs over 1,024 blocks.
    assert ids(RsSnapshot(tables=(table(),), blocks=(frag,), disk=disk(400_000))) == []
    assert ids(RsSnapshot(tables=(table(),), blocks=(frag,))) == []
    big_gain = blocks(4, 300, 300, gain=1500)
    assert ids(RsSnapshot(tables=(table(),), blocks=(big_gain,), disk=disk(400_000))) == ["RS-C20"]
    compact = blocks(4, 2, 2, gain=0)
    assert ids(RsSnapshot(tables=(table(),), blocks=(compact,), disk=disk(160_000))) == []


# RS-C27 -------------------------------------------------------------------------------------


def test_low_disk_headroom() -> None:
    tight = found(RsSnapshot(disk=disk(400_000, free=200, largest=100)))
    assert [f.rule_id for f in tight] == ["RS-C27"]
    assert tight[0].object == "disk"
    assert "200 MB free" in tight[0].message and "s.big (100 MB)" in tight[0].message
    assert tight[0].evidence.as_dict()["needed_mb"] == 250.0
    assert ids(RsSnapshot(disk=disk(400_000, free=250, largest=100))) == []
    assert ids(RsSnapshot(disk=disk(400_000, free=200, largest=0))) == []
    assert ids(RsSnapshot()) == []
    assert (
        ids(
            RsSnapshot(disk=disk(400_000, free=200, largest=100)),
            **{"RS-C27": {"headroom_factor": 1.5}},
        )
        == []
    )


# RS-C36 -------------------------------------------------------------------------------------


def test_vacuum_starved_of_memory() -> None:
    runs = (
        RsVacuumSummary("t", 2, sort_partitions=140, merge_increments=9),
        RsVacuumSummary("other", 1, sort_partitions=20, merge_increments=95),
        RsVacuumSummary("quiet", 1, sort_partitions=6, merge_increments=1),
    )
    snapshot = RsSnapshot(tables=(table(),), vacuums=runs)
    by_object = {f.object: f for f in found(snapshot)}
    assert set(by_object) == {"s.t", "other"}
    fix = by_object["s.t"].fix
    assert fix is not None and fix.content == (
        "SET wlm_query_slot_count TO 3;\nVACUUM s.t;\nSET wlm_query_slot_count TO 1;"
    )
    fix = by_object["other"].fix
    assert fix is not None and "TO 2;\nVACUUM other;" in fix.content


def test_vacuum_slot_count_is_capped_by_the_manual_queues() -> None:
    run = RsVacuumSummary("t", 1, sort_partitions=900, merge_increments=40)
    snapshot = RsSnapshot(vacuums=(run,), wlm_queues=(RsWlmQueue(6, "etl", 5),))
    fix = found(snapshot)[0].fix
    assert fix is not None and fix.content.startswith("SET wlm_query_slot_count TO 5;")
    fix = found(RsSnapshot(vacuums=(run,)))[0].fix
    assert fix is not None and fix.content.startswith("SET wlm_query_slot_count TO 18;")


# Live reads ---------------------------------------------------------------------------------


@pytest.mark.postgres
def test_storage_views_read_from_the_emulation(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    by_id = {t.table_id: t.qualified_name for t in snapshot.tables}
    assert snapshot.slices == 4
    layout = {by_id[b.table_id]: b for b in snapshot.blocks}
    assert set(layout) == set(by_id.values())
    assert layout["rs_demo.devices_bykey"].slices == 2
    # Four user columns and three hidden ones, one block each on every slice.
    assert layout["rs_demo.devices_even"] == RsTableBlocks(
        layout["rs_demo.devices_even"].table_id, 4, 7, 7, 28, 0
    )
    assert layout["rs_demo.visits_all"].slices == 2
    assert layout["rs_demo.events_fragmented"].est_space_gain == 4 * 39 * 7
    assert layout["rs_demo.events_compact"].est_space_gain == 0
    encodings = {by_id[e.table_id]: e for e in snapshot.encodings}
    raw = encodings["rs_demo.readings_raw"]
    assert (raw.columns, raw.encoded_columns) == (5, 0)
    assert raw.raw_columns == ("reading_id", "sensor_id", "reading", "note")
    # No ENCODE in the DDL: Redshift's defaults, RAW only for the sort key.
    sorted_visits = encodings["rs_demo.visits_sorted"]
    assert (sorted_visits.columns, sorted_visits.encoded_columns) == (3, 2)
    assert sorted_visits.raw_columns == ()
    skews = {by_id[i.table_id]: i for i in snapshot.interleaved}
    assert skews["rs_demo.visits_interleaved"].max_skew == 3.65
    assert skews["rs_demo.visits_interleaved"].last_reindex is None
    assert skews["rs_demo.visits_reindexed"].last_reindex is not None
    assert [(v.table, v.sort_partitions) for v in snapshot.vacuums] == [
        ("events_unsorted", 140),
        ("events_sorted", 6),
    ]
    assert snapshot.disk is not None and snapshot.disk.free_mb == 3
    assert snapshot.disk.node0_capacity_mb == 163840
    # The largest table of the whole cluster, whatever schemas the read is limited to.
    assert snapshot.disk.largest_table == "tpch.lineitem"


@pytest.mark.postgres
def test_storage_views_missing_degrade_with_notes(rs_admin_dsn: str, emulation: str) -> None:
    role = "rs_no_storage"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'no-storage-5b2'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul TO {role}")
        conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA redshift_emul FROM {role}")
        conn.execute(f"GRANT SELECT ON redshift_emul.svv_table_info TO {role}")
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "no-storage-5b2")
    snapshot = read_redshift(RedshiftSource(dsn=target, schemas=("rs_demo",)))
    assert snapshot.views == ("svv_table_info",)
    assert snapshot.tables and snapshot.blocks == () and snapshot.disk is None
    for view in (
        "stv_blocklist",
        "stv_slices",
        "svv_redshift_columns",
        "svv_interleaved_columns",
        "svv_vacuum_summary",
        "stv_partitions",
    ):
        assert any(view in note for note in snapshot.notes), view
    assert ids(snapshot, **{r: {"min_rows": 1000} for r in STORAGE}) == []
