"""Snapshots with an opensearch section: round trip, replay beside a postgres section, format."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.model_opensearch import OsIndex
from advisor.model_postgres import PgSettings, PgSnapshot
from connectors.snapshot import load_document, load_opensearch, load_postgres, save
from opensearch.factories import node, snapshot

WIDE = OsIndex(
    "events",
    docs_count=10,
    settings={"index.mapping.total_fields.limit": "5000", "index.refresh_interval": "100ms"},
    mapping={"properties": {"a": {"type": "keyword"}}},
)


def test_round_trip_is_exact(tmp_path: Path) -> None:
    snap = snapshot(nodes=[node(**{"breakers.parent.tripped": 2})], indices=(WIDE,))
    path = tmp_path / "s.json"
    save(path, opensearch=snap)
    assert load_opensearch(path) == snap
    assert load_postgres(path) is None
    document = load_document(path)
    assert document["version"] == 1 and "opensearch" in document


def test_replay_of_a_snapshot_with_both_sections(tmp_path: Path) -> None:
    path = tmp_path / "both.json"
    pg = PgSnapshot(server="127.0.0.1:5432", database="shop", settings=PgSettings())
    save(path, postgres=pg, opensearch=snapshot(indices=(WIDE,)))
    result = CliRunner().invoke(cli, ["analyze", "--snapshot", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    rules = {f["rule_id"] for f in json.loads(result.stdout)["findings"]}
    assert {"OS-C04", "OS-C18"} <= rules
    assert "advisor: postgres snapshot" in result.stderr
    assert "advisor: opensearch snapshot" in result.stderr
    assert "Query Insights is not installed" in result.stderr


def test_an_older_snapshot_with_only_postgres_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "pg.json"
    path.write_text(json.dumps({"format": "advisor-snapshot", "version": 1, "postgres": {}}))
    assert load_opensearch(path) is None
    result = CliRunner().invoke(cli, ["analyze", "--snapshot", str(path)])
    assert "opensearch" not in result.stderr
