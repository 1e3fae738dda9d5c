"""Every request the connector sends is a read: GET, or POST to `_search` (profiled, only when
asked), `_validate/query` or `_count`. Recorded at the client's transport."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from opensearchpy import Transport

from advisor.cli import cli
from connectors.opensearch import READ_POSTS, OpenSearchReader, OpenSearchSource, OsRequest
from opensearch.conftest import LIVE_REQUESTS

pytestmark = pytest.mark.opensearch

Sent = list[tuple[str, str, dict[str, Any], Any]]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    calls: Sent = []
    original = Transport.perform_request

    def record(self: Transport, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((method, url, dict(kwargs.get("params") or {}), kwargs.get("body")))
        return original(self, method, url, *args, **kwargs)

    monkeypatch.setattr(Transport, "perform_request", record)
    return calls


def assert_reads_only(calls: Sent) -> None:
    assert calls
    for method, url, _params, body in calls:
        path = url.split("?", 1)[0].rstrip("/")
        if method == "GET":
            continue
        assert method == "POST", (method, url)
        assert path.endswith(READ_POSTS), url
        if path.endswith("_search"):
            assert body is not None and body.get("profile") is True


def test_a_full_read_sends_only_reads(demo: str, sent: Sent) -> None:
    requests = [str(p) for p in sorted(LIVE_REQUESTS.glob("*.json"))]
    profile_args = [a for r in requests for a in ("--profile", r)]
    result = CliRunner().invoke(cli, ["analyze", "--opensearch", demo, *profile_args, *requests])
    assert result.exit_code == 1, result.output
    assert_reads_only(sent)
    posts = [url for method, url, _, _ in sent if method == "POST"]
    assert sum(url.endswith("/_search") for url in posts) == len(requests)


def test_without_profile_no_search_is_run(demo: str, sent: Sent) -> None:
    requests = [str(p) for p in sorted(LIVE_REQUESTS.glob("*.json"))]
    result = CliRunner().invoke(cli, ["analyze", "--opensearch", demo, *requests])
    assert result.exit_code == 1, result.output
    assert_reads_only(sent)
    assert not [url for _, url, _, _ in sent if url.endswith("_search")]


def test_the_reader_refuses_a_post_elsewhere(demo: str, sent: Sent) -> None:
    reader = OpenSearchReader(OpenSearchSource(demo))
    with pytest.raises(ValueError, match="not a read-only endpoint"):
        reader._read_post("/demo-products/_doc", {"sku": "x"}, {})
    with pytest.raises(ValueError, match="not a read-only endpoint"):
        reader._read_post("/demo-products/_delete_by_query", {"query": {}}, {})
    assert sent == []
    reader.read_validations([OsRequest("demo-products", {"query": {"match_all": {}}})])
    assert [(m, u) for m, u, _, _ in sent] == [("POST", "/demo-products/_validate/query")]
