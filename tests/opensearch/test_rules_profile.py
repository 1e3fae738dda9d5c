"""Profile and Query Insights rules over responses in the shapes the APIs return."""

from __future__ import annotations

import json
from typing import Any

from opensearch.factories import ids, profile, query_node, response, run, shard, snapshot

MS = 1_000_000
# The OpenSearch docs' example: `match` on title for "wind rises" (abridged, as in the rulebook).
DOCS_EXAMPLE: dict[str, Any] = {
    "took": 3,
    "hits": {"total": {"value": 2}},
    "profile": {
        "shards": [
            {
                "id": "[LidyZ1HVS-u93-73Z49dQg][testindex][0]",
                "inbound_network_time_in_millis": 0,
                "outbound_network_time_in_millis": 0,
                "searches": [
                    {
                        "query": [
                            {
                                "type": "BooleanQuery",
                                "description": "title:wind title:rise",
                                "time_in_nanos": 2473919,
                                "breakdown": {
                                    "create_weight": 1404458,
                                    "create_weight_count": 1,
                                    "build_scorer": 1034292,
                                    "build_scorer_count": 4,
                                    "next_doc": 5209,
                                    "next_doc_count": 2,
                                    "advance": 9209,
                                    "advance_count": 2,
                                    "score": 20751,
                                    "score_count": 2,
                                    "match": 0,
                                    "match_count": 0,
                                },
                                "children": [
                                    {
                                        "type": "TermQuery",
                                        "description": "title:wind",
                                        "time_in_nanos": 813581,
                                        "breakdown": {
                                            "create_weight": 616375,
                                            "build_scorer": 168041,
                                        },
                                    },
                                    {
                                        "type": "TermQuery",
                                        "description": "title:rise",
                                        "time_in_nanos": 191083,
                                        "breakdown": {
                                            "create_weight": 188625,
                                            "build_scorer": 2458,
                                        },
                                    },
                                ],
                            }
                        ],
                        "rewrite_time": 192417,
                        "collector": [
                            {
                                "name": "SimpleTopScoreDocCollector",
                                "reason": "search_top_hits",
                                "time_in_nanos": 77291,
                            }
                        ],
                    }
                ],
                "aggregations": [],
            }
        ]
    },
}
PROFILE_RULES = tuple(f"OS-P{n:02d}" for n in range(1, 12))


def test_the_docs_example_is_clean() -> None:
    snap = snapshot(profiles=(profile(DOCS_EXAMPLE),))
    assert run(snap, *PROFILE_RULES) == []


def test_dominant_clause_and_expensive_node_type() -> None:
    script = query_node("ScriptQuery", "ScriptQuery(Script{...})", 8 * MS, match=7 * MS)
    term = query_node("TermQuery", "name:steel", 1 * MS)
    root = query_node("BooleanQuery", "+name:steel #ScriptQuery(Script{...})", 10 * MS,
                      [term, script])  # fmt: skip
    snap = snapshot(profiles=(profile(response(shard("[n][logs][0]", [root]))),))
    found = run(snap, "OS-P01", "OS-P03", "OS-P05")
    assert sorted(f.rule_id for f in found) == ["OS-P01", "OS-P03", "OS-P05"]
    assert all("ScriptQuery" in f.message for f in found)
    assert all(f.location is not None and f.location.path == "requests/search.json" for f in found)


