"""Snapshots and live findings built from the model, with planted numbers, for the views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Location,
    Report,
    RuleMeta,
    Severity,
    TargetKind,
)
from advisor.model_opensearch import OsIndex, OsShard, OsSnapshot
from advisor.model_postgres import (
    PgPlan,
    PgSnapshot,
    PgStatement,
    PgTable,
    PgTableStats,
    PgWorkload,
    PlanNode,
)
from advisor.model_redshift import RsQueryGroup, RsSnapshot, RsTableStats, RsWorkload
from advisor.tui.live_sources import LiveSource, Outcome, Snapshots

PLAN_META = RuleMeta(
    "XX-P01", "spill", "postgres.plan", TargetKind.PLAN, Severity.MEDIUM, "A node spilled"
)
RS_PLAN_META = RuleMeta(
    "XX-P02", "broadcast", "redshift.plan", TargetKind.PLAN, Severity.HIGH, "Broadcast"
)
TABLE_META = RuleMeta(
    "XX-T01", "dead-rows", "postgres.catalog", TargetKind.TABLE, Severity.HIGH, "Dead rows"
)

STATEMENT = "SELECT * FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id"
SPILLING_SORT = PlanNode("Sort", plan_rows=5000, total_cost=900.0, sort_method="external merge")
PLAN = PgPlan(
    STATEMENT,
    PlanNode(
        "Hash Join",
        plan_rows=5000,
        total_cost=1200.0,
        children=(
            PlanNode("Seq Scan", relation="orders", plan_rows=5000, total_cost=300.0),
            PlanNode(
                "Hash",
                total_cost=80.0,
                children=(SPILLING_SORT, PlanNode("Seq Scan", relation="customers")),
            ),
        ),
    ),
    analyzed=True,
    path="queries/report.sql",
    line=4,
)

RS_PLAN_TEXT = """\
explain select * from category, event where category.catid=event.catid;

                               QUERY PLAN
-------------------------------------------------------------------------
 XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)
   Hash Cond: ("outer".catid = "inner".catid)
   ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)
   ->  XN Hash  (cost=0.11..0.11 rows=11 width=49)
         ->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)
"""


def _pg_table(name: str, live: int, dead: int, changed: int, size: int) -> PgTable:
    stats = PgTableStats(n_live_tup=live, n_dead_tup=dead, n_mod_since_analyze=changed)
    return PgTable("shop", name, total_bytes=size, stats=stats)


def snapshots() -> Snapshots:
    pg = PgSnapshot(
        tables=(
            _pg_table("orders", 900, 100, 90, 8 << 20),  # 10 % dead, 10 % changed
            _pg_table("customers", 500, 500, 1000, 1 << 20),  # 50 % dead, 200 % changed
        ),
        workload=PgWorkload(
            (
                PgStatement(1, "SELECT slow", 10, 9000.0, 900.0, 10),
                PgStatement(2, "SELECT fast", 100, 1000.0, 10.0, 100),
            )
        ),
        plans=(PLAN,),
    )
    rs = RsSnapshot(
        tables=(
            RsTableStats("sales", "events", unsorted=80.0, stats_off=5.0, skew_rows=4.0),
            RsTableStats("sales", "users", unsorted=10.0, stats_off=40.0, skew_rows=1.5),
        ),
        workload=RsWorkload(
            (RsQueryGroup("h1", "SELECT heavy", runs=3, total_elapsed_us=6_000_000),)
        ),
    )
    os_snap = OsSnapshot(
        indices=(OsIndex("logs", primaries=2, store_bytes=3 << 30, pri_store_bytes=2 << 30),),
        shards=(
            OsShard("logs", 0, True, "STARTED", store_bytes=2 << 30),
            OsShard("logs", 1, True, "STARTED", store_bytes=1 << 30),
        ),
    )
    return Snapshots(pg, os_snap, rs)


def live_report() -> Report:
    spill = Finding(
        "XX-P01",
        Severity.MEDIUM,
        "Sort spilled to disk",
        PLAN.location,
        object="Sort",
        evidence=Evidence.of(node="Sort", sort_method="external merge"),
        fix=Fix("More work_mem", FixSafety.ADVISORY, FixKind.SQL, "SET work_mem = '64MB';"),
        anchor=STATEMENT,
        source="live",
    )
    dead = Finding(
        "XX-T01",
        Severity.HIGH,
        "half of shop.customers is dead rows",
        None,
        object="shop.customers",
        source="live",
    )
    rules = {m.id: m for m in (PLAN_META, TABLE_META)}
    return Report(findings=[spill, dead], rules=rules)


def rs_plan_finding(root: Path) -> Report:
    """A Redshift plan finding on the hash join (line 5) of an EXPLAIN file under `root`."""
    (root / "plans").mkdir(exist_ok=True)
    (root / "plans" / "broadcast.txt").write_text(RS_PLAN_TEXT, encoding="utf-8")
    finding = Finding(
        "XX-P02",
        Severity.HIGH,
        "Hash Join broadcasts category",
        Location("plans/broadcast.txt", 5, 1, 5, 1),
        object="category",
    )
    return Report(findings=[finding], rules={"XX-P02": RS_PLAN_META})


def source(name: str = "postgres") -> LiveSource:
    return LiveSource(
        name, lambda step: Outcome(name, live_report(), snapshots(), None, "read 0.01 s")
    )


def failing_source(name: str = "postgres") -> LiveSource:
    def read(step: Callable[[str], None]) -> Outcome:
        raise ConnectionRefusedError("connection to 127.0.0.1:1 refused")

    return LiveSource(name, read)


def partial_source(name: str = "opensearch") -> LiveSource:
    """Read the indices, then stopped: an error with what was read before it."""
    return LiveSource(
        name,
        lambda step: Outcome(
            name,
            Report(
                findings=[
                    Finding("XX-T01", Severity.HIGH, "index logs is red", None, object="logs")
                ],
                rules={"XX-T01": TABLE_META},
            ),
            Snapshots(opensearch=snapshots().opensearch),
            "timed out reading _nodes/stats",
        ),
    )
