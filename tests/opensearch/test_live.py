"""The live path against the real node: planted problems and twins, live mappings, snapshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_opensearch
from advisor.model import Finding
from advisor.model_opensearch import OsSnapshot
from connectors.snapshot import load_opensearch, save
from opensearch.conftest import LIVE_REQUESTS

pytestmark = pytest.mark.opensearch

DEMO_INDICES = (
    "demo-products",
    "demo-tiny-shards",
    "demo-yellow",
    "demo-tags",
    "demo-deep-paging",
    "demo-fast-refresh",
    "demo-wide",
    "demo-logs-old",
    "demo-empty",
)
# Per-index rules: the one demo index each plants its problem in; every other index is a twin.
PLANTED = {
    "OS-C01": "demo-tiny-shards",
    "OS-C03": "demo-yellow",
    "OS-C04": "demo-fast-refresh",
    "OS-C05": "demo-deep-paging",
    "OS-C16": "demo-logs-old",
    "OS-C18": "demo-wide",
    "OS-C21": "demo-empty",
}
# Profile rules: the request each fires on, judged from its live profile; timing floors are
# lowered (and share floors relaxed) so that neither a fast warm node nor a loaded machine
# changes the verdict: the structure of the request decides.
PROFILED = {
    "OS-P03": {"script-filter.json", "sku-contains.json"},
    "OS-P05": {"script-filter.json"},
    "OS-P08": {"tag-cloud.json"},
}
TIMING_FLOORS: dict[str, dict[str, float]] = {
    "OS-P03": {"min_root_ms": 0, "min_share": 0},
    "OS-P05": {"min_node_ms": 0, "min_share": 0.01},
    "OS-P08": {"min_aggregation_ms": 0},
}


def findings(snapshot: OsSnapshot, config: Config | None = None) -> list[Finding]:
    return analyze_opensearch(snapshot, config or Config(rule_options=TIMING_FLOORS)).findings


def on_demo(found: list[Finding], rule_id: str) -> set[str]:
    return {f.object or "" for f in found if f.rule_id == rule_id and f.object in DEMO_INDICES}


def test_the_connector_reads_the_demo_cluster(live_snapshot: OsSnapshot) -> None:
    snap = live_snapshot
    assert snap.cluster.version.startswith("2.")
    assert snap.cluster.setting("search.max_buckets") == "65535"
    names = {i.name for i in snap.indices}
    assert set(DEMO_INDICES) <= names
    tiny = snap.index("demo-tiny-shards")
    assert tiny is not None and tiny.primaries == 12 and tiny.docs_count == 200
    assert tiny.mapping["properties"]["sku"] == {"type": "keyword"}
    assert len([s for s in snap.shards_of("demo-tiny-shards") if s.primary]) == 12
    assert [s.state for s in snap.shards_of("demo-yellow")] == ["STARTED", "UNASSIGNED"]
    assert max(s.segments for s in snap.shards_of("demo-logs-old")) == 8
    assert snap.nodes and snap.nodes[0].heap_max_bytes > 0
    assert snap.nodes[0].breaker("fielddata") is not None
    assert snap.allocations and snap.allocations[0].disk_percent is not None
    assert not snap.insights.available and "not installed" in snap.insights.note
    assert {Path(p.path or "").name for p in snap.profiles} == {
        "script-filter.json",
        "sku-contains.json",
        "sku-exact.json",
        "tag-cloud.json",
    }
    assert all(p.error is None and p.shards for p in snap.profiles)
    assert len(snap.validations) == 3 and all(v.valid for v in snap.validations)
    assert "ScriptQuery" in snap.validations[0].explanation


@pytest.mark.parametrize(("rule_id", "index"), sorted(PLANTED.items()))
def test_planted_index_problem_fires_and_twins_stay_silent(
    live_snapshot: OsSnapshot, rule_id: str, index: str
) -> None:
    found = findings(live_snapshot)
    assert on_demo(found, rule_id) == {index}
    finding = next(f for f in found if f.rule_id == rule_id and f.object == index)
    assert finding.fix is not None and index in finding.fix.content


def test_slow_logs_off_everywhere_but_the_twin(live_snapshot: OsSnapshot) -> None:
    assert on_demo(findings(live_snapshot), "OS-C06") == set(DEMO_INDICES) - {"demo-products"}


def test_cluster_level_findings_of_the_demo(live_snapshot: OsSnapshot) -> None:
    found = findings(live_snapshot)
    [insights] = [f for f in found if f.rule_id == "OS-C07"]
    assert "no handler" in insights.message
    [fielddata] = [f for f in found if f.rule_id == "OS-C08"]
    assert "demo-tags.tags" in fielddata.message and "demo-products" not in fielddata.message


@pytest.mark.parametrize(("rule_id", "files"), sorted(PROFILED.items()))
def test_profile_rules_fire_on_their_requests_only(
    live_snapshot: OsSnapshot, rule_id: str, files: set[str]
) -> None:
    found = [f for f in findings(live_snapshot) if f.rule_id == rule_id]
    assert {Path(f.location.path).name for f in found if f.location} == files
    assert all(f.location and f.location.line == 1 for f in found)


def test_snapshot_round_trip_gives_identical_findings(
    live_snapshot: OsSnapshot, tmp_path: Path
) -> None:
    path = tmp_path / "snap.json"
    save(path, opensearch=live_snapshot)
    loaded = load_opensearch(path)
    assert loaded == live_snapshot
    assert findings(loaded) == findings(live_snapshot)


def _json_findings(output: str) -> list[dict[str, object]]:
    data = json.loads(output)
    return [{k: v for k, v in f.items() if k != "timings"} for f in data["findings"]]


def test_cli_live_and_snapshot_replay_agree(demo: str, tmp_path: Path) -> None:
    snap = tmp_path / "live.json"
    requests = [str(p) for p in sorted(LIVE_REQUESTS.glob("*.json"))]
    profile_args = [a for r in requests for a in ("--profile", r)]
    runner = CliRunner()
    live = runner.invoke(
        cli,
        ["analyze", "--opensearch", demo, *profile_args, "--save-snapshot", str(snap),
         "--format", "json", *requests],
    )  # fmt: skip
    assert live.exit_code == 1, live.output
    assert "advisor: opensearch " in live.stderr and "4 profiles" in live.stderr
    replay = runner.invoke(cli, ["analyze", "--snapshot", str(snap), "--format", "json", *requests])
    assert replay.exit_code == 1, replay.output
    assert _json_findings(live.stdout) == _json_findings(replay.stdout)
    rule_ids = {f["rule_id"] for f in _json_findings(live.stdout)}
    assert {"OS-C01", "OS-C03", "OS-Q08", "OS-M05"} <= rule_ids
    written = runner.invoke(cli, ["snapshot", "--opensearch", demo, "-o", str(tmp_path / "s.json")])
    assert written.exit_code == 0, written.output
    assert json.loads((tmp_path / "s.json").read_text())["opensearch"]["cluster"]["name"]


def test_mapping_rules_read_live_mappings_like_mapping_files(demo: str, tmp_path: Path) -> None:
    request = LIVE_REQUESTS / "tag-cloud.json"
    mapping = tmp_path / "demo-tags.json"
    tags_mapping = {
        "demo-tags": {
            "mappings": {
                "properties": {
                    "sku": {"type": "keyword"},
                    "tags": {"type": "text", "fielddata": True},
                }
            }
        }
    }
    mapping.write_text(json.dumps(tags_mapping))
    runner = CliRunner()
    from_file = runner.invoke(
        cli, ["lint", "--format", "json", "--mapping", f"demo-tags={mapping}", str(request)]
    )
    live = runner.invoke(
        cli, ["analyze", "--opensearch", demo, "--select", "OS-M", "--format", "json", str(request)]
    )
    file_findings = [f for f in _json_findings(from_file.stdout) if f["rule_id"] == "OS-M05"]
    live_findings = [f for f in _json_findings(live.stdout) if f["rule_id"] == "OS-M05"]
    assert file_findings and file_findings == live_findings
    without = runner.invoke(cli, ["lint", "--format", "json", str(request)])
    assert not [f for f in _json_findings(without.stdout) if str(f["rule_id"]).startswith("OS-M")]
