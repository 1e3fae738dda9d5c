"""`lint --opensearch URL --verify-fixes` against the real node, on a scratch index of its own.

The index holds 300 documents: brand alternates acme/zeta, color cycles red/blue/green, and
`sku` is a keyword with `ignore_above: 8` (the long skus of odd documents are not in its term
dictionary) beside a `wildcard`-typed sub-field `sku.wc` that holds every sku. So a query on
`sku` and the same query on `sku.wc` differ on this data, although OS-Q01 calls that rewrite
safe: the live check is what tells.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli

DOCS = 300
MAPPING: dict[str, Any] = {
    "properties": {
        "brand": {"type": "keyword"},
        "color": {"type": "keyword"},
        "title": {"type": "text"},
        "price": {"type": "integer"},
        "sku": {
            "type": "keyword",
            "ignore_above": 8,
            "fields": {"wc": {"type": "wildcard"}},
        },
    }
}


def document(i: int) -> dict[str, Any]:
    return {
        "brand": ("acme", "zeta")[i % 2],
        "color": ("red", "blue", "green")[i % 3],
        "title": f"trail shoe {i}",
        "price": i % 150,
        "sku": f"S-{i:05d}" if i % 2 == 0 else f"SKU-{i:05d}",
    }


@pytest.fixture(scope="module")
def scratch(os_url: str) -> Iterator[str]:
    """A scratch index of this test module, dropped afterwards."""
    from opensearchpy import OpenSearch, helpers

    client = OpenSearch(hosts=[os_url], timeout=30)
    name = f"osverify-{uuid.uuid4().hex[:8]}"
    settings = {"number_of_shards": 1, "number_of_replicas": 0}
    client.indices.create(index=name, body={"settings": settings, "mappings": MAPPING})
    try:
        helpers.bulk(client, ({"_index": name, "_source": document(i)} for i in range(DOCS)))
        client.indices.refresh(index=name)
        yield name
    finally:
        client.indices.delete(index=name, ignore=[404])


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", "--format", "json", *args])


def findings(result: Result) -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads(result.stdout)
    return list(data["findings"])


def one(result: Result, rule_id: str) -> dict[str, Any]:
    found = [f for f in findings(result) if f["rule_id"] == rule_id]
    assert len(found) == 1, result.output
    return found[0]


def request_file(tmp_path: Path, text: str, name: str = "requests.osq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scored_term(index: str, extra: str = "") -> str:
    """OS-Q17: a yes/no term scored in `must`; moving it to `filter` keeps the hits."""
    return f"""GET {index}/_search
{{
  "timeout": "2s",{extra}
  "query": {{
    "bool": {{
      "must": [
        {{ "match": {{ "title": "trail" }} }},
        {{ "term": {{ "brand": "acme" }} }}
      ]
    }}
  }}
}}
"""


def optional_should(index: str) -> str:
    """OS-Q18: `minimum_should_match: 1` makes the red ones required: 150 hits become 50."""
    return f"""GET {index}/_search
{{
  "timeout": "2s",
  "query": {{
    "bool": {{
      "filter": [{{ "term": {{ "brand": "acme" }} }}],
      "should": [{{ "term": {{ "color": "red" }} }}]
    }}
  }}
}}
"""


def test_a_rewrite_that_keeps_the_results_is_verified_with_both_times(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    path = request_file(tmp_path, scored_term(scratch))
    result = lint(str(path), "--opensearch", os_url, "--verify-fixes")
    assert result.exit_code == 1, result.output
    finding = one(result, "OS-Q17")
    evidence = finding["evidence"]
    assert evidence["verify_verdict"] == "same results"
    assert evidence["verify_index"] == scratch
    assert evidence["original_hits"] == evidence["rewrite_hits"] == DOCS // 2
    assert evidence["same_hits"] is True
    for form in ("original", "rewrite"):
        assert evidence[f"{form}_runs"] == 3
        assert evidence[f"{form}_took_ms"] >= 0
        assert evidence[f"{form}_query_ms"] > 0  # the profile's query time was read
    fix = finding["fix"]
    assert fix["safety"] == "unsafe"  # as the rule says: the same hits, but other scores
    assert f"checked on {scratch}: the same 150 hits; took " in fix["title"]
    assert "query " in fix["title"] and "median of 3 runs" in fix["title"]
    assert "1 keeps the results" in result.stderr


def test_a_sorted_request_compares_its_top_hits_in_order(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    """OS-Q29's capped precision_threshold changes only the aggregation: the same top hits,
    and the safe fix is applied by --fix."""
    text = f"""GET {scratch}/_search
{{
  "timeout": "2s",
  "size": 5,
  "sort": [{{ "price": "desc" }}],
  "query": {{ "term": {{ "brand": "acme" }} }},
  "aggs": {{ "colors": {{ "cardinality": {{ "field": "color", "precision_threshold": 100000 }} }} }}
}}
"""
    path = request_file(tmp_path, text)
    result = lint(str(path), "--opensearch", os_url, "--verify-fixes")
    finding = one(result, "OS-Q29")
    assert finding["evidence"]["verify_verdict"] == "same results"
    assert finding["evidence"]["same_top_ids"] is True
    assert finding["fix"]["safety"] == "safe"
    assert "the same 150 hits and the same top 5 in order" in finding["fix"]["title"]
    CliRunner().invoke(cli, ["lint", str(path), "--opensearch", os_url, "--verify-fixes", "--fix"])
    assert '"precision_threshold": 40000' in path.read_text(encoding="utf-8")


def test_a_rewrite_that_changes_the_hit_count_is_marked_unsafe(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    path = request_file(tmp_path, optional_should(scratch))
    result = lint(str(path), "--opensearch", os_url, "--verify-fixes")
    finding = one(result, "OS-Q18")
    evidence = finding["evidence"]
    assert evidence["verify_verdict"] == "results change"
    assert (evidence["original_hits"], evidence["rewrite_hits"]) == (150, 50)
    assert evidence["same_hits"] is False
    assert finding["fix"]["safety"] == "advisory"
    assert "NOT SAFE" in finding["fix"]["title"]
    assert "changes the hit count: 150 -> 50" in finding["fix"]["title"]
    assert "1 changes the results (not safe)" in result.stderr


def test_a_json_file_names_its_index_beside_the_body(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    body = {
        "timeout": "2s",
        "query": {
            "bool": {
                "filter": [{"term": {"brand": "acme"}}],
                "should": [{"term": {"color": "red"}}],
            }
        },
    }
    text = json.dumps({"index": scratch, "body": body}, indent=2)
    path = request_file(tmp_path, text, "search.json")
    evidence = one(lint(str(path), "--opensearch", os_url, "--verify-fixes"), "OS-Q18")["evidence"]
    assert evidence["verify_index"] == scratch
    assert (evidence["original_hits"], evidence["rewrite_hits"]) == (150, 50)


def test_a_pattern_that_matches_no_index_is_a_note(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    pattern = f"{scratch}-none-*"
    result = lint(
        str(request_file(tmp_path, optional_should(pattern))),
        "--opensearch",
        os_url,
        "--verify-fixes",
    )
    evidence = one(result, "OS-Q18")["evidence"]
    assert evidence["verify_note"] == f"not checked: no index matches {pattern}"


def test_a_fix_the_rule_calls_safe_is_not_applied_when_it_changes_results_here(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    """OS-Q01's rewrite to the `wildcard` sub-field is safe by its rule, but on this index the
    keyword field misses the long skus that the sub-field holds: --fix must leave it."""
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({scratch: {"mappings": MAPPING}}), encoding="utf-8")
    body = '{ "timeout": "2s", "query": { "wildcard": { "sku": "*1" } } }'
    text = f"GET {scratch}/_search\n{body}\n"
    path = request_file(tmp_path, text)
    common = ("--opensearch", os_url, "--mapping", f"{scratch}={mapping}")
    plain = lint(str(path), *common)
    assert one(plain, "OS-Q01")["fix"]["safety"] == "safe"
    checked = lint(str(path), *common, "--verify-fixes")
    finding = one(checked, "OS-Q01")
    assert finding["fix"]["safety"] == "advisory"
    # Odd documents end in 1, 3, 5, 7, 9: 30 end in 1, of which the keyword field keeps none.
    assert (finding["evidence"]["original_hits"], finding["evidence"]["rewrite_hits"]) == (0, 30)
    fixed = CliRunner().invoke(cli, ["lint", str(path), *common, "--verify-fixes", "--fix"])
    assert path.read_text(encoding="utf-8") == text, fixed.output
    assert "NOT SAFE" in fixed.stdout


def test_a_missing_index_is_a_clear_note_and_no_failure(
    os_url: str, scratch: str, tmp_path: Path
) -> None:
    missing = f"{scratch}-missing"
    path = request_file(tmp_path, optional_should(missing) + "\n" + optional_should(scratch))
    result = lint(str(path), "--opensearch", os_url, "--verify-fixes")
    assert result.exit_code == 1, result.output  # the findings', not a failure's
    assert "Traceback" not in result.output
    by_index = {f["evidence"].get("verify_index"): f for f in findings(result)}
    gone = by_index[missing]
    assert gone["evidence"]["verify_verdict"] == "not verified"
    assert gone["evidence"]["verify_note"] == f"not checked: no index {missing} on the cluster"
    assert gone["fix"]["safety"] == "unsafe"  # untouched: nothing was learnt
    assert f"fix not checked: no index {missing} on the cluster" in result.stderr
    assert by_index[scratch]["evidence"]["verify_verdict"] == "results change"


def search_count(os_url: str, index: str) -> int:
    from opensearchpy import OpenSearch

    stats = OpenSearch(hosts=[os_url]).indices.stats(index=index, metric="search")
    return int(stats["indices"][index]["total"]["search"]["query_total"])


def test_the_number_of_checks_is_bounded(os_url: str, scratch: str, tmp_path: Path) -> None:
    bodies = [optional_should(scratch), scored_term(scratch), scored_term(scratch, '"size": 3,')]
    path = request_file(tmp_path, "\n".join(bodies))
    before = search_count(os_url, scratch)
    result = lint(str(path), "--opensearch", os_url, "--verify-fixes", "--verify-limit", "1")
    after = search_count(os_url, scratch)
    verdicts = [f["evidence"]["verify_verdict"] for f in findings(result)]
    assert sorted(verdicts) == ["not verified", "not verified", "results change"]
    notes = [f["evidence"].get("verify_note") for f in findings(result)]
    assert notes.count("not checked: past the limit of 1 checks a run") == 2
    assert after - before == 2 * 3  # one pair, three runs of each form: nothing else
    assert "1 rewrite run next to its original" in result.stderr


def test_nothing_is_written_to_the_index(os_url: str, scratch: str, tmp_path: Path) -> None:
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[os_url])
    before = client.indices.stats(index=scratch, metric="indexing,docs")["indices"][scratch]
    path = request_file(tmp_path, optional_should(scratch) + "\n" + scored_term(scratch))
    lint(str(path), "--opensearch", os_url, "--verify-fixes")
    after = client.indices.stats(index=scratch, metric="indexing,docs")["indices"][scratch]
    assert after["total"]["indexing"]["index_total"] == before["total"]["indexing"]["index_total"]
    assert after["total"]["docs"]["count"] == DOCS
