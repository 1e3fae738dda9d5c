"""Model objects in the shapes the REST APIs return, for offline rule tests."""

from __future__ import annotations

import json
from typing import Any

from advisor.config import Config
from advisor.live import analyze_opensearch
from advisor.model import Finding
from advisor.model_opensearch import (
    OsAllocation,
    OsCluster,
    OsIndex,
    OsInsights,
    OsProfile,
    OsSnapshot,
)
from connectors.opensearch import node_stats_of, shard_profiles, top_query_of

GIB = 1024**3


def node(name: str = "node-1", /, **changes: Any) -> dict[str, Any]:
    """A `_nodes/stats` entry (abridged), with dotted-path overrides such as
    `{"jvm.mem.heap_used_percent": 91}`."""
    data: dict[str, Any] = {
        "name": name,
        "roles": ["cluster_manager", "data", "ingest"],
        "jvm": {"mem": {"heap_used_percent": 40, "heap_max_in_bytes": 4 * GIB}},
        "breakers": {
            name: {"limit_size_in_bytes": GIB, "estimated_size_in_bytes": 0, "tripped": 0}
            for name in ("fielddata", "request", "parent", "in_flight_requests")
        },
        "indices": {
            "query_cache": {"hit_count": 0, "miss_count": 0, "evictions": 0},
            "request_cache": {"hit_count": 0, "miss_count": 0, "evictions": 0},
            "fielddata": {"memory_size_in_bytes": 0, "evictions": 0},
            "search": {"query_total": 0},
        },
        "thread_pool": {"search": {"queue": 0, "rejected": 0}},
    }
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[part]
        target[last] = value
    return data


def snapshot(
    *,
    nodes: list[dict[str, Any]] | None = None,
    settings: dict[str, str] | None = None,
    indices: tuple[OsIndex, ...] = (),
    allocations: tuple[OsAllocation, ...] = (),
    profiles: tuple[OsProfile, ...] = (),
    top_queries: list[dict[str, Any]] | None = None,
) -> OsSnapshot:
    raw_nodes = nodes if nodes is not None else [node()]
    stats = tuple(node_stats_of(f"id-{i}", n) for i, n in enumerate(raw_nodes))
    insights = (
        OsInsights(True, "", tuple(top_query_of(q) for q in top_queries))
        if top_queries is not None
        else OsInsights(False, "Query Insights is not installed")
    )
    return OsSnapshot(
        url="http://127.0.0.1:9200",
        cluster=OsCluster(
            name="prod",
            version="2.19.6",
            status="green",
            number_of_nodes=len(stats),
            number_of_data_nodes=len(stats),
            settings=settings or {},
        ),
        indices=indices,
        allocations=allocations,
        nodes=stats,
        profiles=profiles,
        insights=insights,
    )


def profile(response: dict[str, Any], body: dict[str, Any] | None = None) -> OsProfile:
    """An OsProfile from a `_search` response with `"profile": true`."""
    total = response.get("hits", {}).get("total", {"value": 0})
    return OsProfile(
        index="logs",
        body=json.dumps(body or {"query": {"match_all": {}}}, sort_keys=True),
        path="requests/search.json",
        line=1,
        took_ms=int(response.get("took", 1)),
        hits=int(total["value"]),
        shards=shard_profiles(response),
    )


def query_node(
    type_: str,
    description: str,
    nanos: int,
    children: list[dict[str, Any]] | None = None,
    **bd: int,
) -> dict[str, Any]:
    return {
        "type": type_,
        "description": description,
        "time_in_nanos": nanos,
        "breakdown": {"create_weight": 0, "build_scorer": 0, "next_doc": 0, "match": 0, **bd},
        "children": children or [],
    }


def shard(
    shard_id: str,
    query: list[dict[str, Any]],
    *,
    rewrite: int = 1000,
    collectors: list[dict[str, Any]] | None = None,
    aggs: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "id": shard_id,
        "searches": [
            {
                "query": query,
                "rewrite_time": rewrite,
                "collector": collectors
                or [{"name": "SimpleTopScoreDocCollector", "reason": "search_top_hits",
                     "time_in_nanos": 1000}],
            }
        ],
        "aggregations": aggs or [],
    }  # fmt: skip


def response(*shards: dict[str, Any], hits: int = 10) -> dict[str, Any]:
    return {"took": 5, "hits": {"total": {"value": hits}}, "profile": {"shards": list(shards)}}


def run(snap: OsSnapshot, *rule_ids: str, **options: dict[str, Any]) -> list[Finding]:
    """Findings of the given rules over a snapshot, options as in `[tool.advisor.rules.ID]`."""
    config = Config(
        select=rule_ids, rule_options={k.replace("_", "-"): v for k, v in options.items()}
    )
    return analyze_opensearch(snap, config).findings


def ids(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule_id, f.object) for f in findings]
