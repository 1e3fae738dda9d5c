"""The SARIF of a live OpenSearch run: valid SARIF 2.1.0 that code scanning ingests; index
findings placed at the request file that searches the index, or at the index itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sarif_checks import check

from advisor.cli import cli

pytestmark = pytest.mark.opensearch

LIVE_REQUESTS = Path(__file__).resolve().parents[2] / "examples" / "opensearch" / "live"


def test_live_opensearch_sarif_is_valid_with_a_place_for_every_result(demo: str) -> None:
    args = ["analyze", "--opensearch", demo, str(LIVE_REQUESTS), "--format", "sarif"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    check(log)
    results = log["runs"][0]["results"]
    live = [r for r in results if r["properties"].get("object", "").startswith("demo-")]
    assert live
    for one in live:
        (location,) = one["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        obj = one["properties"]["object"]
        assert uri == f"system://opensearch/{obj}" or uri.startswith(("examples/", "file://")), uri
    tags = [
        r
        for r in live
        if r["properties"]["object"] == "demo-tags" and r["ruleId"].startswith("OS-C")
    ]
    assert tags, "a cluster finding on demo-tags"
    for one in tags:
        uri = one["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("examples/opensearch/live/tag-cloud.json"), uri
        assert (
            one["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            == "system://opensearch/demo-tags"
        )
