"""Every finding on a statement that reads a declared external table gets the statement's scan
estimate from the DDL, with no history needed; a history that measured the statement's bytes
replaces it with "measured"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor import impact
from advisor.cli import cli
from advisor.config import Config
from advisor.engine import Engine
from advisor.model import CATALOG_ESTIMATE, Finding, Impact, Location, Severity, cost_order
from advisor.model_redshift import RsSnapshot, RsWorkload
from advisor.redshift_data.history import RsQueryGroup, RsSpectrumScan
from connectors.snapshot import snapshot_text

TB = 10**12

DDL = """\
CREATE EXTERNAL TABLE spectrum.events (
    event_ts TIMESTAMP,
    user_id BIGINT,
    kind VARCHAR(32),
    payload VARCHAR(4096)
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://example-bucket/events/'
TABLE PROPERTIES ('totalSize'='1500000000000', 'numRows'='3000000000');
CREATE EXTERNAL TABLE spectrum.users (user_id BIGINT, country VARCHAR(2), plan VARCHAR(16))
STORED AS PARQUET
LOCATION 's3://example-bucket/users/'
TABLE PROPERTIES ('totalSize'='30000000000', 'numRows'='50000000');
"""
# RS-Q26 (ORDER BY over an external table) is not a rule about the scan: its finding gets the
# statement's estimate. JSON is read whole whatever the query names.
DAILY = "SELECT kind, COUNT(*) FROM spectrum.events GROUP BY kind ORDER BY 2 DESC;\n"
# RS-Q02's Cartesian product reads both tables.
JOINED = "SELECT u.country FROM spectrum.events e CROSS JOIN spectrum.users u;\n"


def lint(tmp_path: Path, *queries: str) -> tuple[int, str, str]:
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "ddl.sql").write_text(DDL, encoding="utf-8")
    for i, query in enumerate(queries):
        (tmp_path / "src" / f"q{i}.sql").write_text(query, encoding="utf-8")
    return run(str(tmp_path / "src"), "--select", "RS-Q26")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_lint_with_no_live_source_gives_the_estimate(tmp_path: Path) -> None:
    code, out, err = lint(tmp_path, DAILY)
    assert code == 1, err
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if ": RS-Q26" in line)
    assert (
        lines[head + 1]
        == "  cost: per run: about 1.5 TB scanned, $7.50 (estimated from the catalog)"
    )
    code, out, _ = run(str(tmp_path / "src"), "--select", "RS-Q26", "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["evidence"]["scan_bytes_per_run"] == 1.5e12
    cost = finding["impact"]
    assert cost["confidence"] == "estimated from the catalog" and cost["executions"] == 0
    assert cost["bytes_per_run"] == 1.5e12 and cost["dollars_per_run"] == pytest.approx(7.5)
    assert cost["formula"].startswith(
        "bytes/run = 1500000000000 B (totalSize) x all columns (JSON, row format) x unpartitioned"
    )
    assert "$/run = 1.500000 TB x $5/TB" in cost["formula"]
    assert cost["inputs"]["size source"] == "totalSize"


def test_the_price_per_tb_comes_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text("[impact]\nscan-usd-per-tb = 6\n", encoding="utf-8")
    lint(tmp_path, DAILY)
    _, out, _ = run(str(tmp_path / "src"), "--select", "RS-Q26", "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["impact"]["dollars_per_run"] == pytest.approx(9.0)


def test_a_statement_reading_two_tables_adds_their_scans(tmp_path: Path) -> None:
    report = Engine(Config(select=("RS-Q02",)), lint=True).lint_paths(_files(tmp_path, JOINED))
    costed = impact.catalog_estimates(report)
    (finding,) = costed.findings
    cost = finding.impact
    assert cost is not None and cost.confidence == CATALOG_ESTIMATE
    # The JSON table whole (1.5 TB) and 1 of the 3 Parquet columns of 30 GB (10 GB).
    assert cost.bytes_per_run == pytest.approx(1.5 * TB + 10e9)
    assert "spectrum.events: bytes/run = " in cost.formula
    assert "bytes/run = 1500000000000 B + 10000000000 B" in cost.formula
    assert costed.order == "impact"


def _files(tmp_path: Path, *queries: str) -> list[Path]:
    (tmp_path / "ddl.sql").write_text(DDL, encoding="utf-8")
    paths = [tmp_path / "ddl.sql"]
    for i, query in enumerate(queries):
        paths.append(tmp_path / f"q{i}.sql")
        paths[-1].write_text(query, encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    "query",
    [
        # A LIMIT with nothing to sort first stops reading early: how much is unknown.
        "SELECT e.kind FROM spectrum.events e JOIN spectrum.users u ON e.user_id = u.user_id"
        " LIMIT 10;\n",
        # A table the run does not declare: the statement's scan is not all known.
        "SELECT kind, COUNT(*) FROM spectrum.events e JOIN spectrum.other o"
        " ON e.user_id = o.user_id GROUP BY kind ORDER BY 2;\n",
        # No external table read.
        "SELECT 1 AS n ORDER BY 1;\n",
    ],
)
def test_no_estimate_when_the_ddl_cannot_tell(tmp_path: Path, query: str) -> None:
    report = Engine(Config(select=("RS-Q26", "RS-Q01")), lint=True).lint_paths(
        _files(tmp_path, query)
    )
    for finding in impact.catalog_estimates(report).findings:
        assert "scan_formula" not in finding.evidence.as_dict(), finding
        assert finding.impact is None or finding.impact.bytes_per_run is None


def test_a_partition_predicate_leaves_the_share_unknown(tmp_path: Path) -> None:
    ddl = (
        "CREATE EXTERNAL TABLE s.logs (a INT, b INT) PARTITIONED BY (dt VARCHAR(10))"
        " STORED AS TEXTFILE LOCATION 's3://b/l/' TABLE PROPERTIES ('totalSize'='9000000000');\n"
    )
    (tmp_path / "ddl.sql").write_text(ddl, encoding="utf-8")
    (tmp_path / "q.sql").write_text(
        "SELECT a FROM s.logs WHERE dt = '2024-01-01' ORDER BY a;\n"
        "SELECT a FROM s.logs WHERE b = 1 ORDER BY a;\n",
        encoding="utf-8",
    )
    report = Engine(Config(select=("RS-Q26",)), lint=True).lint_paths([tmp_path])
    by_line = {f.location.line: f for f in report.findings if f.location}
    assert "scan_formula" not in by_line[1].evidence.as_dict()
    assert by_line[2].evidence.as_dict()["scan_bytes_per_run"] == 9_000_000_000


def history(runs: int, s3_bytes: int | None) -> RsSnapshot:
    group = RsQueryGroup(
        "ev1",
        "select kind, count(*) from spectrum.events group by kind order by 2 desc",
        "SELECT",
        runs=runs,
        total_elapsed_us=runs * 40_000_000,
    )
    spectrum: tuple[RsSpectrumScan, ...] = ()
    if s3_bytes is not None:
        spectrum = (RsSpectrumScan("spectrum.events", queries=runs, s3_scanned_bytes=s3_bytes),)
    return RsSnapshot(workload=RsWorkload(queries=(group,), spectrum=spectrum))


def test_measured_bytes_in_a_matching_history_win(tmp_path: Path) -> None:
    lint(tmp_path, DAILY)
    # 14 runs that read 0.6 TB each (the files are compressed): measured, not the estimate.
    snap = tmp_path / "snap.json"
    snap.write_text(snapshot_text({"redshift": history(14, 14 * 600 * 10**9)}), encoding="utf-8")
    code, out, _ = run(str(tmp_path / "src"), "--select", "RS-Q26", "--snapshot", str(snap))
    assert code == 1
    assert "  cost: 14 runs in 7 days: 80.0 s/day, 1.2 TB/day scanned, $6.00/day (measured)" in (
        out.splitlines()
    )
    code, out, _ = run(
        str(tmp_path / "src"), "--select", "RS-Q26", "--snapshot", str(snap), "--format", "json"
    )
    (finding,) = json.loads(out)["findings"]
    cost = finding["impact"]
    assert cost["confidence"] == "measured" and cost["bytes_per_day"] == pytest.approx(1.2 * TB)
    # The estimate stays among the inputs, for comparison.
    assert cost["inputs"]["catalog estimate B per run"] == 1.5e12


def test_a_history_that_never_ran_it_keeps_the_estimate(tmp_path: Path) -> None:
    lint(tmp_path, "SELECT user_id FROM spectrum.events ORDER BY 1;\n")
    snap = tmp_path / "snap.json"
    snap.write_text(snapshot_text({"redshift": history(14, None)}), encoding="utf-8")
    _, out, _ = run(str(tmp_path / "src"), "--select", "RS-Q26", "--snapshot", str(snap))
    cost = next(line for line in out.splitlines() if line.startswith("  cost: "))
    assert cost.startswith("  cost: per run: about 1.5 TB scanned, $7.50 (estimated from the")
    assert "no execution of this statement in the history read" in cost


def test_estimates_rank_by_their_cost_and_min_impact_per_run(tmp_path: Path) -> None:
    cheap = "SELECT country FROM spectrum.users ORDER BY 1;\n"  # 1 of 3 columns of 30 GB
    code, out, _ = lint(tmp_path, cheap, DAILY)
    heads = [line for line in out.splitlines() if ": RS-Q26" in line]
    assert "q1.sql" in heads[0] and "q0.sql" in heads[1]  # $7.50 a run before $0.05
    src = str(tmp_path / "src")
    code, out, _ = run(src, "--select", "RS-Q26", "--min-impact", "$1/run")
    heads = [line for line in out.splitlines() if ": RS-Q26" in line]
    assert len(heads) == 1 and "q1.sql" in heads[0]
    code, out, _ = run(src, "--select", "RS-Q26", "--min-impact", "5GB/run")
    assert sum(": RS-Q26" in line for line in out.splitlines()) == 2
    # A cost per day needs a history: the estimates alone cannot meet one.
    code, _, err = run(src, "--select", "RS-Q26", "--min-impact", "$1")
    assert code == 2 and "needs a live source or a snapshot" in err and "$5/run" in err


def test_per_day_thresholds_leave_out_estimates_with_no_run() -> None:
    estimate = Impact(CATALOG_ESTIMATE, bytes_per_run=2 * TB, dollars_per_run=10.0)
    measured = Impact(
        "measured", executions=7, window_days=7.0, dollars_per_day=3.0, bytes_per_day=0.6 * TB
    )
    assert not impact.parse_threshold("$1").keeps(estimate)
    assert impact.parse_threshold("$1/day").keeps(measured)
    assert impact.parse_threshold("$10/run").keeps(estimate)
    # Measured: $3 a day over 7 runs in 7 days is $3 a run.
    assert impact.parse_threshold("$3/run").keeps(measured)
    assert not impact.parse_threshold("$3.5/run").keeps(measured)
    assert impact.parse_threshold("500GB/run").keeps(measured)
    assert impact.parse_threshold("1TB/run") == impact.Threshold("bytes", 1e12, "run")


def test_a_cost_per_day_ranks_before_an_estimate_per_run() -> None:
    def finding(cost: Impact | None) -> Finding:
        return Finding("RS-Q26", Severity.LOW, "m", Location("a.sql", 1, 1, 1, 1), impact=cost)

    ran = finding(Impact("measured", executions=3, window_days=7.0, dollars_per_day=0.01))
    big = finding(Impact(CATALOG_ESTIMATE, bytes_per_run=2 * TB, dollars_per_run=10.0))
    small = finding(Impact(CATALOG_ESTIMATE, bytes_per_run=TB, dollars_per_run=5.0))
    none = finding(None)
    ordered = sorted([none, small, big, ran], key=cost_order)
    assert ordered == [ran, big, small, none]


def test_a_create_table_as_is_not_given_the_runs_of_its_readers(tmp_path: Path) -> None:
    ctas = "CREATE TABLE mart.kinds AS SELECT DISTINCT kind FROM spectrum.events;\n"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ddl.sql").write_text(DDL, encoding="utf-8")
    (tmp_path / "src" / "ctas.sql").write_text(ctas, encoding="utf-8")
    group = RsQueryGroup("r1", "select kind from mart.kinds", "SELECT", runs=50)
    snap = tmp_path / "snap.json"
    snap.write_text(
        snapshot_text({"redshift": RsSnapshot(workload=RsWorkload(queries=(group,)))}),
        encoding="utf-8",
    )
    _, out, _ = run(str(tmp_path / "src"), "--select", "RS-Q26", "--snapshot", str(snap))
    [cost] = [line for line in out.splitlines() if line.startswith("  cost: ")]
    assert cost.startswith("  cost: per run: about 1.5 TB scanned, $7.50 (estimated from the")
    assert "only queries reading mart.kinds ran" in cost