def test_multi_term_expansion_by_share_and_by_time() -> None:
    wrapper = query_node("MultiTermQueryConstantScoreWrapper", "sku:*-001*", 2 * MS)
    by_share = profile(response(shard("[n][p][0]", [wrapper], rewrite=3 * MS)))
    by_time = profile(response(shard("[n][p][0]", [query_node("TermQuery", "a", 90 * MS)],
                                     rewrite=12 * MS)))  # fmt: skip
    small = profile(response(shard("[n][p][0]", [wrapper], rewrite=MS // 2)))
    assert len(run(snapshot(profiles=(by_share,)), "OS-P02")) == 1
    assert len(run(snapshot(profiles=(by_time,)), "OS-P02")) == 1
    assert run(snapshot(profiles=(small,)), "OS-P02") == []


def test_setup_bound_query() -> None:
    setup = query_node("TermInSetQuery", "id:(...)", 20 * MS, create_weight=9 * MS,
                       build_scorer=6 * MS)  # fmt: skip
    snap = snapshot(profiles=(profile(response(shard("[n][p][0]", [setup]))),))
    [finding] = run(snap, "OS-P04")
    assert "75%" in finding.message


def test_low_selectivity_scored_term() -> None:
    term = query_node("TermQuery", "status:active", 3 * MS, next_doc_count=50_000)
    match = query_node("TermQuery", "title:wind", 1 * MS, next_doc_count=20)
    root = query_node("BooleanQuery", "+title:wind +status:active", 5 * MS, [match, term])
    body = {
        "query": {
            "bool": {
                "must": [{"match": {"title": "wind"}}, {"term": {"status": "active"}}],
                "filter": [{"range": {"ts": {"gte": "now-1d/d"}}}],
            }
        }
    }
    profiled = profile(response(shard("[n][p][0]", [root]), hits=20), body)
    [finding] = run(snapshot(profiles=(profiled,)), "OS-P06")
    assert "status:active" in finding.message
    assert finding.fix is not None and finding.fix.kind.value == "dsl"
    assert json.loads(finding.fix.content) == {
        "query": {
            "bool": {
                "must": [{"match": {"title": "wind"}}],
                "filter": [{"range": {"ts": {"gte": "now-1d/d"}}}, {"term": {"status": "active"}}],
            }
        }
    }
    filtered = query_node("BooleanQuery", "+title:wind #status:active", 5 * MS, [match, term])
    clean = snapshot(profiles=(profile(response(shard("[n][p][0]", [filtered]), hits=20)),))
    assert run(clean, "OS-P06") == []


def test_shard_skew() -> None:
    shards = [
        shard(f"[n][logs][{i}]", [query_node("TermQuery", "a", t * MS)])
        for i, t in enumerate((2, 2, 3, 30))
    ]
    [finding] = run(snapshot(profiles=(profile(response(*shards)),)), "OS-P07")
    assert finding.evidence.as_dict()["shard"] == "[n][logs][3]"
    even = [shard(f"[n][logs][{i}]", [query_node("TermQuery", "a", 2 * MS)]) for i in range(4)]
    assert run(snapshot(profiles=(profile(response(*even)),)), "OS-P07") == []


def test_aggregation_bound_and_global_ordinals() -> None:
    agg = {
        "type": "GlobalOrdinalsStringTermsAggregator",
        "description": "hosts",
        "time_in_nanos": 40 * MS,
        "breakdown": {"initialize": 12 * MS, "build_leaf_collector": 8 * MS, "collect": 10 * MS},
        "children": [],
    }
    query = [query_node("MatchAllDocsQuery", "*:*", 1 * MS)]
    body = {"aggs": {"hosts": {"terms": {"field": "host"}}}}
    snap = snapshot(profiles=(profile(response(shard("[n][l][0]", query, aggs=[agg])), body),))
    found = run(snap, "OS-P08", "OS-P09")
    assert sorted(f.rule_id for f in found) == ["OS-P08", "OS-P09"]
    fix = next(f.fix for f in found if f.rule_id == "OS-P08")
    assert fix is not None and json.loads(fix.content) == {**body, "size": 0}
    light = {**agg, "time_in_nanos": MS // 2, "breakdown": {"collect": MS // 2}}
    quiet = snapshot(profiles=(profile(response(shard("[n][l][0]", query, aggs=[light]))),))
    assert run(quiet, "OS-P08", "OS-P09") == []


def test_collector_flags() -> None:
    collectors = [
        {
            "name": "MultiCollector",
            "reason": "search_multi",
            "time_in_nanos": 1000,
            "children": [
                {"name": "TimeLimitingCollector", "reason": "search_timeout", "time_in_nanos": 9},
                {"name": "GlobalAggregator", "reason": "global_aggregation", "time_in_nanos": 9},
            ],
        }
    ]
    query = [query_node("TermQuery", "a", MS)]
    snap = snapshot(profiles=(profile(response(shard("[n][l][0]", query, collectors=collectors))),))
    assert [f.evidence.as_dict()["reason"] for f in run(snap, "OS-P10")] == [
        "global_aggregation",
        "search_timeout",
    ]


def test_slice_imbalance() -> None:
    root = query_node("BooleanQuery", "+a +b", 50 * MS)
    root.update(max_slice_time_in_nanos=40 * MS, avg_slice_time_in_nanos=10 * MS)
    snap = snapshot(profiles=(profile(response(shard("[n][l][0]", [root]))),))
    assert ids(run(snap, "OS-P11")) == [("OS-P11", "logs")]
    root.update(max_slice_time_in_nanos=12 * MS)
    snap = snapshot(profiles=(profile(response(shard("[n][l][0]", [root]))),))
    assert run(snap, "OS-P11") == []


def top(id_: str, **fields: Any) -> dict[str, Any]:
    """A Query Insights record (abridged from `_insights/top_queries`)."""
    record: dict[str, Any] = {
        "timestamp": 1764280000000,
        "id": id_,
        "group_by": "none",
        "indices": ["logs-2026.11.27"],
        "source": '{"query":{"match_all":{}}}',
        "total_shards": 1,
        "node_id": "n1",
        "search_type": "query_then_fetch",
        "phase_latency_map": {"expand": 0, "query": 10, "fetch": 2},
        "measurements": {
            "latency": {"number": 12, "count": 1, "aggregationType": "NONE"},
            "cpu": {"number": 1_000_000, "count": 1, "aggregationType": "NONE"},
            "memory": {"number": 10_000, "count": 1, "aggregationType": "NONE"},
        },
    }
    record.update(fields)
    return record


def test_query_insights_rules_stay_silent_without_the_plugin() -> None:
    assert run(snapshot(), "OS-P12", "OS-P13", "OS-P14", "OS-P15") == []


def test_fetch_bound_top_query() -> None:
    fetchy = top("a", phase_latency_map={"expand": 0, "query": 8, "fetch": 40})
    snap = snapshot(top_queries=[fetchy, top("b")])
    [finding] = run(snap, "OS-P12")
    assert finding.evidence.as_dict()["id"] == "a"


def test_recurring_heavy_shape() -> None:
    heavy = top("g1", group_by="similarity")
    heavy["measurements"]["latency"] = {"number": 300, "count": 50, "aggregationType": "AVERAGE"}
    other = top("g2", group_by="similarity")
    [finding] = run(snapshot(top_queries=[heavy, other]), "OS-P13")
    assert finding.evidence.as_dict()["id"] == "g1"
    assert run(snapshot(top_queries=[top("x"), top("y")]), "OS-P13") == []


def test_resource_heavy_query() -> None:
    records = [top(f"q{i}") for i in range(9)]
    hog = top("hog")
    hog["measurements"]["cpu"] = {"number": 2_400 * MS, "count": 1, "aggregationType": "NONE"}
    found = run(snapshot(top_queries=[*records, hog]), "OS-P14")
    assert [f.evidence.as_dict()["id"] for f in found] == ["hog"]
    assert run(snapshot(top_queries=records), "OS-P14") == []


def test_shard_fan_out() -> None:
    wide = top("wide", total_shards=3650, indices=["logs-*"])
    found = run(snapshot(top_queries=[wide, top("narrow")]), "OS-P15")
    assert ids(found) == [("OS-P15", "logs-*")]
