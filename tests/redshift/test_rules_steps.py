"""Rules on slowest segments, INSERT keys, QMR history and cluster usage, on model objects.

RS-W09, W10, W11 (svl_query_summary), W24 (stl_insert with stl_scan), W25
(svl_query_metrics_summary), W26, W27 (sys_query_history), W29 (datashare consumer): each
planted shape fires and its twin does not; the twins of the cluster-wide W26 and W27 live here
only, since the emulated cluster has one state.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import (
    RsBurstHour,
    RsBusyDay,
    RsDatashareConsumer,
    RsInsertSource,
    RsMetricPercentiles,
    RsQmrRule,
    RsQueryGroup,
    RsQueryStep,
    RsSlowSegment,
    RsSnapshot,
    RsTableStats,
    RsWorkload,
)
from rules.redshift.workload.qmr_thresholds import candidate

EVENTS = RsTableStats(schema="s", table="events", diststyle="KEY(user_id)", sortkey1="event_time")


def run(
    tables: tuple[RsTableStats, ...] = (),
    options: dict[str, dict[str, Any]] | None = None,
    qmr: tuple[RsQmrRule, ...] = (),
    **parts: Any,
) -> list[Finding]:
    snapshot = RsSnapshot(tables=tables, qmr_rules=qmr, workload=replace(RsWorkload(), **parts))
    found = analyze_redshift(snapshot, Config(rule_options=options or {})).findings
    return [f for f in found if f.rule_id.startswith("RS-W")]


def ids(found: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule_id, f.object) for f in found]


def segment(*steps: RsQueryStep, return_rows: int | None = 5000, **more: Any) -> RsSlowSegment:
    return RsSlowSegment(
        query_id=6003,
        segment=1,
        max_time_us=14_000_000,
        return_rows=return_rows,
        steps=steps,
        **more,
    )


def test_step_label_gives_operator_and_table() -> None:
    step = RsQueryStep(1, 0, "scan   tbl=100448 name=events_unsorted", 10, 10)
    assert (step.operator, step.table) == ("scan", "events_unsorted")
    assert RsQueryStep(1, 1, "hjoin  tbl=142").table is None
    assert RsQueryStep(1, 2, "").operator == ""


def test_expensive_hash_join() -> None:
    join = RsQueryStep(1, 1, "hjoin tbl=142", rows=60_000_000)
    found = run(slow_segments=(segment(join),))
    assert ids(found) == [("RS-W09", "query 6003")]
    assert "60,000,000 rows for the 5,000" in found[0].message
    assert found[0].fix is not None and "unique key" in found[0].fix.title
    # The twin: the join makes twice the rows returned.
    assert run(slow_segments=(segment(replace(join, rows=2_000_000), return_rows=1_000_000),)) == []
    # Under min_rows, or no return step (an INSERT ... SELECT), or no join in the segment.
    assert run(slow_segments=(segment(replace(join, rows=900_000), return_rows=10),)) == []
    assert run(slow_segments=(segment(join, return_rows=None),)) == []
    assert run(slow_segments=(segment(RsQueryStep(1, 0, "hash tbl=142", 60_000_000)),)) == []
    # ">>" is the option row_ratio: at 10 the twin's 2x still stays silent, at 2 it fires.
    twin = segment(replace(join, rows=2_000_000), return_rows=1_000_000)
    assert run(slow_segments=(twin,), options={"RS-W09": {"row_ratio": 10}}) == []
    assert ids(run(slow_segments=(twin,), options={"RS-W09": {"row_ratio": 2}})) == [
        ("RS-W09", "query 6003")
    ]


def test_scan_dominates_names_the_leading_sort_key() -> None:
    scan = RsQueryStep(0, 0, "scan tbl=100448 name=events", rows=40_000_000, bytes=2_560_000_000)
    small = RsQueryStep(0, 1, "scan tbl=100449 name=regions", rows=500, bytes=32_000)
    slow = segment(small, scan, return_rows=200)
    found = run((EVENTS,), slow_segments=(slow,))
    assert ids(found) == [("RS-W10", "query 6003")]
    assert "scan of events" in found[0].message and "200,000 times" in found[0].message
    assert found[0].fix is not None
    assert "on s.events.event_time (its leading sort key)" in found[0].fix.title
    auto = replace(EVENTS, sortkey1="AUTO(SORTKEY(event_day))")
    fix = run((auto,), slow_segments=(slow,))[0].fix
    assert fix is not None and "s.events.event_day" in fix.title
    unsorted = replace(EVENTS, sortkey1="")
    fix = run((unsorted,), slow_segments=(slow,))[0].fix
    assert fix is not None and "s.events has no leading sort key" in fix.title
    fix = run(slow_segments=(slow,))[0].fix
    assert fix is not None and "leading sort key of events" in fix.title
    # The twin returns one row in twenty; a scan under min_rows is left alone.
    assert run((EVENTS,), slow_segments=(segment(scan, return_rows=2_000_000),)) == []
    assert (
        run((EVENTS,), slow_segments=(segment(replace(scan, rows=900_000), return_rows=1),)) == []
    )


def test_wide_select_list() -> None:
    wide = segment(
        RsQueryStep(0, 0, "scan tbl=100530 name=pages", 2_000_000, 8_000_000_000),
        widest_label="scan tbl=100530 name=pages",
        widest_width=4000.0,
        widest_bytes=8_000_000_000,
        median_width=64.0,
        width_steps=5,
    )
    pages = RsTableStats(schema="s", table="pages")
    found = run((pages,), slow_segments=(wide,))
    assert ids(found) == [("RS-W11", "query 6003")]
    assert "4,000 bytes a row, 62 times the median of its 5 steps (64 bytes)" in found[0].message
    assert found[0].fix is not None and found[0].fix.title.endswith("from s.pages; drop the rest")
    # The twin reads 100 bytes a row; too few steps to compare, or too few bytes, stay silent.
    assert run(slow_segments=(replace(wide, widest_width=100.0),)) == []
    assert run(slow_segments=(replace(wide, width_steps=2),)) == []
    assert run(slow_segments=(replace(wide, widest_bytes=50_000_000),)) == []
    assert run(slow_segments=(replace(wide, median_width=None),)) == []


def test_insert_between_different_distkeys() -> None:
    pair = RsInsertSource(
        1, 2, "s.target", "KEY(user_id)", "s.staging", "ALL", queries=3, rows=90_000
    )
    found = run(insert_sources=(pair,))
    assert ids(found) == [("RS-W24", "s.target")]
    assert "(DISTKEY user_id) from s.staging (DISTSTYLE ALL, no DISTKEY)" in found[0].message
    assert found[0].fix is not None
    assert found[0].fix.content == "ALTER TABLE s.staging ALTER DISTSTYLE KEY DISTKEY user_id;"
    other = replace(pair, source_diststyle="AUTO(KEY(session_id))")
    fix = run(insert_sources=(other,))[0].fix
    assert fix is not None and "DISTKEY user_id" in fix.content
    even = replace(pair, target_diststyle="EVEN", source_diststyle="KEY(user_id)")
    fix = run(insert_sources=(even,))[0].fix
    assert fix is not None
    assert fix.content == "ALTER TABLE s.target ALTER DISTSTYLE KEY DISTKEY user_id;"
    # Aligned keys, two keyless tables, and tables the catalog could not name stay silent.
    assert run(insert_sources=(replace(pair, source_diststyle="KEY(user_id)"),)) == []
    assert run(insert_sources=(replace(pair, target_diststyle="EVEN"),)) == []
    assert run(insert_sources=(replace(pair, target=None, source=None),)) == []


@pytest.mark.parametrize(
    ("p99", "expected"),
    [(10, 20), (44, 50), (99, 100), (100, 200), (4567, 5000), (12.5, 20), (999_999, 1_000_000)],
)
def test_qmr_candidate_is_the_next_round_number_above_p99(p99: float, expected: int) -> None:
    assert candidate(p99) == expected


def test_qmr_thresholds_from_history() -> None:
    spiky = RsMetricPercentiles(6, "query_execution_time", 202, p50=25.0, p99=44.0, max=5400.0)
    found = run(metric_percentiles=(spiky,))
    assert ids(found) == [("RS-W25", "service_class 6 query_execution_time")]
    assert "query_execution_time > 50 s" in found[0].message
    assert found[0].fix is not None and '"value": 50' in found[0].fix.content
    assert '"action": "log"' in found[0].fix.content
    # The twin: a flat queue (max close to p99), small values, a candidate above the maximum.
    assert run(metric_percentiles=(replace(spiky, max=44.0),)) == []
    assert run(metric_percentiles=(replace(spiky, p50=2.0, p99=8.0),)) == []
    assert run(metric_percentiles=(replace(spiky, max=50.0, p50=1.0),)) == []
    # A queue that already has a rule on the metric gets no proposal for it.
    rule = RsQmrRule(6, "long", "abort", "query_execution_time", ">", 600)
    assert run(metric_percentiles=(spiky,), qmr=(rule,)) == []


def test_qmr_thresholds_rank_per_queue_and_cut() -> None:
    metrics = tuple(
        RsMetricPercentiles(6, f"m{n}", 100, p50=1.0, p99=44.0, max=100.0 * (n + 1))
        for n in range(5)
    )
    found = run(metric_percentiles=metrics)
    assert [f.object for f in found] == [
        "service_class 6 m4",
        "service_class 6 m3",
        "service_class 6 m2",
    ]


def test_concurrency_scaling_cost() -> None:
    busy = RsBurstHour("2026-01-01T10:00:00", queries=150, burst_queries=120, burst_us=720_000_000)
    calm = RsBurstHour("2026-01-01T11:00:00", queries=90, burst_queries=10, burst_us=300_000_000)
    found = run(burst_hours=(busy, calm))
    assert ids(found) == [("RS-W26", "concurrency scaling")]
    assert "720 s of queries in the hour 2026-01-01T10:00:00" in found[0].message
    assert found[0].fix is not None
    assert "--feature-type concurrency-scaling" in found[0].fix.content
    assert "--amount 17 --period daily --breach-action log" in found[0].fix.content
    # The twin: bursts of at most 600 s an hour.
    assert run(burst_hours=(calm, replace(busy, burst_us=600_000_000))) == []


def test_idle_cluster_and_its_busy_twin() -> None:
    empty = RsBusyDay("2026-01-01T10:00", 0)
    quiet = (empty, RsBusyDay("2026-01-02T10:00", 300), RsBusyDay("2026-01-03T10:00", 420))
    found = run(busy_days=quiet)
    assert ids(found) == [("RS-W27", "cluster")]
    assert "25% of the minutes of the last 2 days (720 of 2,880)" in found[0].message
    busy = (RsBusyDay("2026-01-02T10:00", 1300), RsBusyDay("2026-01-03T10:00", 1200))
    assert run(busy_days=busy) == []
    assert run(busy_days=(empty, empty)) == []
    serverless = RsQueryGroup("h", "SELECT 1", "SELECT", runs=1, service_class=-1)
    assert run(busy_days=quiet, queries=(serverless,)) == []


def test_slow_datashare_consumer() -> None:
    slow = RsDatashareConsumer("sales_consumer", transactions=4, requests=12, avg_seconds=95.0)
    found = run(datashare_consumers=(slow, replace(slow, database="mkt", avg_seconds=12.0)))
    assert ids(found) == [("RS-W29", "sales_consumer")]
    assert "took 95 s on average" in found[0].message
    assert run(datashare_consumers=(replace(slow, avg_seconds=60.0),)) == []
