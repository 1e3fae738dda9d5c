"""Rewritten request bodies: valid JSON, with the intended shape, and honest safety."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from advisor.dsl.mapping import load_mapping
from advisor.dsl.reader import read_requests
from advisor.dsl.rulekit import DslContext
from advisor.model import Finding, FixKind, FixSafety, SourceText
from rules.opensearch.dsl import (
    aggs_fetch_hits,
    clause_explosion,
    costly_fuzziness,
    debug_flags,
    legacy_interval,
    optional_should,
    scored_yes_no_clause,
    terms_agg_export,
    unrounded_now,
)
from rules.opensearch.mapping import term_on_text


def run(module: Any, body: dict[str, Any], mapping: Any = None, **options: Any) -> list[Finding]:
    text = "GET products/_search\n" + json.dumps(body, indent=2)
    (request,) = read_requests(SourceText.of("x.osq", text))
    ctx = DslContext(
        {**module.META.options, **options},
        load_mapping(mapping) if mapping is not None else None,
        (request,),
    )
    found: Iterator[Finding] = module.check(request, ctx)
    return list(found)


def rewritten(finding: Finding) -> Any:
    assert finding.fix is not None and finding.fix.kind is FixKind.DSL
    return json.loads(finding.fix.content)


def test_yes_no_clauses_move_from_must_to_filter() -> None:
    body = {
        "query": {
            "bool": {
                "must": [{"match": {"t": "x"}}, {"term": {"s": "A"}}, {"range": {"p": {"lt": 5}}}],
                "filter": {"exists": {"field": "e"}},
            }
        }
    }
    (finding,) = run(scored_yes_no_clause, body)
    new = rewritten(finding)["query"]["bool"]
    assert new["must"] == [{"match": {"t": "x"}}]
    assert new["filter"] == [
        {"exists": {"field": "e"}},
        {"term": {"s": "A"}},
        {"range": {"p": {"lt": 5}}},
    ]
    assert finding.fix is not None and finding.fix.safety is FixSafety.UNSAFE


def test_moving_is_safe_when_sorted_by_field() -> None:
    body = {
        "query": {"bool": {"must": [{"term": {"s": "A"}}]}},
        "sort": [{"ts": "desc"}],
        "track_scores": True,
    }
    (finding,) = run(scored_yes_no_clause, body)
    new = rewritten(finding)
    assert "must" not in new["query"]["bool"]
    assert new["query"]["bool"]["filter"] == [{"term": {"s": "A"}}]
    assert new["sort"] == [{"ts": "desc"}]
    assert finding.fix is not None and finding.fix.safety is FixSafety.SAFE


def test_nothing_to_move_when_nothing_is_scored() -> None:
    sorted_body = {"query": {"bool": {"must": [{"term": {"s": "A"}}]}}, "sort": [{"ts": "desc"}]}
    assert run(scored_yes_no_clause, sorted_body) == []
    assert run(scored_yes_no_clause, {"query": {"term": {"s": "A"}}, "size": 0}) == []


def test_top_level_term_is_wrapped_in_a_filter() -> None:
    (finding,) = run(scored_yes_no_clause, {"query": {"term": {"s": "A"}}, "size": 5})
    assert rewritten(finding) == {"query": {"bool": {"filter": [{"term": {"s": "A"}}]}}, "size": 5}


def test_optional_should_gets_minimum_should_match() -> None:
    body = {"query": {"bool": {"filter": [{"term": {"b": "x"}}], "should": [{"term": {"c": "r"}}]}}}
    (finding,) = run(optional_should, body)
    assert rewritten(finding)["query"]["bool"]["minimum_should_match"] == 1


def test_term_on_text_uses_the_keyword_subfield() -> None:
    mapping = {
        "products": {
            "mappings": {
                "properties": {"status": {"type": "text", "fields": {"raw": {"type": "keyword"}}}}
            }
        }
    }
    (finding,) = run(
        term_on_text, {"query": {"term": {"status": {"value": "A", "boost": 2}}}}, mapping
    )
    assert rewritten(finding) == {"query": {"term": {"status.raw": {"value": "A", "boost": 2}}}}


def test_fuzzy_short_form_becomes_long_form_with_prefix() -> None:
    (finding,) = run(costly_fuzziness, {"query": {"fuzzy": {"title": "shoe"}}})
    assert rewritten(finding) == {
        "query": {"fuzzy": {"title": {"value": "shoe", "max_expansions": 50, "prefix_length": 1}}}
    }


def test_unrounded_now_keeps_other_bounds() -> None:
    body = {"query": {"range": {"ts": {"gte": "now-1h", "lte": "now/m", "format": "x"}}}}
    (finding,) = run(unrounded_now, body)
    assert rewritten(finding)["query"]["range"]["ts"] == {
        "gte": "now-1h/m",
        "lte": "now/m",
        "format": "x",
    }


def test_collapsed_terms_in_must_not_is_safe() -> None:
    clauses = [{"term": {"c": f"v{i}"}} for i in range(3)] + [{"match": {"t": "x"}}]
    (finding,) = run(
        clause_explosion, {"query": {"bool": {"must_not": clauses}}}, min_same_field_terms=3
    )
    assert rewritten(finding)["query"]["bool"]["must_not"] == [
        {"match": {"t": "x"}},
        {"terms": {"c": ["v0", "v1", "v2"]}},
    ]
    assert finding.fix is not None and finding.fix.safety is FixSafety.SAFE


def test_terms_export_becomes_composite_with_sub_aggregations() -> None:
    body = {
        "size": 0,
        "aggs": {
            "u": {"terms": {"field": "user", "size": 9000}, "aggs": {"m": {"max": {"field": "ts"}}}}
        },
    }
    (finding,) = run(terms_agg_export, body)
    agg = rewritten(finding)["aggs"]["u"]
    assert agg["composite"]["sources"] == [{"u": {"terms": {"field": "user"}}}]
    assert agg["aggs"] == {"m": {"max": {"field": "ts"}}}


def test_simple_fixes() -> None:
    (size,) = run(aggs_fetch_hits, {"aggs": {"a": {"avg": {"field": "p"}}}})
    assert rewritten(size)["size"] == 0
    (debug,) = run(debug_flags, {"profile": True, "explain": True, "query": {"match_all": {}}})
    assert rewritten(debug) == {"query": {"match_all": {}}}
    body = {"size": 0, "aggs": {"d": {"date_histogram": {"field": "ts", "interval": "month"}}}}
    (legacy,) = run(legacy_interval, body)
    assert rewritten(legacy)["aggs"]["d"]["date_histogram"] == {
        "field": "ts",
        "calendar_interval": "month",
    }


def test_fix_of_a_template_rewrites_the_source() -> None:
    text = (
        "GET x/_search/template\n"
        '{"source": {"profile": true, "query": {"match_all": {}}}, "params": {}}'
    )
    (request,) = read_requests(SourceText.of("t.osq", text))
    (finding,) = debug_flags.check(request, DslContext({}, None, (request,)))
    assert rewritten(finding) == {"query": {"match_all": {}}}
    assert finding.location is not None and finding.location.line == 2
