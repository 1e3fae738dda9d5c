"""Workload rules RS-W02 and later on model objects: each planted shape fires, its twin does not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding, RsAlert, RsSnapshot, RsTableStats, RsWorkload

TABLE = RsTableStats(
    schema="s",
    table="t",
    diststyle="KEY(c)",
    sortkey1="d",
    tbl_rows=1000,
    estimated_visible_rows=1000,
    stats_off=0.0,
    skew_rows=1.0,
    unsorted=0.0,
    vacuum_sort_benefit=0.0,
)


def run(tables: tuple[RsTableStats, ...] = (), **parts: Any) -> list[Finding]:
    """The workload findings (catalog rules judge the tables on their own)."""
    snapshot = RsSnapshot(tables=tables, workload=replace(RsWorkload(), **parts))
    found = analyze_redshift(snapshot, Config()).findings
    return [f for f in found if f.rule_id.startswith("RS-W")]


def alert(event: str, table: str | None = "t") -> RsAlert:
    return RsAlert(query_id=7, event=event, table=table, occurrences=3, rows=10, text=event)


def test_nested_loop_alert() -> None:
    found = run(alerts=(alert("Nested Loop Join in the query plan"),))
    assert [(f.rule_id, f.object) for f in found] == [("RS-W02", "t")]
    assert "query 7" in found[0].message
    assert run(alerts=(alert("Hash join spilled"),)) == []


def test_serial_all_inner_alert_gives_ddl_only_for_an_all_table() -> None:
    event = "DS_DIST_ALL_INNER for Hash Join in the query plan"
    everywhere = replace(TABLE, diststyle="ALL")
    found = run((everywhere,), alerts=(alert(event),))
    assert [f.rule_id for f in found] == ["RS-W06"]
    assert found[0].fix is not None
    assert found[0].fix.content == "ALTER TABLE s.t ALTER DISTSTYLE EVEN;"
    keyed = run((TABLE,), alerts=(alert(event),))
    assert [f.rule_id for f in keyed] == ["RS-W06"]
    assert keyed[0].fix is not None and keyed[0].fix.content == ""
    assert run((everywhere,), alerts=(alert("DS_DIST_NONE"),)) == []


def test_selective_filter_vacuums_only_an_unsorted_table() -> None:
    event = "Very selective query filter"
    unsorted = run((replace(TABLE, unsorted=62.5),), alerts=(alert(event),))
    assert [f.rule_id for f in unsorted] == ["RS-W07"]
    assert unsorted[0].fix is not None
    assert unsorted[0].fix.content == "VACUUM SORT ONLY s.t TO 99 PERCENT;"
    sorted_ = run((TABLE,), alerts=(alert(event),))
    assert [f.rule_id for f in sorted_] == ["RS-W07"]
    assert sorted_[0].fix is not None and sorted_[0].fix.content == ""
    assert "VACUUM" not in sorted_[0].fix.title.replace("no VACUUM", "")
    unknown = run(alerts=(alert(event, table=None),))
    assert [f.rule_id for f in unknown] == ["RS-W07"]
