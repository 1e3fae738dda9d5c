"""Bytes an Athena or Spectrum query scans, estimated from the external table's DDL, and what
the history adds to that estimate."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlglot import exp

from advisor import impact
from advisor.config import Config, load_config
from advisor.config_schema import ConfigError
from advisor.engine import Engine
from advisor.impact_text import describe, short
from advisor.model import CATALOG_ESTIMATE, Report, TableInfo
from advisor.model_redshift import RsSnapshot, RsWorkload
from advisor.redshift_data.history import RsQueryGroup
from advisor.sql.athena import parse_one
from advisor.sql.catalog import table_info
from advisor.sql.scan import estimate, table_size

TB = 10**12

ATHENA_DDL = """\
CREATE EXTERNAL TABLE logs.cloudfront (uri STRING, status INT, bytes BIGINT, referrer STRING)
PARTITIONED BY (dt STRING)
STORED AS PARQUET
LOCATION 's3://bucket/cf/'
TBLPROPERTIES ('totalSize'='8000000000000', 'numRows'='40000000000');
"""


def info_of(ddl: str) -> TableInfo:
    tree = parse_one(ddl.rstrip().rstrip(";"))
    assert isinstance(tree, exp.Create)
    info = table_info(tree)
    assert info is not None
    return info


def test_columnar_reads_the_named_columns_of_every_partition() -> None:
    info = info_of(ATHENA_DDL)
    assert info.storage_format == "PARQUET" and info.table_property("TOTALSIZE") == "8000000000000"
    scan = estimate(info, 1, all_partitions=True)
    assert scan is not None and scan.share == 0.25
    assert scan.bytes_per_run == pytest.approx(2 * TB)
    assert "8000000000000 B (totalSize) x 1/4 columns (PARQUET, columnar)" in scan.formula()
    # With a partition predicate the share is the partitions' and the DDL cannot tell it.
    selected = estimate(info, 1, all_partitions=False)
    assert selected is not None and selected.bytes_per_run is None


def test_text_is_read_whole_and_sizes_come_from_the_best_property() -> None:
    text = info_of(
        "CREATE EXTERNAL TABLE lake.raw (a INT, b VARCHAR(100)) ROW FORMAT DELIMITED "
        "FIELDS TERMINATED BY ',' LOCATION 's3://b/raw/' "
        "TBLPROPERTIES ('rawDataSize'='900', 'sizeKey'='500')"
    )
    scan = estimate(text, 1, all_partitions=True)
    assert scan is not None and scan.share == 1.0 and scan.bytes_per_run == 500
    assert table_size(text) == (500, "sizeKey")
    rows = info_of(
        "CREATE EXTERNAL TABLE lake.raw (a INT, b VARCHAR(100)) STORED AS TEXTFILE "
        "LOCATION 's3://b/raw/' TBLPROPERTIES ('numRows'='1000')"
    )
    size, source = table_size(rows)
    assert size == 1000 * (4 + 50) and "rough" in source
    crawled = info_of(
        "CREATE EXTERNAL TABLE lake.raw (a INT) LOCATION 's3://b/raw/' "
        "TBLPROPERTIES ('classification'='csv', 'recordCount'='10', 'averageRecordSize'='7')"
    )
    assert crawled.storage_format == "CSV"
    assert table_size(crawled) == (70, "recordCount x averageRecordSize")
    unknown = info_of("CREATE EXTERNAL TABLE lake.raw (a INT) LOCATION 's3://b/raw/'")
    assert estimate(unknown, None, all_partitions=True) is None  # no format declared


def lint(tmp_path: Path, sql: str, config: Config | None = None) -> Report:
    (tmp_path / "ddl.sql").write_text(ATHENA_DDL, encoding="utf-8")
    (tmp_path / "report.sql").write_text(sql, encoding="utf-8")
    cfg = config or Config(dialect="athena", select=("RS-Q25",))
    return Engine(cfg, lint=True).lint_paths([tmp_path])


QUERY = "SELECT uri, COUNT(*) FROM logs.cloudfront WHERE status = 500 GROUP BY uri;\n"


def test_a_finding_gets_its_cost_per_run_from_the_catalog(tmp_path: Path) -> None:
    report = impact.catalog_estimates(lint(tmp_path, QUERY))
    (finding,) = report.findings
    cost = finding.impact
    assert cost is not None and cost.confidence == CATALOG_ESTIMATE
    # 2 of 4 columns (uri, status) of 8 TB, every partition, at $5 per TB.
    assert cost.bytes_per_run == pytest.approx(4 * TB)
    assert cost.dollars_per_run == pytest.approx(20.0)
    assert cost.system == "athena" and "$5/TB" in cost.formula
    assert describe(cost) == "per run: about 4.0 TB scanned, $20.00 (estimated from the catalog)"
    assert short(cost) == "$20.00/run · 4.0 TB/run"
    assert "about 4.0 TB per run" in finding.message
    cheap = impact.catalog_estimates(lint(tmp_path, QUERY), impact.Prices(spectrum_usd_per_tb=1))
    assert cheap.findings[0].impact and cheap.findings[0].impact.dollars_per_run == 4.0


def history(text: str, runs: int) -> RsSnapshot:
    group = RsQueryGroup("cf1", text, "SELECT", runs=runs, total_elapsed_us=runs * 1_000_000)
    return RsSnapshot(workload=RsWorkload(queries=(group,)))


def test_runs_in_the_history_make_it_a_cost_per_day(tmp_path: Path) -> None:
    text = "select uri, count(*) from logs.cloudfront where status = 404 group by uri"
    report = impact.join(lint(tmp_path, QUERY), [history(text, 14)], dialect="athena")
    cost = report.findings[0].impact
    assert cost is not None and cost.confidence == CATALOG_ESTIMATE and cost.executions == 14
    assert cost.bytes_per_day == pytest.approx(14 * 4 * TB / 7)
    assert cost.dollars_per_day == pytest.approx(14 * 4 * 5 / 7)
    assert "14 runs x" in cost.formula
    assert describe(cost).startswith("14 runs in 7 days:")


def test_no_execution_keeps_the_estimate_and_says_so(tmp_path: Path) -> None:
    report = impact.join(lint(tmp_path, QUERY), [history("select 1", 3)], dialect="athena")
    cost = report.findings[0].impact
    assert cost is not None and cost.confidence == CATALOG_ESTIMATE
    assert cost.bytes_per_run == pytest.approx(4 * TB) and "no execution" in cost.note
    assert "no execution" in describe(cost)


def test_the_scan_price_is_a_checked_config_key(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text("[impact]\nscan-usd-per-tb = 6.25\n")
    config = load_config(start=tmp_path)
    assert config.prices == {"scan_usd_per_tb": 6.25}
    from advisor.cli_impact import prices_of

    assert prices_of(config).spectrum_usd_per_tb == 6.25
    for bad, says in (
        ("[impact]\nscan-usd-per-tv = 6\n", "did you mean 'scan-usd-per-tb'"),
        ("[impact]\nscan-usd-per-tb = -1\n", "expected a number > 0"),
        ('[impact]\nscan-usd-per-tb = "5"\n', "expected a number > 0"),
    ):
        (tmp_path / "advisor.toml").write_text(bad)
        with pytest.raises(ConfigError, match=says):
            load_config(start=tmp_path)


def test_rs_q01_leaves_text_tables_to_rs_q31(tmp_path: Path) -> None:
    (tmp_path / "ddl.sql").write_text(
        "CREATE EXTERNAL TABLE s.raw (a INT, b INT) STORED AS TEXTFILE LOCATION 's3://b/r/';\n"
        "CREATE EXTERNAL TABLE s.pq (a INT, b INT) STORED AS PARQUET LOCATION 's3://b/p/';\n",
        encoding="utf-8",
    )
    (tmp_path / "q.sql").write_text("SELECT * FROM s.raw;\nSELECT * FROM s.pq;\n")
    report = Engine(Config(select=("RS-Q01", "RS-Q31")), lint=True).lint_paths([tmp_path])
    found = sorted((f.rule_id, f.object) for f in report.findings)
    assert found == [("RS-Q01", "s.pq"), ("RS-Q31", "s.raw")]
