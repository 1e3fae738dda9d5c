"""An OpenSearch cluster's JSON answers as model objects: node stats, Query Insights' top
queries, and the profile of a search (its shards, query trees and collectors). Lenient about
missing or mistyped fields: a number that is not one reads as the default."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.model_opensearch import (
    OsBreaker,
    OsCollector,
    OsNodeStats,
    OsProfile,
    OsProfileNode,
    OsSearchProfile,
    OsShardProfile,
    OsTopQuery,
)

if TYPE_CHECKING:
    from connectors.opensearch import OsRequest


def as_int(value: Any, default: int = 0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def opt_int(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def opt_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def flat_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def node_stats_of(node_id: str, data: Mapping[str, Any]) -> OsNodeStats:
    jvm = (data.get("jvm") or {}).get("mem") or {}
    indices = data.get("indices") or {}
    qc = indices.get("query_cache") or {}
    rc = indices.get("request_cache") or {}
    fd = indices.get("fielddata") or {}
    search_pool = (data.get("thread_pool") or {}).get("search") or {}
    breakers = tuple(
        OsBreaker(
            name,
            as_int(b.get("limit_size_in_bytes")),
            as_int(b.get("estimated_size_in_bytes")),
            as_int(b.get("tripped")),
        )
        for name, b in sorted((data.get("breakers") or {}).items())
    )
    return OsNodeStats(
        node_id=node_id,
        name=str(data.get("name") or node_id),
        roles=tuple(data.get("roles") or ()),
        heap_used_percent=float(jvm.get("heap_used_percent") or 0),
        heap_max_bytes=as_int(jvm.get("heap_max_in_bytes")),
        breakers=breakers,
        query_cache_hits=as_int(qc.get("hit_count")),
        query_cache_misses=as_int(qc.get("miss_count")),
        query_cache_evictions=as_int(qc.get("evictions")),
        query_cache_bytes=as_int(qc.get("memory_size_in_bytes")),
        request_cache_hits=as_int(rc.get("hit_count")),
        request_cache_misses=as_int(rc.get("miss_count")),
        request_cache_evictions=as_int(rc.get("evictions")),
        request_cache_bytes=as_int(rc.get("memory_size_in_bytes")),
        fielddata_bytes=as_int(fd.get("memory_size_in_bytes")),
        fielddata_evictions=as_int(fd.get("evictions")),
        search_queries=as_int((indices.get("search") or {}).get("query_total")),
        search_rejected=as_int(search_pool.get("rejected")),
        search_queue=as_int(search_pool.get("queue")),
    )


def top_query_of(item: Mapping[str, Any]) -> OsTopQuery:
    measurements = item.get("measurements") or {}

    def measure(name: str) -> float | None:
        value = measurements.get(name)
        if isinstance(value, Mapping):
            return opt_float(value.get("number"))
        return opt_float(value)

    latency = measurements.get("latency")
    count = latency.get("count", 1) if isinstance(latency, Mapping) else 1
    phases = item.get("phase_latency_map") or {}
    source = item.get("source")
    return OsTopQuery(
        id=str(item.get("id") or ""),
        timestamp=as_int(item.get("timestamp")),
        indices=tuple(str(i) for i in item.get("indices") or ()),
        source=source if isinstance(source, str) else json.dumps(source, sort_keys=True),
        search_type=str(item.get("search_type") or ""),
        total_shards=as_int(item.get("total_shards")),
        group_by=str(item.get("group_by") or ""),
        node_id=str(item.get("node_id") or ""),
        latency_ms=measure("latency"),
        cpu_ns=measure("cpu"),
        memory_bytes=measure("memory"),
        count=as_int(count, 1),
        phase_expand_ms=opt_float(phases.get("expand")),
        phase_query_ms=opt_float(phases.get("query")),
        phase_fetch_ms=opt_float(phases.get("fetch")),
    )


def profile_node(raw: Mapping[str, Any]) -> OsProfileNode:
    breakdown = {k: as_int(v) for k, v in (raw.get("breakdown") or {}).items()}
    return OsProfileNode(
        type=str(raw.get("type") or ""),
        description=str(raw.get("description") or ""),
        time_ns=as_int(raw.get("time_in_nanos")),
        breakdown=breakdown,
        children=tuple(profile_node(c) for c in raw.get("children") or ()),
        max_slice_ns=opt_int(raw.get("max_slice_time_in_nanos")),
        avg_slice_ns=opt_int(raw.get("avg_slice_time_in_nanos")),
    )


def _collector(raw: Mapping[str, Any]) -> OsCollector:
    return OsCollector(
        name=str(raw.get("name") or ""),
        reason=str(raw.get("reason") or ""),
        time_ns=as_int(raw.get("time_in_nanos")),
        children=tuple(_collector(c) for c in raw.get("children") or ()),
    )


def shard_profiles(raw: Mapping[str, Any]) -> tuple[OsShardProfile, ...]:
    """The `profile.shards` of a search response as model objects."""
    shards = []
    for shard in (raw.get("profile") or {}).get("shards") or ():
        searches = tuple(
            OsSearchProfile(
                query=tuple(profile_node(q) for q in s.get("query") or ()),
                rewrite_ns=as_int(s.get("rewrite_time")),
                collectors=tuple(_collector(c) for c in s.get("collector") or ()),
            )
            for s in shard.get("searches") or ()
        )
        aggs = tuple(profile_node(a) for a in shard.get("aggregations") or ())
        shards.append(OsShardProfile(str(shard.get("id") or ""), searches, aggs))
    return tuple(sorted(shards, key=lambda s: s.id))


def profile_of(request: OsRequest, text: str, raw: Mapping[str, Any]) -> OsProfile:
    total = ((raw.get("hits") or {}).get("total")) or {}
    hits = total.get("value") if isinstance(total, Mapping) else total
    return OsProfile(
        index=request.index,
        body=text,
        path=request.path,
        line=request.line,
        took_ms=as_int(raw.get("took")),
        hits=opt_int(hits),
        shards=shard_profiles(raw),
    )
