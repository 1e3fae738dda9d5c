"""Odd but parseable bodies never crash the reader or a rule."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from advisor.config import Config
from advisor.dsl.mapping import load_mapping
from advisor.dsl.reader import read_requests
from advisor.engine_dsl import lint_requests
from advisor.model import SourceText
from rules.registry import all_rules

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "opensearch"
MAPPING = load_mapping(json.loads((EXAMPLES / "mappings" / "products.json").read_text()))

ODD_BODIES: list[dict[str, Any]] = [
    {"query": {"bool": {"must": "x", "should": 5, "filter": [None, 1, {"term": {"a/b~c": "v"}}]}}},
    {"query": {"term": {"f": None}}},
    {"sort": {"_script": 5}},
    {"aggs": {"a": {"terms": {"size": "big", "order": 5}}}},
    {"query": {"range": {"f": {"gte": None}}}},
    {"query": {"terms": {"f": {"index": 1}}}},
    {"query": {"function_score": {"functions": [1, 2]}}},
    {"query": {"nested": {"path": 5, "query": {}}}},
    {"size": -5, "from": "abc"},
    {"from": 1e30, "size": 1e30},
    {"query": {"multi_match": {"fields": "title", "query": 5}}},
    {"query": {"fuzzy": {"title": {"value": "x", "prefix_length": "a", "max_expansions": None}}}},
    {
        "aggs": {
            "a": {"histogram": {"interval": 0, "min_doc_count": 0, "extended_bounds": {"min": 0}}}
        }
    },
    {"aggs": {"a": {"composite": {"sources": [5, {"x": 5}, {"y": {"terms": 5}}]}}}},
    {"query": {"script": {"script": {"source": 5}}}},
    {"search_after": 5, "sort": "x"},
    {"query": {"": {}}},
    {"aggs": {"": {}, "b": 5, "c": {"aggs": {"d": {"terms": {}}}}}},
]


def lint(body: Any) -> None:
    text = "GET products/_search?scroll=1m&size=x\n" + json.dumps(body, indent=1)
    requests = read_requests(SourceText.of("odd.osq", text))
    lint_requests(requests, Config(), all_rules(), {"*": MAPPING})


@pytest.mark.parametrize("body", ODD_BODIES)
def test_odd_shapes(body: dict[str, Any]) -> None:
    lint(body)


def test_mutated_example_bodies() -> None:
    rng = random.Random(7)
    odd: list[Any] = [None, 1, -5, 1.5, "x", "now-1h", "*x", ".*x", True, [], {}, "a" * 1200]
    bodies = [
        r.value
        for path in sorted(EXAMPLES.glob("*.osq"))
        for r in read_requests(SourceText.of(path.name, path.read_text(encoding="utf-8")))
        if isinstance(r.value, dict)
    ]
    assert bodies

    def mutate(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: rng.choice(odd) if rng.random() < 0.15 else mutate(v) for k, v in value.items()
            }
        if isinstance(value, list):
            return [rng.choice(odd) if rng.random() < 0.15 else mutate(v) for v in value]
        return value

    for _ in range(300):
        lint(mutate(rng.choice(bodies)))


def test_ten_thousand_deep_request_through_every_rule() -> None:
    clause = '{"term": {"a": 1}}'
    for _ in range(10_000):
        clause = '{"bool": {"must": [' + clause + "]}}"
    text = 'GET x/_search\n{"query": ' + clause + ', "profile": true}\n'
    (request,) = read_requests(SourceText.of("deep.osq", text))
    assert request.search is not None
    findings = lint_requests([request], Config(), all_rules(), {})
    by_rule = {f.rule_id: f for f in findings}
    assert {"OS-Q17", "OS-Q24", "OS-Q26"} <= set(by_rule)
    term = by_rule["OS-Q17"]
    # Column of the `term` clause body on line 2 (the request line is 14 characters long).
    assert term.location is not None and term.location.column == text.index('{"a": 1}') - 13
    fix = by_rule["OS-Q24"].fix
    assert fix is not None and '"profile"' not in fix.content
