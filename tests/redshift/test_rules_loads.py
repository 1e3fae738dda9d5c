"""Load rules RS-W16 to RS-W19 on model objects: each planted shape fires, its twin does not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding, FixKind
from advisor.model_redshift import (
    RsCompressionAnalysis,
    RsCopyGroup,
    RsInsertHour,
    RsSnapshot,
    RsUncompressedCopy,
    RsWorkload,
)

MB = 1048576
ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/load'"


def run(rule: str, nodes: int | None = 2, slices: int | None = 4, **parts: Any) -> list[Finding]:
    snapshot = RsSnapshot(workload=replace(RsWorkload(), **parts), nodes=nodes, slices=slices)
    return [f for f in analyze_redshift(snapshot, Config()).findings if f.rule_id == rule]


def hour(table: str, small: int, total: int, rows: int = 0) -> RsInsertHour:
    return RsInsertHour(
        hour="2026-01-01T10:00:00",
        table=table,
        inserts=max(small, 1),
        small_inserts=small,
        rows=rows or small,
        hour_small_inserts=total,
    )


def test_trickle_inserts_name_the_trickled_table_not_the_batched_one() -> None:
    found = run(
        "RS-W16",
        inserts=(hour("s.events", 150, 150), hour("s.batched", 0, 150, rows=150_000)),
    )
    assert [f.object for f in found] == ["s.events"]
    assert "150 INSERTs of 1-100 rows into s.events" in found[0].message
    assert found[0].fix is not None and "ALTER TABLE s.events APPEND" in found[0].fix.title


def test_trickle_inserts_need_more_than_100_in_the_hour() -> None:
    assert run("RS-W16", inserts=(hour("s.events", 100, 100),)) == []
    # A table with a few small INSERTs in a busy hour is named too: the count is cluster-wide.
    found = run("RS-W16", inserts=(hour("s.a", 90, 101), hour("s.b", 11, 101)))
    assert [f.object for f in found] == ["s.a", "s.b"]


def copies(**changes: Any) -> RsCopyGroup:
    group = RsCopyGroup(
        day="2026-01-01",
        table="s.clicks",
        bucket="acme",
        file_format="csv",
        copies=30,
        files=30,
        min_files=1,
        max_files=1,
        bytes=30 * 8 * MB,
        data_source="s3://acme/clicks/",
    )
    return replace(group, **changes)


def test_under_parallel_copy_gives_the_advisor_reason_first() -> None:
    found = run("RS-W17", copies=(copies(),))
    assert [f.object for f in found] == ["s.clicks"]
    assert "fewer files than the cluster's 2 nodes; 1.0 files per COPY" in found[0].message
    assert found[0].fix is not None and "a multiple of the 4 slices" in found[0].fix.title
    below_slices = copies(files=90, min_files=3, max_files=3, bytes=90 * 4 * MB)
    assert (
        "fewer files than the cluster's 4 slices"
        in run("RS-W17", copies=(below_slices,))[0].message
    )
    uneven = copies(files=180, min_files=6, max_files=6, bytes=180 * 4 * MB)
    assert (
        "6 files, not a multiple of the cluster's 4 slices"
        in run("RS-W17", copies=(uneven,))[0].message
    )


def test_under_parallel_copy_skips_the_advisor_reason_for_tiny_files_or_no_slices() -> None:
    tiny = copies(bytes=30 * MB)  # 1 MB files: under the Advisor's 2 MB floor
    message = run("RS-W17", copies=(tiny,))[0].message
    assert "nodes" not in message and "files of 1.0 MB on average" in message
    serverless = run("RS-W17", nodes=None, slices=None, copies=(copies(),))
    assert "nodes" not in serverless[0].message
    assert serverless[0].fix is not None and "slice count" in serverless[0].fix.title


def test_under_parallel_copy_twins_stay_silent() -> None:
    well_split = copies(files=1920, min_files=64, max_files=64, bytes=1920 * 64 * MB)
    few_copies = copies(copies=24, files=24)
    auto_split = copies(files=30, bytes=30 * 512 * MB, split_copies=30)
    assert run("RS-W17", copies=(well_split, few_copies, auto_split)) == []


def uncompressed(text: str, transfer: int = 64 * MB, data: int = 64 * MB) -> RsUncompressedCopy:
    return RsUncompressedCopy(
        query_id=7,
        query_text=text,
        bucket="acme",
        key="orders/part-0000.csv",
        files=4,
        transfer_bytes=transfer,
        data_bytes=data,
    )


def test_uncompressed_copy_input_fires_with_the_fixed_copy() -> None:
    text = f"COPY s.orders FROM 's3://acme/orders/' {ROLE} CSV"
    found = run("RS-W18", uncompressed_copies=(uncompressed(text), uncompressed(text)))
    assert [f.object for f in found] == ["s.orders"]
    assert "2 COPY commands into s.orders read 128.0 MB" in found[0].message
    assert "s3://acme/orders/" in found[0].message
    assert found[0].fix is not None and found[0].fix.kind is FixKind.SQL
    assert found[0].fix.content.endswith("CSV GZIP;")


def test_uncompressed_copy_input_twins_stay_silent() -> None:
    text = f"COPY s.orders FROM 's3://acme/orders/' {ROLE} CSV GZIP"
    parquet = f"COPY s.orders FROM 's3://acme/orders/' {ROLE} FORMAT AS PARQUET"
    assert run("RS-W18", uncompressed_copies=(uncompressed(text, 16 * MB, 64 * MB),)) == []
    assert run("RS-W18", uncompressed_copies=(uncompressed(text, 4 * MB, 4 * MB),)) == []
    assert run("RS-W18", uncompressed_copies=(uncompressed(parquet),)) == []


def test_uncompressed_copy_input_without_text_names_the_prefix() -> None:
    found = run("RS-W18", uncompressed_copies=(uncompressed(""),))
    assert [f.object for f in found] == ["s3://acme/orders/"]
    assert found[0].fix is not None and found[0].fix.kind is FixKind.TEXT


def analysis(text: str, xid: int = 7, statements: int = 3) -> RsCompressionAnalysis:
    return RsCompressionAnalysis(
        xid=xid, copy_text=text, statements=statements, analysis_us=3_000_000, elapsed_us=9_000_000
    )


def test_copy_compression_analysis_fixes_with_compupdate_off() -> None:
    text = f"COPY s.visits FROM 's3://acme/visits/' {ROLE} CSV GZIP"
    found = run("RS-W19", compression_analyses=(analysis(text), analysis(text, xid=8)))
    assert [f.object for f in found] == ["s.visits"]
    assert "2 COPY transactions into s.visits ran compression analysis" in found[0].message
    assert found[0].fix is not None
    assert found[0].fix.content.endswith("CSV GZIP COMPUPDATE OFF;")


def test_copy_compression_analysis_with_compupdate_off_points_at_diststyle() -> None:
    text = f"COPY s.visits FROM 's3://acme/visits/' {ROLE} CSV COMPUPDATE OFF"
    found = run("RS-W19", compression_analyses=(analysis(text),))
    assert found[0].fix is not None and "DISTSTYLE" in found[0].fix.title
    assert found[0].fix.kind is FixKind.TEXT


def test_copy_compression_analysis_silent_without_analysis_statements() -> None:
    text = f"COPY s.visits FROM 's3://acme/visits/' {ROLE} CSV"
    assert run("RS-W19", compression_analyses=(analysis(text, statements=0),)) == []
    unnamed = run("RS-W19", compression_analyses=(analysis("", xid=42),))
    assert [f.object for f in unnamed] == ["transaction 42"]
