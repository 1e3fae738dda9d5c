"""Model objects for rule tests: a planted shape and its clean twin differ in one field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from advisor.config import Config
from advisor.live import analyze_postgres
from advisor.model import Finding
from advisor.model_postgres import (
    PgColumn,
    PgIndex,
    PgPlan,
    PgSettings,
    PgSnapshot,
    PgStatement,
    PgTable,
    PgTableStats,
    PgWorkload,
    PlanNode,
)

SETTINGS = PgSettings(
    (
        ("autovacuum", "on"),
        ("autovacuum_analyze_scale_factor", "0.1"),
        ("autovacuum_analyze_threshold", "50"),
        ("autovacuum_freeze_max_age", "200000000"),
        ("autovacuum_vacuum_scale_factor", "0.2"),
        ("autovacuum_vacuum_threshold", "50"),
        ("block_size", "8192"),
        ("track_counts", "on"),
        ("work_mem", "4096"),
    )
)

ANALYZED = "2026-01-01T00:00:00+00:00"


def stats(**changes: Any) -> PgTableStats:
    base: dict[str, Any] = {
        "seq_scan": 1,
        "seq_tup_read": 1000,
        "idx_scan": 10,
        "n_live_tup": 10_000,
        "last_analyze": ANALYZED,
        "heap_blks_hit": 1000,
        "heap_blks_read": 10,
    }
    base.update(changes)
    return PgTableStats(**base)


def index(table: str, name: str, keys: Iterable[str], **changes: Any) -> PgIndex:
    keys = tuple(keys)
    base: dict[str, Any] = {
        "schema": "public",
        "table": table,
        "name": name,
        "definition": f"CREATE INDEX {name} ON public.{table} USING btree ({', '.join(keys)})",
        "keys": keys,
        "size_bytes": 8192,
        "idx_scan": 5,
    }
    base.update(changes)
    return PgIndex(**base)


def table(name: str = "orders", **changes: Any) -> PgTable:
    base: dict[str, Any] = {
        "schema": "public",
        "name": name,
        "reltuples": 10_000.0,
        "relpages": 100,
        "primary_key": ("id",),
        "columns": (
            PgColumn("id", "bigint", True, 8, 0.0),
            PgColumn("customer_id", "bigint", True, 8, 0.0),
            PgColumn("status", "text", True, 5, 0.0),
        ),
        "indexes": (index(name, f"{name}_pkey", ["id"], unique=True, primary=True),),
        "stats": stats(),
    }
    base.update(changes)
    if "primary_key" in changes and not changes["primary_key"] and "indexes" not in changes:
        base["indexes"] = ()
    return PgTable(**base)


def node(node_type: str, **changes: Any) -> PlanNode:
    return PlanNode(node_type=node_type, **changes)


def plan(root: PlanNode, analyzed: bool = True) -> PgPlan:
    return PgPlan(statement="SELECT 1", root=root, analyzed=analyzed, path="q.sql", line=3)


def statement(queryid: int = 1, **changes: Any) -> PgStatement:
    base: dict[str, Any] = {
        "queryid": queryid,
        "query": "SELECT * FROM public.orders WHERE status = $1",
        "calls": 10,
        "total_exec_time": 100.0,
        "mean_exec_time": 10.0,
        "rows": 10_000,
        "shared_blks_hit": 1000,
        "shared_blks_read": 10,
    }
    base.update(changes)
    return PgStatement(**base)


def snapshot(
    tables: Iterable[PgTable] = (),
    plans: Iterable[PgPlan] = (),
    statements: Iterable[PgStatement] | None = None,
    settings: PgSettings = SETTINGS,
) -> PgSnapshot:
    return PgSnapshot(
        server="test",
        database="test",
        server_version_num=150000,
        settings=settings,
        tables=tuple(tables),
        workload=None if statements is None else PgWorkload(tuple(statements)),
        plans=tuple(plans),
    )


def findings(
    snap: PgSnapshot, rule: str, options: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Finding]:
    config = Config(select=(rule,), rule_options=options or {})
    return analyze_postgres(snap, config).findings
