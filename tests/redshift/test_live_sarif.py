"""The SARIF of a live Redshift run: valid SARIF 2.1.0 that code scanning ingests, every
result placed at its object or at the CREATE statement that defines it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sarif_checks import check

from advisor.cli import cli

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def test_live_redshift_sarif_is_valid_with_a_place_for_every_result(
    emulation: str, tmp_path: Path
) -> None:
    ddl = tmp_path / "clicks.sql"
    ddl.write_text("CREATE TABLE rs_demo.clicks_ghost (id BIGINT) DISTSTYLE EVEN;\n", "utf-8")
    args = ["analyze", "--redshift", emulation, "--schema", "rs_demo", "--format", "sarif"]
    config = ["--config", str(ROOT / "examples" / "redshift" / "live.toml")]
    result = CliRunner().invoke(cli, [*args, *config, "--ddl", str(ddl)])
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    check(log)
    results = log["runs"][0]["results"]
    assert len(results) > 30
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "system://redshift/rs_demo.sales_skewed" in uris
    ghost = [r for r in results if r["properties"].get("object") == "rs_demo.clicks_ghost"]
    assert ghost
    for one in ghost:
        (location,) = one["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "file://" + ddl.as_posix()
        assert location["physicalLocation"]["region"]["startLine"] == 1
        names = [logical["fullyQualifiedName"] for logical in location["logicalLocations"]]
        assert names == ["system://redshift/rs_demo.clicks_ghost"]
