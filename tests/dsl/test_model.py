"""The typed model: short and long forms, compound clauses, aggregations, unknown clauses."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.dsl.build import build_query
from advisor.dsl.build_aggs import build_aggs
from advisor.dsl.model import Query
from advisor.dsl.search import build_search


@pytest.mark.parametrize(
    ("raw", "field", "value"),
    [
        ({"term": {"status": "A"}}, "status", "A"),
        ({"term": {"status": {"value": "A", "boost": 2}}}, "status", "A"),
        ({"match": {"title": "red shoes"}}, "title", "red shoes"),
        ({"match": {"title": {"query": "red shoes", "operator": "and"}}}, "title", "red shoes"),
        ({"prefix": {"sku": "AB"}}, "sku", "AB"),
        ({"wildcard": {"sku": {"wildcard": "*x"}}}, "sku", "*x"),
        ({"fuzzy": {"title": {"value": "shoe", "fuzziness": 2}}}, "title", "shoe"),
        ({"terms": {"brand": ["a", "b"], "boost": 1.0}}, "brand", ["a", "b"]),
        ({"range": {"price": {"gte": 1, "lt": 5, "boost": 2}}}, "price", {"gte": 1, "lt": 5}),
        ({"exists": {"field": "sku"}}, "sku", None),
        ({"ids": {"values": ["1"]}}, "_id", ["1"]),
        ({"knn": {"vec": {"vector": [1, 2], "k": 3}}}, "vec", [1, 2]),
        ({"geo_distance": {"distance": "1km", "loc": [1, 2]}}, "loc", [1, 2]),
        (
            {"terms_set": {"tags": {"terms": ["a"], "minimum_should_match_field": "n"}}},
            "tags",
            ["a"],
        ),
    ],
)
def test_short_and_long_forms(raw: dict[str, Any], field: str, value: Any) -> None:
    query = build_query(raw, "/query")
    assert query.known
    assert query.field == field
    assert query.value == value


def test_long_form_parameters_are_kept() -> None:
    query = build_query({"term": {"s": {"value": "A", "case_insensitive": True}}}, "")
    assert query.param("case_insensitive") is True
    assert query.field_pointer == "/term/s"


def test_bool_children_and_filter_context() -> None:
    query = build_query(
        {
            "bool": {
                "must": {"match": {"t": "x"}},
                "filter": [{"term": {"a": 1}}, {"bool": {"should": [{"term": {"b": 2}}]}}],
                "must_not": [{"exists": {"field": "c"}}],
                "minimum_should_match": 1,
            }
        },
        "/query",
    )
    assert [role for role, _ in query.children] == ["must", "filter", "filter", "must_not"]
    assert query.role_children("must")[0].pointer == "/query/bool/must"
    assert query.role_children("filter")[0].pointer == "/query/bool/filter/0"
    visits = {v.query.pointer: v.filter_context for v in query.walk()}
    assert visits["/query/bool/must"] is False
    assert visits["/query/bool/filter/1/bool/should/0"] is True
    assert query.param("minimum_should_match") == 1


@pytest.mark.parametrize(
    ("raw", "roles"),
    [
        ({"constant_score": {"filter": {"term": {"a": 1}}}}, ["constant_score.filter"]),
        (
            {"boosting": {"positive": {"match_all": {}}, "negative": {"term": {"a": 1}}}},
            ["positive", "negative"],
        ),
        ({"dis_max": {"queries": [{"match_all": {}}, {"match_all": {}}]}}, ["queries", "queries"]),
        (
            {
                "function_score": {
                    "query": {"match_all": {}},
                    "functions": [{"filter": {"term": {"a": 1}}, "weight": 2}],
                }
            },
            ["query", "functions.filter"],
        ),
        ({"script_score": {"query": {"match_all": {}}, "script": {"source": "1"}}}, ["query"]),
        ({"nested": {"path": "p", "query": {"match_all": {}}}}, ["query"]),
        ({"has_child": {"type": "c", "query": {"match_all": {}}}}, ["query"]),
        ({"has_parent": {"parent_type": "p", "query": {"match_all": {}}}}, ["query"]),
    ],
)
def test_compound_clauses(raw: dict[str, Any], roles: list[str]) -> None:
    query = build_query(raw, "")
    assert [role for role, _ in query.children] == roles


def test_unknown_clause_is_a_generic_node() -> None:
    query = build_query({"bool": {"must": [{"mach": {"title": "x"}}, {"match": {"t": "y"}}]}}, "")
    unknown, known = query.role_children("must")
    assert not unknown.known and unknown.kind == "mach" and unknown.raw == {"title": "x"}
    assert known.known


def test_deep_bool_nesting_builds_without_recursion() -> None:
    raw: dict[str, Any] = {"term": {"a": 1}}
    for _ in range(10_000):
        raw = {"bool": {"filter": raw}}
    query = build_query(raw, "")
    depth = max(v.depth for v in query.walk())
    assert depth == 10_000


def test_aggregations_at_any_depth() -> None:
    aggs = build_aggs(
        {
            "by_day": {
                "date_histogram": {"field": "ts", "calendar_interval": "day"},
                "aggs": {
                    "by_user": {
                        "terms": {"field": "user", "size": 5},
                        "aggregations": {"top": {"top_hits": {"size": 1}}},
                    },
                    "f": {"filter": {"term": {"a": 1}}},
                },
            },
            "odd": {"frobnicate": {}},
        },
        "/aggs",
    )
    by_day, odd = aggs
    assert by_day.kind == "date_histogram" and by_day.field == "ts"
    names = [(a.name, a.pointer) for a, _ in by_day.walk()]
    assert names == [
        ("by_day", "/aggs/by_day"),
        ("by_user", "/aggs/by_day/aggs/by_user"),
        ("top", "/aggs/by_day/aggs/by_user/aggregations/top"),
        ("f", "/aggs/by_day/aggs/f"),
    ]
    by_user = by_day.children[0]
    assert by_user.size == 5
    assert by_day.children[1].queries[0].pointer == "/aggs/by_day/aggs/f/filter"
    assert not odd.known


def test_request_options() -> None:
    search = build_search(
        {
            "from": 10,
            "size": "20",
            "sort": ["_score", {"ts": "desc"}, {"price": {"order": "asc", "mode": "min"}}],
            "search_after": [1, "a"],
            "pit": {"id": "x"},
            "_source": ["a"],
            "docvalue_fields": ["ts"],
            "track_total_hits": False,
            "timeout": "1s",
            "profile": True,
            "explain": False,
            "highlight": {"fields": {"t": {}}},
            "aggregations": {"a": {"avg": {"field": "p"}}},
            "frobnicate": 1,
        }
    )
    assert (search.from_, search.size) == (10, 20)
    assert [(k.field, k.order) for k in search.sort] == [
        ("_score", None),
        ("ts", "desc"),
        ("price", "asc"),
    ]
    assert search.sort[2].pointer == "/sort/2/price"
    assert search.aggs_key == "aggregations" and search.aggs[0].pointer == "/aggregations/a"
    assert search.timeout == "1s" and search.profile is True and search.highlight
    assert search.unknown_options == ("frobnicate",)


def test_queries_include_post_filter_and_aggregation_filters() -> None:
    search = build_search(
        {
            "query": {"match": {"t": "x"}},
            "post_filter": {"term": {"a": 1}},
            "aggs": {"f": {"filter": {"term": {"b": 2}}}},
        }
    )
    kinds = [(v.query.pointer, v.filter_context) for v in search.queries()]
    assert kinds == [("/query", False), ("/post_filter", True), ("/aggs/f/filter", True)]


def test_query_is_plain_data() -> None:
    query = build_query({"term": {"a": "b"}}, "")
    assert isinstance(query, Query)
    assert query.kind == "term"


def test_created_dynamically() -> None:
    from advisor.dsl.mapping import load_mapping, merge

    open_map = load_mapping(
        {
            "mappings": {
                "dynamic_templates": [{"labels": {"path_match": "labels.*", "mapping": {}}}],
                "properties": {
                    "status": {"type": "keyword"},
                    "meta": {"type": "object", "dynamic": "strict", "properties": {}},
                },
            }
        }
    )
    assert open_map.created_dynamically("labels.env") == "template"
    assert open_map.created_dynamically("user.name") == "dynamic"
    assert open_map.created_dynamically("status.raw") is None
    assert open_map.created_dynamically("meta.owner") is None
    strict = load_mapping({"mappings": {"dynamic": "strict", "properties": {}}})
    assert strict.created_dynamically("user.name") is None
    merged = merge([strict, open_map])
    assert merged is not None and merged.created_dynamically("labels.env") == "template"
