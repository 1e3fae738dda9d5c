"""Static findings joined to a live history: which executions, what they cost, in what order."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from advisor import impact
from advisor.config import Config
from advisor.engine import Engine
from advisor.impact_text import describe, top_by_cost
from advisor.model import Impact, Report
from advisor.model_opensearch import OsInsights, OsSnapshot, OsTopQuery
from advisor.model_postgres import PgSnapshot, PgStatement, PgWorkload
from advisor.model_redshift import RsSnapshot, RsWorkload
from advisor.redshift_data.history import RsQueryGroup, RsSpectrumScan
from advisor.report import render
from advisor.report.json_report import SCHEMA_PATH, from_data

GB = 10**9

DDL = """\
CREATE EXTERNAL TABLE spectrum.clicks_raw (
    event_day DATE,
    user_id BIGINT,
    url VARCHAR(256)
)
STORED AS TEXTFILE
LOCATION 's3://bucket/clicks/';
"""
REPORT = """\
-- one day of clicks
SELECT *
FROM spectrum.clicks_raw
WHERE event_day = :day;

SELECT * FROM sales.orders WHERE order_id = 7;
"""


def clicks_history(runs: int = 6, text: str | None = None) -> RsSnapshot:
    query = text or "select * from spectrum.clicks_raw where event_day = '2024-06-01'"
    return RsSnapshot(
        workload=RsWorkload(
            queries=(
                RsQueryGroup(
                    "ab12",
                    query,
                    "SELECT",
                    runs=runs,
                    total_elapsed_us=runs * 45_000_000,
                    total_queue_us=runs * 200_000,
                ),
            ),
            spectrum=(
                RsSpectrumScan(
                    "spectrum.clicks_raw", queries=runs, s3_scanned_bytes=runs * 64 * GB
                ),
            ),
        )
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "ddl").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "ddl" / "spectrum.sql").write_text(DDL, encoding="utf-8")
    (tmp_path / "reports" / "clicks.sql").write_text(REPORT, encoding="utf-8")
    return tmp_path


def lint(tree: Path) -> Report:
    return Engine(Config(), lint=True).lint_paths([tree])


def by_rule(report: Report, rule: str, path_end: str) -> list[Impact]:
    return [
        f.impact
        for f in report.findings
        if f.rule_id == rule and f.location and f.location.path.endswith(path_end) and f.impact
    ]


def test_a_select_star_on_an_external_text_table_gets_its_bytes_and_dollars(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    (cost,) = by_rule(report, "RS-Q01", "clicks.sql")[:1]
    assert cost.confidence == "measured"
    assert cost.executions == 6 and cost.window_days == 7
    assert cost.bytes_per_day == pytest.approx(6 * 64 * GB / 7)
    assert cost.dollars_per_day == pytest.approx(6 * 64 * GB / 7 / 1e12 * 5.0)
    assert cost.seconds_per_day == pytest.approx(6 * 45 / 7)
    assert cost.queue_seconds_per_day == pytest.approx(6 * 0.2 / 7)
    assert "query hash ab12" in cost.matched
    assert "Spectrum $/day" in cost.formula and "$5/TB" in cost.formula
    assert dict(cost.inputs)["executions"] == 6
    line = describe(cost)
    assert line.startswith("6 runs in 7 days:") and "GB/day scanned" in line and "$0.27/day" in line


def test_statements_without_history_say_so(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    orders = [
        f for f in report.findings if f.rule_id == "RS-Q01" and f.location and f.location.line == 6
    ]
    assert orders and orders[0].impact is not None
    assert orders[0].impact.confidence == "unknown"
    assert "no execution" in describe(orders[0].impact)


def test_a_ddl_finding_is_costed_by_the_queries_that_read_its_table(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    costs = by_rule(report, "RS-D22", "spectrum.sql")
    assert costs and costs[0].confidence == "estimated"
    assert costs[0].table == "spectrum.clicks_raw"
    assert describe(costs[0]).startswith("queries reading spectrum.clicks_raw: 6 runs")


def test_the_report_is_ordered_by_cost_and_min_impact_filters(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    ordered = report.sorted()
    known = [f for f in ordered if f.impact and f.impact.known]
    assert ordered[: len(known)] == known  # costed findings first
    assert known[0].impact and known[0].impact.dollars_per_day
    kept = impact.filter_report(report, impact.parse_threshold("$0.10"))
    assert kept.findings and all(f.impact and f.impact.known for f in kept.findings)
    assert not impact.filter_report(kept, impact.parse_threshold("$100")).findings


def test_more_runs_cost_more_and_rank_first(tree: Path) -> None:
    small = impact.join(lint(tree), [clicks_history(runs=2)])
    large = impact.join(lint(tree), [clicks_history(runs=60)])
    a = by_rule(small, "RS-Q01", "clicks.sql")[0]
    b = by_rule(large, "RS-Q01", "clicks.sql")[0]
    assert b.rank > a.rank


def test_a_cluster_price_adds_the_statements_share_of_wall_time(tree: Path) -> None:
    prices = impact.Prices(cluster_usd_per_hour=3.26)
    report = impact.join(lint(tree), [clicks_history()], prices=prices)
    cost = by_rule(report, "RS-Q01", "clicks.sql")[0]
    spectrum = 6 * 64 * GB / 7 / 1e12 * 5.0
    cluster = 6 * 45 / 7 / 3600 * 3.26
    assert cost.dollars_per_day == pytest.approx(spectrum + cluster)
    assert cost.confidence == "estimated"


def test_a_truncated_history_text_matches_by_its_start(tmp_path: Path) -> None:
    columns = ", ".join(f"c{i}" for i in range(900))
    sql = f"SELECT {columns}, * FROM spectrum.clicks_raw WHERE event_day = :day;\n"
    (tmp_path / "wide.sql").write_text(DDL + "\n" + sql, encoding="utf-8")
    cut = sql.replace(":day", "'2024-06-01'")[:4000]
    report = impact.join(lint(tmp_path), [clicks_history(text=cut)])
    costs = [f.impact for f in report.findings if f.rule_id == "RS-Q01" and f.impact]
    assert costs and costs[0].confidence == "measured"


def test_postgres_statements_match_pg_stat_statements(tmp_path: Path) -> None:
    (tmp_path / "q.sql").write_text("SELECT * FROM shop.orders WHERE customer_id = 42;\n")
    snap = PgSnapshot(
        workload=PgWorkload(
            statements=(
                PgStatement(
                    queryid=77,
                    query="SELECT * FROM shop.orders WHERE customer_id = $1",
                    calls=7000,
                    total_exec_time=70_000.0,
                    mean_exec_time=10.0,
                    rows=7000,
                ),
            )
        )
    )
    config = Config(dialect="postgres")
    report = Engine(config, lint=True).lint_paths([tmp_path])
    report = impact.join(report, [snap], dialect="postgres")
    costs = [f.impact for f in report.findings if f.impact and f.impact.known]
    assert costs, [f.rule_id for f in report.findings]
    assert costs[0].executions == 7000 and costs[0].seconds_per_day == pytest.approx(10.0)
    assert "queryid 77" in costs[0].matched


def test_request_findings_match_query_insights_by_shape(tmp_path: Path) -> None:
    body = {"query": {"query_string": {"query": "error*"}}, "size": 10000}
    (tmp_path / "search.json").write_text(json.dumps(body), encoding="utf-8")
    seen = {"query": {"query_string": {"query": "warn*"}}, "size": 20}
    snap = OsSnapshot(
        insights=OsInsights(
            available=True,
            top_queries=(OsTopQuery(id="q1", source=json.dumps(seen), latency_ms=250.0, count=4),),
        )
    )
    report = Engine(Config(), lint=True).lint_paths([tmp_path])
    assert report.findings
    report = impact.join(report, [snap])
    costs = [f.impact for f in report.findings if f.impact and f.impact.known]
    assert costs and costs[0].system == "opensearch" and costs[0].confidence == "estimated"
    assert costs[0].executions == 4


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        ("$5", "dollars", 5.0),
        ("2.5usd", "dollars", 2.5),
        ("90s", "seconds", 90.0),
        ("10m", "seconds", 600.0),
        ("1h/day", "seconds", 3600.0),
        ("500MB", "bytes", 5e8),
        ("1TB", "bytes", 1e12),
    ],
)
def test_min_impact_thresholds(text: str, measure: str, value: float) -> None:
    assert impact.parse_threshold(text) == impact.Threshold(measure, value)


@pytest.mark.parametrize("text", ["5", "$5s", "lots", "-3s", ""])
def test_min_impact_without_a_unit_is_an_error(text: str) -> None:
    with pytest.raises(ValueError, match=r"cost per day|no unit"):
        impact.parse_threshold(text)


def test_impact_survives_the_json_report_and_validates(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    data = json.loads(render(report, "json"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    first = data["findings"][0]
    assert first["impact"]["confidence"] in ("measured", "estimated")
    again = from_data(data)
    assert again.order == "impact"
    assert [f.impact for f in again.findings] == [f.impact for f in report.sorted()]


def test_markdown_and_html_lead_with_the_top_findings_by_cost(tree: Path) -> None:
    report = impact.join(lint(tree), [clicks_history()])
    top = top_by_cost(report)
    assert top and all(f.impact and f.impact.known for f in top)
    markdown = render(report, "markdown")
    assert f"### Top {len(top)} by cost" in markdown
    assert markdown.index("by cost") < markdown.index("<details>")
    html = render(report, "html")
    assert f"Top {len(top)} by cost" in html and "Cost</b>:" in html
    sarif = json.loads(render(report, "sarif"))
    props = [r["properties"].get("impact") for r in sarif["runs"][0]["results"]]
    assert any(p and p["confidence"] == "measured" for p in props)


def test_no_history_no_impact_and_no_reordering(tree: Path) -> None:
    report = lint(tree)
    assert all(f.impact is None for f in report.findings)
    assert report.order == "location"
    assert "cost" not in render(report, "text")
