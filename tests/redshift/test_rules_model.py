"""Catalog and workload rules on model objects: each planted shape fires, its twin does not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model_redshift import (
    RsAlert,
    RsExternalTable,
    RsFederatedQuery,
    RsMaterializedView,
    RsQueueHour,
    RsRecommendation,
    RsSnapshot,
    RsSpectrumScan,
    RsTableStats,
    RsWorkload,
)

BIG = RsTableStats(
    schema="s",
    table="t",
    diststyle="KEY(c)",
    sortkey1="d",
    tbl_rows=10_000_000,
    estimated_visible_rows=10_000_000,
    stats_off=0.0,
    skew_rows=1.0,
    unsorted=0.0,
    vacuum_sort_benefit=0.0,
)


def ids(snapshot: RsSnapshot) -> list[str]:
    return [f.rule_id for f in analyze_redshift(snapshot, Config()).findings]


def table_ids(**changes: Any) -> list[str]:
    return ids(RsSnapshot(tables=(replace(BIG, **changes),)))


def test_clean_big_table_is_silent() -> None:
    assert table_ids() == []


def test_table_rules_and_their_thresholds() -> None:
    assert table_ids(stats_off=None) == ["RS-C01"]
    assert table_ids(stats_off=10.5) == ["RS-C02"]
    assert table_ids(stats_off=10.0) == []
    assert table_ids(vacuum_sort_benefit=10.0, unsorted=80.0) == ["RS-C03"]
    assert table_ids(vacuum_sort_benefit=5.0, unsorted=86.0) == []
    assert table_ids(estimated_visible_rows=8_000_000) == ["RS-C05"]
    assert table_ids(estimated_visible_rows=9_500_000) == []
    assert table_ids(skew_rows=4.0) == ["RS-C06"]
    assert table_ids(skew_rows=4.0, diststyle="AUTO(KEY(c))") == []
    assert "RS-C06" not in table_ids(skew_rows=4.0, tbl_rows=1000, estimated_visible_rows=1000)


def test_materialized_view_states() -> None:
    def mv_ids(**changes: Any) -> list[str]:
        mv = replace(RsMaterializedView(schema="s", name="mv"), **changes)
        return ids(RsSnapshot(materialized_views=(mv,)))

    assert mv_ids() == []
    assert mv_ids(is_stale=True) == ["RS-C21"]
    assert mv_ids(state=0) == ["RS-C22"]
    assert mv_ids(state=104) == ["RS-C23"]


def workload_ids(**parts: Any) -> list[str]:
    return ids(RsSnapshot(workload=replace(RsWorkload(), **parts)))


def test_alert_rules() -> None:
    def alert(event: str, text: str = "", rows: int = 10) -> RsAlert:
        return RsAlert(query_id=1, event=event, table="t", rows=rows, text=text or event)

    assert workload_ids(alerts=(alert("Missing query planner statistics"),)) == ["RS-W01"]
    assert workload_ids(alerts=(alert("Scanned a large number of deleted rows"),)) == ["RS-W03"]
    big = "Distributed a large number of rows across the network:2000000 rows were distributed"
    small = "Distributed a large number of rows across the network:2000 rows were distributed"
    event = "Distributed a large number of rows across the network"
    assert workload_ids(alerts=(alert(event, big),)) == ["RS-W04"]
    assert workload_ids(alerts=(alert(event, small),)) == []
    broadcast = "Broadcasted a large number of rows across the network"
    assert workload_ids(alerts=(alert(broadcast, f"{broadcast}:4000000 rows were"),)) == ["RS-W05"]
    assert workload_ids(alerts=(alert(broadcast, f"{broadcast}:40 rows were"),)) == []
    assert workload_ids(alerts=(alert("Very selective query filter"),)) == ["RS-W07"]


def test_queue_spectrum_and_federated_rules() -> None:
    busy = RsQueueHour(6, "2026-01-01T10:00:00", queries=20, queue_us=60, elapsed_us=1000)
    calm = replace(busy, queue_us=40)
    assert workload_ids(queue_hours=(busy,)) == ["RS-W14"]
    assert workload_ids(queue_hours=(calm,)) == []
    assert workload_ids(queue_hours=(replace(busy, queries=3),)) == []
    whole = RsSpectrumScan("x.t", queries=2, is_partitioned=False, s3_scanned_bytes=4 * 1024**3)
    assert workload_ids(spectrum=(whole,)) == ["RS-W20"]
    pruned = RsSpectrumScan(
        "x.p",
        queries=2,
        is_partitioned=True,
        total_partitions=100,
        qualified_partitions=4,
        s3_scanned_bytes=4 * 1024**3,
    )
    assert workload_ids(spectrum=(pruned,)) == []
    assert workload_ids(spectrum=(replace(pruned, qualified_partitions=100),)) == ["RS-W20"]
    pull = RsFederatedQuery('SELECT "a" FROM "public"."t"', runs=2, num_rows=4_000_000)
    assert workload_ids(federated=(pull,)) == ["RS-W23"]
    filtered = replace(pull, query_text='SELECT "a" FROM "public"."t" WHERE ("a" > 1)')
    assert workload_ids(federated=(filtered,)) == []


def test_sortkey_encoding_and_varchar_width() -> None:
    assert table_ids(sortkey1_enc="az64") == ["RS-C12"]
    assert table_ids(sortkey1_enc="none") == []
    assert table_ids(sortkey1_enc="az64", sortkey1="AUTO(SORTKEY(d))") == []
    assert table_ids(max_varchar=65535) == ["RS-C14"]
    assert table_ids(max_varchar=1000) == []


def test_recommendations_and_external_tables() -> None:
    rec = RsRecommendation("diststyle", 7, 1, "ALTER TABLE s.t ALTER DISTSTYLE EVEN", False, "s.t")
    assert ids(RsSnapshot(recommendations=(rec,))) == ["RS-C17"]
    assert ids(RsSnapshot(recommendations=(replace(rec, auto_eligible=True),))) == []
    text = RsExternalTable(
        "x", "t", input_format="org.apache.hadoop.mapred.TextInputFormat", parameters="{}"
    )
    parquet = RsExternalTable(
        "x",
        "p",
        input_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        parameters='{"numRows":"10"}',
    )
    assert sorted(ids(RsSnapshot(external_tables=(text,)))) == ["RS-C24", "RS-C25"]
    assert ids(RsSnapshot(external_tables=(parquet,))) == []
