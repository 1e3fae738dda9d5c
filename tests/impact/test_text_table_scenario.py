"""A planted scenario: an hourly export does `SELECT *` over a partitioned JSON table on S3
with no partition predicate. The history has its runs but no S3 scan summary, so its bytes per
day are the runs times the bytes the DDL says each run reads, priced per TB scanned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.model_redshift import RsSnapshot, RsWorkload
from advisor.redshift_data.history import RsQueryGroup
from connectors.snapshot import snapshot_text

DDL = """\
CREATE EXTERNAL TABLE spectrum.cdn_logs (
    request_ts TIMESTAMP,
    uri VARCHAR(2048),
    status INT,
    bytes_sent BIGINT
)
PARTITIONED BY (dt VARCHAR(10))
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://example-bucket/cdn/'
TABLE PROPERTIES ('numRows'='9000000000', 'totalSize'='1500000000000');
"""
EXPORT = """\
-- Server errors for the on-call dashboard, refreshed every hour.
SELECT *
FROM spectrum.cdn_logs
WHERE status >= 500;
"""
UNUSED = "SELECT * FROM spectrum.cdn_logs WHERE dt = '2024-06-01' AND status = 404;\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for folder in ("ddl", "reports"):
        (tmp_path / "src" / folder).mkdir(parents=True)
    (tmp_path / "src" / "ddl" / "cdn.sql").write_text(DDL, encoding="utf-8")
    (tmp_path / "src" / "reports" / "errors_export.sql").write_text(EXPORT, encoding="utf-8")
    (tmp_path / "src" / "reports" / "not_found.sql").write_text(UNUSED, encoding="utf-8")
    group = RsQueryGroup(
        "e500",
        "SELECT * FROM spectrum.cdn_logs WHERE status >= 503",
        "SELECT",
        runs=168,  # hourly for the 7 days read
        total_elapsed_us=168 * 95_000_000,
    )
    snapshot = RsSnapshot(workload=RsWorkload(queries=(group,)))
    (tmp_path / "snap.json").write_text(snapshot_text({"redshift": snapshot}), encoding="utf-8")
    return tmp_path


def lint(tree: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["lint", str(tree / "src"), "--snapshot", str(tree / "snap.json"), *extra]
    )
    return result.exit_code, result.stdout


def test_the_export_shows_its_daily_bytes_scanned_and_dollars(tree: Path) -> None:
    code, out = lint(tree)
    assert code == 1
    heads = [line for line in out.splitlines() if ": RS-" in line]
    # The costliest first: the export's star over the JSON table, then its missing predicate.
    assert "errors_export.sql:2:8: RS-Q31" in heads[0]
    assert "1.5 TB per run" in heads[0]
    # 168 runs x 1.5 TB (JSON is read whole, every partition) / 7 days, at $5 per TB.
    cost = "168 runs in 7 days: 38.0 min/day, 36.0 TB/day scanned, $180/day"
    assert f"  cost: {cost} (estimated from the catalog)" in out.splitlines()
    assert any("RS-Q25" in h and "errors_export.sql" in h for h in heads)


def test_the_json_report_gives_the_formula_and_the_query_that_never_ran(tree: Path) -> None:
    code, out = lint(tree, "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    star = next(f for f in findings if f["rule_id"] == "RS-Q31")
    cost = star["impact"]
    assert cost["confidence"] == "estimated from the catalog" and cost["executions"] == 168
    assert cost["bytes_per_run"] == 1.5e12 and cost["dollars_per_run"] == pytest.approx(7.5)
    assert cost["dollars_per_day"] == pytest.approx(168 * 7.5 / 7)
    assert "1500000000000 B (totalSize) x all columns (JSON, row format)" in cost["formula"]
    assert cost["inputs"]["size source"] == "totalSize"
    # The other report never ran: the estimate stays per run (a share the DDL cannot tell:
    # it selects a partition) and says there is no execution.
    (never,) = [f for f in findings if f["location"]["path"].endswith("not_found.sql")]
    assert never["rule_id"] == "RS-Q31" and "the partitions it selects" in never["message"]
    assert never["impact"]["confidence"] == "estimated from the catalog"
    assert "no execution" in never["impact"]["note"] and "bytes_per_run" not in never["impact"]


def test_a_price_in_the_config_changes_the_dollars(tree: Path) -> None:
    (tree / "advisor.toml").write_text("[impact]\nscan-usd-per-tb = 2.5\n", encoding="utf-8")
    code, out = lint(tree, "--config", str(tree / "advisor.toml"), "--format", "json")
    assert code == 1
    star = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "RS-Q31")
    assert star["impact"]["dollars_per_day"] == pytest.approx(168 * 1.5 * 2.5 / 7)
