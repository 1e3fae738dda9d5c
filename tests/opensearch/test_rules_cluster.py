"""Cluster rules a single test node cannot show, from model objects in the APIs' shapes."""

from __future__ import annotations

import json

from advisor.model_opensearch import OsAllocation, OsIndex, OsProfile, OsShard, OsValidation
from opensearch.factories import GIB, ids, node, run, snapshot

SETTINGS_FIX_HEAD = "PUT _cluster/settings"


def test_oversharding_by_heap_and_by_shard_limit() -> None:
    small_heap = node("small", **{"jvm.mem.heap_max_in_bytes": 2 * GIB})
    big_heap = node("big", **{"jvm.mem.heap_max_in_bytes": 32 * GIB})
    snap = snapshot(
        nodes=[small_heap, big_heap],
        allocations=(OsAllocation("small", shards=51), OsAllocation("big", shards=700)),
        settings={"cluster.max_shards_per_node": "1000"},
    )
    assert ids(run(snap, "OS-C02")) == [("OS-C02", "small")]
    tight = snapshot(
        nodes=[big_heap],
        allocations=(OsAllocation("big", shards=700),),
        settings={"cluster.max_shards_per_node": "800"},
    )
    [finding] = run(tight, "OS-C02")
    assert "of cluster.max_shards_per_node (800)" in finding.message
    fine = snapshot(nodes=[small_heap], allocations=(OsAllocation("small", shards=50),))
    assert run(fine, "OS-C02") == []


def test_breaker_trips_and_fielddata_breaker() -> None:
    tripped = node(**{"breakers.request.tripped": 3, "breakers.fielddata.tripped": 1})
    snap = snapshot(nodes=[tripped, node("quiet")])
    assert ids(run(snap, "OS-C09")) == [("OS-C09", "node-1")]
    [fielddata] = run(snap, "OS-C08")
    assert "fielddata breaker tripped 1 time" in fielddata.message
    assert fielddata.severity.label == "high"


def test_fielddata_share_of_heap() -> None:
    heavy = node(**{"indices.fielddata.memory_size_in_bytes": GIB})  # 25% of a 4 GiB heap
    assert ids(run(snapshot(nodes=[heavy]), "OS-C08")) == [("OS-C08", "node-1")]
    assert run(snapshot(nodes=[heavy]), "OS-C08", OS_C08={"max_heap_share": 0.3}) == []


def test_query_cache_and_request_cache_ratios() -> None:
    churn = node(
        **{
            "indices.query_cache.hit_count": 200,
            "indices.query_cache.miss_count": 50_000,
            "indices.query_cache.evictions": 9_000,
            "indices.request_cache.hit_count": 3,
            "indices.request_cache.miss_count": 5_000,
        }
    )
    good = node(
        "good",
        **{
            "indices.query_cache.hit_count": 40_000,
            "indices.query_cache.miss_count": 10_000,
            "indices.query_cache.evictions": 100,
            "indices.request_cache.hit_count": 4_000,
            "indices.request_cache.miss_count": 1_000,
        },
    )
    snap = snapshot(nodes=[churn, good])
    assert ids(run(snap, "OS-C10")) == [("OS-C10", "node-1")]
    assert ids(run(snap, "OS-C11")) == [("OS-C11", "node-1")]


def test_heap_pressure_and_search_rejections() -> None:
    snap = snapshot(
        nodes=[
            node("hot", **{"jvm.mem.heap_used_percent": 93, "thread_pool.search.rejected": 41}),
            node("cool"),
        ]
    )
    assert ids(run(snap, "OS-C12")) == [("OS-C12", "hot")]
    [rejected] = run(snap, "OS-C13")
    assert rejected.object == "hot" and "41 search requests rejected" in rejected.message


def test_disk_watermarks_by_level() -> None:
    allocations = (
        OsAllocation("a", disk_percent=96.0),
        OsAllocation("b", disk_percent=91.0),
        OsAllocation("c", disk_percent=86.0),
        OsAllocation("d", disk_percent=40.0),
    )
    found = run(snapshot(allocations=allocations), "OS-C14")
    assert [(f.object, f.evidence.as_dict()["watermark"]) for f in found] == [
        ("a", "flood_stage"),
        ("b", "high"),
        ("c", "low"),
    ]
    assert [f.severity.label for f in found] == ["high", "high", "medium"]
    off = {"cluster.routing.allocation.disk.threshold_enabled": "false"}
    assert run(snapshot(allocations=allocations, settings=off), "OS-C14") == []
    custom = {"cluster.routing.allocation.disk.watermark.low": "0.95"}
    assert [f.object for f in run(snapshot(allocations=allocations[2:], settings=custom),
                                   "OS-C14")] == []  # fmt: skip


