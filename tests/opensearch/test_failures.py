"""Failures of the live path: a clear one-line error within the timeout, exit code 2, no
traceback, no password, and what was read before the failure kept."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner, Result
from service_support import free_port

from advisor.cli import cli
from connectors.opensearch import ConnectorError, OpenSearchSource, read_opensearch

SECRET = "os-secret-91f3"
ANSWERS = {
    "/": {"cluster_name": "fake", "version": {"number": "2.19.6"}},
    "/_cluster/health": {"status": "green", "number_of_nodes": 1, "number_of_data_nodes": 1},
    "/_cluster/settings": {"persistent": {}, "transient": {}, "defaults": {}},
}


def analyze(*args: str) -> tuple[Result, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["analyze", *args])
    return result, time.perf_counter() - started


def assert_clean_failure(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines()[-1].startswith("advisor: OpenSearch ")


def test_node_down_fails_fast_and_clearly() -> None:
    port = free_port()  # nothing listens there
    result, seconds = analyze("--opensearch", f"http://127.0.0.1:{port}", "--os-timeout", "3")
    assert_clean_failure(result)
    assert f"127.0.0.1:{port}" in result.stderr and "refused" in result.stderr
    assert seconds < 5


def test_credentials_in_the_url_are_never_printed() -> None:
    url = f"http://advisor:{SECRET}@127.0.0.1:{free_port()}"
    result, _ = analyze("--opensearch", url, "--os-timeout", "2")
    assert_clean_failure(result)
    assert SECRET not in result.output
    assert "advisor:***@127.0.0.1" in result.stderr


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A socket that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield int(sock.getsockname()[1])
    sock.close()


def test_no_answer_times_out_within_the_limit(silent_server: int) -> None:
    url = f"http://127.0.0.1:{silent_server}"
    result, seconds = analyze("--opensearch", url, "--os-timeout", "1")
    assert_clean_failure(result)
    assert "no answer within 1 s (GET /)" in result.stderr
    assert seconds < 4


class _DiesMidRead(BaseHTTPRequestHandler):
    """Answers the cluster reads, then drops the connection halfway through `_cat/indices`."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ANSWERS:
            data = json.dumps(ANSWERS[path]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "5000")
        self.end_headers()
        self.wfile.write(b'[{"index": "half')
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dying_server() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DiesMidRead)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_killed_mid_read_keeps_the_partial_snapshot(dying_server: int) -> None:
    url = f"http://127.0.0.1:{dying_server}"
    with pytest.raises(ConnectorError) as caught:
        read_opensearch(OpenSearchSource(url, timeout=2, retries=0))
    assert "cannot reach the node (GET /_cat/indices)" in str(caught.value)
    partial = caught.value.partial
    assert partial is not None and partial.cluster.name == "fake" and partial.indices == ()
    result, seconds = analyze("--opensearch", url, "--os-timeout", "2", "--format", "json")
    assert_clean_failure(result)
    assert json.loads(result.stdout)["findings"] is not None  # the partial read is analysed
    assert seconds < 6


class _NotOpenSearch(BaseHTTPRequestHandler):
    """Some other web server: HTML for every path."""

    def do_GET(self) -> None:
        data = b"<html>hello</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_server_that_is_not_opensearch() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenSearch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result, _ = analyze("--opensearch", f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
    assert_clean_failure(result)
    assert "unexpected answer" in result.stderr
