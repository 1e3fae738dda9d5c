"""`advisor lint examples/redshift --redshift DSN` against the emulated cluster: the demo's
report query on an external text table is matched to its executions and costed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from advisor.cli import cli
from redshift.test_snapshot import ROOT


def test_lint_with_the_cluster_ranks_findings_by_what_they_cost(emulation: str) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            str(ROOT / "examples" / "redshift"),
            "--config",
            str(ROOT / "examples" / "redshift" / "live.toml"),
            "--redshift",
            emulation,
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    first = findings[0]
    assert first["rule_id"] == "RS-Q01"
    assert first["location"]["path"].endswith("reports/clicks_export.sql")
    cost = first["impact"]
    assert cost["confidence"] == "measured" and cost["executions"] == 6
    # 6 runs of 64 GB in the 7-day window, at $5 per TB scanned.
    assert round(cost["bytes_per_day"] / 1e9, 1) == 54.9
    assert round(cost["dollars_per_day"], 2) == 0.27
    ddl = [f for f in findings if f["location"]["path"].endswith("ddl/spectrum.sql")]
    assert ddl and all(f["impact"]["table"] == "spectrum.clicks_raw" for f in ddl)
    never = [f for f in findings if f["impact"]["confidence"] == "unknown"]
    assert never and all("no execution" in f["impact"]["note"] for f in never)
    ranks = [
        (f["impact"].get("dollars_per_day") or 0, f["impact"].get("seconds_per_day") or 0)
        for f in findings
        if f["impact"]["confidence"] != "unknown"
    ]
    assert ranks == sorted(ranks, reverse=True)
