"""Fixtures for tests against the real OpenSearch node of `services/opensearch.sh`.

Those tests skip when the node cannot be reached, unless ADVISOR_REQUIRE_SERVICES is set (as in
CI): then they fail, so a broken service can never pass as skipped tests.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest
from service_support import ROOT, service_module, unavailable

from advisor.live import request_files, search_requests
from advisor.model_opensearch import OsSnapshot
from connectors.opensearch import OpenSearchSource, OsRequest, read_opensearch

LIVE_REQUESTS = ROOT / "examples" / "opensearch" / "live"


def node_url() -> str:
    return os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9200")


@pytest.fixture(scope="session")
def os_url() -> str:
    """The node's URL, or a skip (a failure under ADVISOR_REQUIRE_SERVICES)."""
    url = node_url()
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            answer.read()
    except (urllib.error.URLError, OSError) as err:
        reason = f"OpenSearch is not reachable at {url}: {err}"
        unavailable(reason, "services/opensearch.sh start")
    return url


@pytest.fixture(scope="session")
def demo(os_url: str) -> str:
    """The demo indices loaded; returns the node URL."""
    service_module("demo_opensearch").load(os_url)
    return os_url


@pytest.fixture(scope="session")
def live_requests() -> list[OsRequest]:
    return search_requests(request_files([LIVE_REQUESTS]))


@pytest.fixture(scope="session")
def live_snapshot(demo: str, live_requests: list[OsRequest]) -> OsSnapshot:
    """One read of the demo cluster with every live request validated and profiled."""
    return read_opensearch(OpenSearchSource(demo), live_requests, profile=live_requests)
