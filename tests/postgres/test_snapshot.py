"""Snapshots round-trip exactly and refuse files they cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.config import Config
from advisor.live import analyze_postgres
from advisor.model_postgres import PgForeignKey, PgSnapshot
from connectors.snapshot import SnapshotError, load_document, load_postgres, save
from postgres.factories import index, node, plan, snapshot, statement, table


def sample() -> PgSnapshot:
    fk = PgForeignKey("fk", ("customer_id",), "public.customers", ("id",))
    t = table(
        reloptions=(("autovacuum_enabled", "false"),),
        foreign_keys=(fk,),
        indexes=(index("orders", "i", ["status"], idx_scan=0, size_bytes=9 << 20),),
    )
    scan = node("Seq Scan", relation="public.orders", actual_rows=1.0, plan_rows=3.5)
    return snapshot([t], [plan(node("Sort", children=(scan,)))], [statement(-5)])


def test_round_trip_is_exact_and_gives_the_same_findings(tmp_path: Path) -> None:
    snap = sample()
    path = tmp_path / "snap.json"
    save(path, postgres=snap)
    loaded = load_postgres(path)
    assert loaded == snap
    assert loaded is not None
    before = analyze_postgres(snap, Config()).findings
    assert before and analyze_postgres(loaded, Config()).findings == before


def test_document_is_versioned_and_keeps_room_for_other_sources(tmp_path: Path) -> None:
    path = tmp_path / "snap.json"
    save(path, postgres=sample(), opensearch={"indices": []})
    data = json.loads(path.read_text())
    assert (data["format"], data["version"]) == ("advisor-snapshot", 1)
    assert set(data) == {"format", "version", "postgres", "opensearch"}
    assert load_document(path)["opensearch"] == {"indices": []}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not a JSON snapshot"),
        ('{"format": "other"}', "not an advisor snapshot"),
        ('{"format": "advisor-snapshot", "version": 99}', "version 99"),
    ],
)
def test_unreadable_snapshots_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(SnapshotError, match=message):
        load_postgres(path)


def test_a_snapshot_without_postgres_has_no_postgres_section(tmp_path: Path) -> None:
    path = tmp_path / "snap.json"
    save(path)
    assert load_postgres(path) is None