def test_raised_cluster_limits_and_adaptive_replica_selection() -> None:
    raised = {
        "search.max_buckets": "1000000",
        "indices.query.bool.max_clause_count": "100000",
        "cluster.routing.use_adaptive_replica_selection": "false",
    }
    defaults = {
        "search.max_buckets": "65535",
        "indices.query.bool.max_clause_count": "1024",
        "cluster.routing.use_adaptive_replica_selection": "true",
    }
    found = run(snapshot(settings=raised), "OS-C19", "OS-C20", "OS-C22")
    assert sorted(f.rule_id for f in found) == ["OS-C19", "OS-C20", "OS-C22"]
    for finding in found:
        assert finding.fix is not None and finding.fix.content.startswith(SETTINGS_FIX_HEAD)
        assert ": null" in finding.fix.content
    assert run(snapshot(settings=defaults), "OS-C19", "OS-C20", "OS-C22") == []


def test_expensive_queries_disabled_with_expensive_requests() -> None:
    body = {"query": {"wildcard": {"sku": {"value": "*-1"}}}}
    wildcard = OsProfile("products", json.dumps(body), "requests/sku.json", 1)
    rejected = OsValidation(
        "products",
        False,
        error="[wildcard] queries cannot be executed when 'search.allow_expensive_queries' "
        "is set to false.",
        path="requests/b.json",
    )
    off = {"search.allow_expensive_queries": "false"}
    snap = snapshot(settings=off, profiles=(wildcard,))
    [finding] = run(snap, "OS-C17")
    assert "requests/sku.json:1 (wildcard)" in finding.message
    from_validation = snapshot(settings=off).__class__(
        cluster=snap.cluster, validations=(rejected,)
    )
    assert run(from_validation, "OS-C17") != []
    term = OsProfile("products", json.dumps({"query": {"term": {"sku": "a"}}}))
    assert run(snapshot(settings=off, profiles=(term,)), "OS-C17") == []
    assert run(snapshot(profiles=(wildcard,)), "OS-C17") == []


def test_index_sorting_opportunity_from_profiled_bodies() -> None:
    logs = OsIndex("logs", docs_count=10_000, pri_store_bytes=GIB)
    sorted_logs = OsIndex("logs", settings={"index.sort.field": "ts"})
    body = json.dumps({"size": 20, "sort": [{"ts": {"order": "desc"}}]})
    profiles = tuple(OsProfile("logs*", body, f"r{i}.json") for i in range(3))
    [finding] = run(snapshot(indices=(logs,), profiles=profiles), "OS-C15")
    assert finding.fix is not None and '"index.sort.field": "ts"' in finding.fix.content
    assert run(snapshot(indices=(sorted_logs,), profiles=profiles), "OS-C15") == []
    assert run(snapshot(indices=(logs,), profiles=profiles[:2]), "OS-C15") == []


def test_many_tiny_indices() -> None:
    tiny = tuple(OsIndex(f"app-{i}", docs_count=10, pri_store_bytes=50_000) for i in range(25))
    found = run(snapshot(indices=tiny), "OS-C21")
    assert [f.anchor for f in found] == ["tiny indices"]
    assert run(snapshot(indices=tiny[:19]), "OS-C21") == []


def test_oversized_primary_shard_is_split() -> None:
    big = OsIndex("events", primaries=2, pri_store_bytes=140 * GIB)
    shards = (
        OsShard("events", 0, True, "STARTED", store_bytes=70 * GIB),
        OsShard("events", 1, True, "STARTED", store_bytes=70 * GIB),
    )
    snap = snapshot(indices=(big,)).__class__(indices=(big,), shards=shards)
    [finding] = run(snap, "OS-C01")
    assert finding.fix is not None and "_split" in finding.fix.content
    right = OsIndex("events", primaries=4, pri_store_bytes=120 * GIB)
    assert run(snap.__class__(indices=(right,)), "OS-C01") == []


def test_query_insights_present_but_switched_off() -> None:
    snap = snapshot(
        top_queries=[], settings={"search.insights.top_queries.latency.enabled": "false"}
    )
    [finding] = run(snap, "OS-C07")
    assert "latency.enabled is false" in finding.message
    assert run(snapshot(top_queries=[]), "OS-C07") == []
