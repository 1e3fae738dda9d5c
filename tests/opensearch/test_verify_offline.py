"""`--verify-fixes` without a node: what is sent, how the two forms are judged, and failures."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from service_support import free_port

from advisor.cli import cli
from advisor.dsl.reader import read_requests
from advisor.model import Finding, Fix, FixKind, FixSafety, Location, Severity, SourceText
from advisor.model_opensearch import OsMeasuredSearch
from advisor.verify_os import (
    Outcome,
    Pair,
    Verdict,
    Verifier,
    annotated,
    cluster_measure,
    judge,
    measured_body,
    pair_of,
)
from connectors.opensearch import OpenSearchSource
from connectors.opensearch_measure import SearchMeter, query_time_ns

REQUESTS = """GET shop/_search
{
  "timeout": "2s",
  "query": {
    "bool": {
      "filter": [{ "term": { "brand": "acme" } }],
      "should": [{ "term": { "color": "red" } }]
    }
  }
}
"""


def answer(hits: int, ids: tuple[str, ...] = (), query_ns: int = 2_000_000) -> dict[str, Any]:
    return {
        "took": 4,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "failed": 0},
        "hits": {
            "total": {"value": hits, "relation": "eq"},
            "hits": [{"_index": "shop", "_id": i} for i in ids],
        },
        "profile": {
            "shards": [
                {"id": "[n][shop][0]", "searches": [{"query": [{"time_in_nanos": query_ns}]}]}
            ]
        },
    }


class Transport:
    """Records every request; answers each search with the next canned answer."""

    def __init__(self, answers: list[dict[str, Any]]) -> None:
        self.answers = answers
        self.sent: list[tuple[str, str, dict[str, str], Any]] = []

    def perform_request(
        self, method: str, path: str, params: dict[str, str], body: Any, timeout: float
    ) -> dict[str, Any]:
        self.sent.append((method, path, params, body))
        return self.answers[(len(self.sent) - 1) % len(self.answers)]

    def close(self) -> None:
        pass


class Client:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport


def test_only_profiled_searches_are_sent_with_the_cache_off() -> None:
    transport = Transport([answer(10), answer(4)])
    meter = SearchMeter(OpenSearchSource("http://node:9200"), Client(transport))
    bodies = [measured_body({"query": {"match_all": {}}, "from": 20, "size": 50}, 0)] * 2
    original, rewrite = meter.measure("shop", bodies, rounds=3)
    assert len(transport.sent) == 6
    for method, path, params, body in transport.sent:
        assert (method, path, params) == ("POST", "/shop/_search", {"request_cache": "false"})
        assert body["profile"] is True and body["track_total_hits"] is True
        assert body["timeout"] == "5s" and body["size"] == 0 and "from" not in body
    assert original.took_ms == (4, 4, 4) and original.query_ns == (2_000_000,) * 3
    assert (original.hits, rewrite.hits) == (10, 4)


def test_a_sorted_request_fetches_a_few_ids_and_no_source() -> None:
    body = measured_body({"sort": [{"price": "desc"}], "size": 50}, 10)
    assert body["size"] == 10 and body["_source"] is False


def test_the_query_time_sums_the_top_level_queries_of_every_shard() -> None:
    shard = {"searches": [{"query": [{"time_in_nanos": 5}, {"time_in_nanos": 7}]}]}
    assert query_time_ns({"profile": {"shards": [shard, shard]}}) == 24


def measured(hits: int | None = 10, **kw: Any) -> OsMeasuredSearch:
    kw.setdefault("total_shards", 1)
    return OsMeasuredSearch("shop", took_ms=(3,), query_ns=(1_000_000,), hits=hits, **kw)


def pair(compare_ids: bool = False) -> Pair:
    return Pair("shop", {}, {}, compare_ids)


def test_other_top_hits_of_a_sort_change_the_results() -> None:
    outcome = judge(pair(True), measured(top_ids=("a", "b")), measured(top_ids=("b", "a")))
    assert outcome.verdict is Verdict.CHANGED
    assert "changes the top 2 of the sort" in outcome.summary


def test_a_timed_out_search_proves_nothing() -> None:
    outcome = judge(pair(), measured(), measured(timed_out=True))
    assert outcome.verdict is Verdict.NOT_VERIFIED
    assert "timed out after 5 s" in outcome.summary


def test_a_pattern_that_matches_no_index_proves_nothing() -> None:
    outcome = judge(pair(), measured(0, total_shards=0), measured(0, total_shards=0))
    assert outcome.verdict is Verdict.NOT_VERIFIED
    assert outcome.summary == "not checked: no index matches shop"


def finding(safety: FixSafety) -> Finding:
    fix = Fix("Rewrite it", safety, FixKind.DSL, "{}")
    return Finding("OS-Q18", Severity.HIGH, "m", Location("f.osq", 1, 1, 1, 1), fix=fix)


def test_a_rewrite_the_cluster_refuses_becomes_advice() -> None:
    refused = OsMeasuredSearch("shop", error="failed to create query", status=400)
    outcome = judge(pair(), measured(), refused)
    assert outcome.verdict is Verdict.REWRITE_FAILS
    fixed = annotated(finding(FixSafety.SAFE), outcome).fix
    assert fixed is not None and fixed.safety is FixSafety.ADVISORY
    assert "NOT SAFE" in fixed.title and "HTTP 400: failed to create query" in fixed.title


def test_a_rewrite_that_runs_where_the_original_fails_keeps_its_safety() -> None:
    refused = OsMeasuredSearch("shop", error="text fields are not sortable", status=400)
    outcome = judge(pair(), refused, measured(12))
    assert outcome.verdict is Verdict.ORIGINAL_FAILS
    fixed = annotated(finding(FixSafety.SAFE), outcome)
    assert fixed.fix is not None and fixed.fix.safety is FixSafety.SAFE
    assert fixed.evidence.as_dict()["rewrite_hits"] == 12
    assert "original_error" in fixed.evidence.as_dict()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"query": {"match": {"title": "{{q}}"}}}', "the request holds placeholders"),
        ('{"pit": {"id": "abc"}, "query": {"match_all": {}}}', "a search with `pit` is not run"),
    ],
)
def test_requests_that_cannot_be_run_say_why(body: str, reason: str) -> None:
    request = read_requests(SourceText.of("f.osq", f"GET shop/_search\n{body}\n"))[0]
    result = pair_of(request, Fix("x", FixSafety.SAFE, FixKind.DSL, '{"query": {}}'))
    assert isinstance(result, str) and result.startswith(reason)


def test_a_rewrite_of_only_what_the_check_sets_is_not_run() -> None:
    text = 'GET shop/_search\n{"explain": true, "query": {"term": {"a": 1}}}\n'
    request = read_requests(SourceText.of("f.osq", text))[0]
    rewrite = json.dumps({"query": {"term": {"a": 1}}})
    result = pair_of(request, Fix("x", FixSafety.SAFE, FixKind.DSL, rewrite))
    assert result == "the rewrite changes only `explain`, which the check sets itself"


def test_a_request_without_an_index_is_not_run() -> None:
    request = read_requests(SourceText.of("f.osq", 'GET _search\n{"query": {}}\n'))[0]
    result = pair_of(request, Fix("x", FixSafety.SAFE, FixKind.DSL, '{"query": {}}'))
    assert isinstance(result, str) and result.startswith("the request names no index")


def test_a_pair_seen_before_is_not_run_again(tmp_path: Path) -> None:
    runs: list[str] = []

    def measure(index: str, bodies: Any) -> list[OsMeasuredSearch]:
        runs.append(index)
        return [measured(10), measured(4)]

    path = tmp_path / "r.osq"
    path.write_text(REQUESTS, encoding="utf-8")
    verifier = Verifier(measure)
    requests = read_requests(SourceText.of(str(path), REQUESTS))
    fix = Fix("Require one", FixSafety.UNSAFE, FixKind.DSL, json.dumps({"query": {}}))
    loc = requests[0].location
    found = Finding("OS-Q18", Severity.HIGH, "m", loc, fix=fix)
    first = verifier.check_text(str(path), REQUESTS, [found])
    second = verifier.check_text(str(path), REQUESTS, [found])
    assert runs == ["shop"] and first == second
    assert isinstance(verifier.outcomes[next(iter(verifier.outcomes))], Outcome)


def test_the_node_down_is_exit_2_with_a_note_and_the_findings_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.osq"
    path.write_text(REQUESTS, encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(
        cli, ["lint", "--format", "json", str(path), "--opensearch", url, "--verify-fixes"]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    found = json.loads(result.stdout)["findings"]
    assert [f["rule_id"] for f in found] == ["OS-Q18"]
    assert found[0]["evidence"]["verify_note"] == "not checked: the cluster could not be searched"
    assert found[0]["fix"]["safety"] == "unsafe"
    assert "cannot verify fixes: OpenSearch" in result.stderr and "refused" in result.stderr


def test_credentials_in_the_url_are_never_printed(tmp_path: Path) -> None:
    path = tmp_path / "r.osq"
    path.write_text(REQUESTS, encoding="utf-8")
    url = f"http://advisor:os-secret-5d1e@127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["lint", str(path), "--opensearch", url, "--verify-fixes"])
    assert result.exit_code == 2
    assert "os-secret-5d1e" not in result.output
    assert "cannot verify fixes: OpenSearch http://advisor:***@127.0.0.1" in result.stderr


def test_verify_fixes_needs_a_cluster(tmp_path: Path) -> None:
    path = tmp_path / "r.osq"
    path.write_text(REQUESTS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(path), "--verify-fixes"])
    assert result.exit_code == 2
    assert "--verify-fixes needs --opensearch URL" in result.stderr


def test_verify_fixes_reads_files_not_standard_input() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(
        cli, ["lint", "-", "--opensearch", url, "--verify-fixes"], input=REQUESTS
    )
    assert result.exit_code == 2
    assert "--verify-fixes reads the requests from files" in result.stderr


def test_a_node_that_never_answers_ends_the_checks_within_the_timeout() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        verifier = Verifier(cluster_measure(url, timeout=1.0, deadline=5.0))
        requests = read_requests(SourceText.of("r.osq", REQUESTS + "\n" + REQUESTS))
        fix = Fix("Require one", FixSafety.UNSAFE, FixKind.DSL, json.dumps({"query": {}}))
        found = [Finding("OS-Q18", Severity.HIGH, "m", r.location, fix=fix) for r in requests]
        started = time.perf_counter()
        checked = verifier.check_text("r.osq", REQUESTS + "\n" + REQUESTS, found)
        assert time.perf_counter() - started < 4
    finally:
        sock.close()
    assert verifier.failure is not None and "no answer within 1 s" in verifier.failure
    assert verifier.tried == 1  # the second pair is not sent to a node that did not answer
    notes = [f.evidence.as_dict()["verify_note"] for f in checked]
    assert notes == ["not checked: the cluster could not be searched"] * 2
