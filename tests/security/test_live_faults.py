"""Live deadlines and faults: every live read ends within its deadline, whatever the server
does, with exit code 2, a one-line reason, and the findings of the sources that succeeded.

The faults are small servers of our own on 127.0.0.1 (tests/security/fault_servers.py): one
that accepts and never answers, one that answers garbage, one that answers 500s, one that
trickles its answer, a proxy to the real server that freezes or is killed mid-run; and a
session of the real PostgreSQL server holding an ACCESS EXCLUSIVE lock on a table of the
test's own schema, which the catalog read needs.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from advisor.cli import cli
from security import fault_servers
from security.fault_servers import Proxy

GRACE = 3.0  # seconds past a deadline a run may take to print what it read and stop


def run(*args: str) -> tuple[Result, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, list(args))
    return result, time.perf_counter() - started


def assert_clean_exit_2(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def pg_at(admin: str, port: int) -> str:
    """The admin DSN pointed at another port of this machine (a fault server or a proxy)."""
    params = {k: str(v) for k, v in conninfo_to_dict(admin).items() if v is not None}
    return make_conninfo(**{**params, "host": "127.0.0.1", "port": str(port)})


# Options are checked before anything connects ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--opensearch", "http://127.0.0.1:9", "--os-timeout", "0"],
        ["--opensearch", "http://127.0.0.1:9", "--os-timeout", "inf"],
        ["--opensearch", "http://127.0.0.1:9", "--os-timeout", "nan"],
        ["--opensearch", "http://127.0.0.1:9", "--os-timeout", "-5"],
        ["--dsn", "host=127.0.0.1 port=9", "--connect-timeout", "0"],
        ["--dsn", "host=127.0.0.1 port=9", "--statement-timeout", "nan"],
        ["--dsn", "host=127.0.0.1 port=9", "--deadline", "0"],
        ["--dsn", "host=127.0.0.1 port=9", "--deadline", "1e400"],
        ["--opensearch", "http://127.0.0.1:99999"],
        ["--opensearch", "ftp://127.0.0.1:9200"],
    ],
)
@pytest.mark.parametrize("command", ["analyze", "snapshot"])
def test_live_deadlines_timeouts_and_ports_are_validated(
    command: str, args: list[str], tmp_path: object
) -> None:
    extra = ["-o", f"{tmp_path}/s.json"] if command == "snapshot" else []
    result, seconds = run(command, *args, *extra)
    assert_clean_exit_2(result)
    assert "Usage" in result.output or "Error" in result.output
    assert seconds < 2


def test_live_deadlines_postgres_port_out_of_range() -> None:
    result, seconds = run("analyze", "--dsn", "postgresql://u@127.0.0.1:99999/db")
    assert_clean_exit_2(result)
    assert "invalid port" in result.stderr and seconds < 3


# Servers that never answer, answer garbage, or answer errors ------------------------------------


def test_live_deadlines_silent_server_postgres_connect_timeout() -> None:
    with fault_servers.silent() as server:
        result, seconds = run(
            "analyze", "--dsn", f"host=127.0.0.1 port={server.port} user=u dbname=d",
            "--connect-timeout", "2", "--deadline", "60",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert seconds < 2 + GRACE


def test_live_deadlines_silent_server_postgres_deadline_holds() -> None:
    with fault_servers.silent() as server:
        result, seconds = run(
            "analyze", "--dsn", f"host=127.0.0.1 port={server.port} user=u dbname=d",
            "--connect-timeout", "60", "--deadline", "2",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "deadline (2 s)" in result.stderr
    assert seconds < 2 + GRACE


def test_live_deadlines_silent_server_redshift_deadline_holds() -> None:
    with fault_servers.silent() as server:
        result, seconds = run(
            "analyze", "--redshift", f"host=127.0.0.1 port={server.port} user=u dbname=d",
            "--connect-timeout", "60", "--deadline", "2",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "Redshift" in result.stderr and "deadline (2 s)" in result.stderr
    assert seconds < 2 + GRACE


def test_live_deadlines_silent_server_opensearch() -> None:
    with fault_servers.silent() as server:
        result, seconds = run(
            "analyze", "--opensearch", f"http://127.0.0.1:{server.port}",
            "--os-timeout", "60", "--deadline", "2",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "OpenSearch" in result.stderr and "deadline" in result.stderr
    assert seconds < 2 + GRACE


@pytest.mark.parametrize("source", ["--dsn", "--opensearch"])
def test_live_deadlines_garbage_answer(source: str) -> None:
    with fault_servers.garbage() as server:
        target = (
            f"host=127.0.0.1 port={server.port} user=u dbname=d sslmode=disable"
            if source == "--dsn"
            else f"http://127.0.0.1:{server.port}"
        )
        result, seconds = run("analyze", source, target, "--deadline", "5")
    assert_clean_exit_2(result)
    assert "\x1b" not in result.output  # the garbage is never echoed raw
    assert seconds < 5 + GRACE


def test_live_deadlines_http_500_with_a_hostile_answer() -> None:
    body = b'{"error": {"root_cause": [{"reason": "\\u001b[2J' + b"x" * 20_000 + b'"}]}}'
    with fault_servers.http_error(500, body) as server:
        result, seconds = run(
            "analyze", "--opensearch", f"http://127.0.0.1:{server.port}", "--deadline", "10"
        )
    assert_clean_exit_2(result)
    last = result.stderr.strip().splitlines()[-1]
    assert "HTTP 500" in last and "^[[2J" in last and "\x1b" not in last
    assert len(last) < 800  # capped, with a note of what was cut
    assert seconds < 10


def test_live_deadlines_trickling_server_opensearch() -> None:
    with fault_servers.trickle(0.1) as server:
        result, seconds = run(
            "analyze", "--opensearch", f"http://127.0.0.1:{server.port}",
            "--os-timeout", "10", "--deadline", "3",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "deadline (3 s)" in result.stderr
    assert seconds < 3 + GRACE


# The real servers, behind a proxy that freezes or dies ------------------------------------------


def test_live_deadlines_frozen_postgres_backend(pg_admin: str, own_schema: str) -> None:
    """The answer to the catalog read never arrives (statement timeout or not): the
    deadline holds, and what was read before (the settings) is kept."""
    port = int(conninfo_to_dict(pg_admin).get("port") or 5432)
    with Proxy(port, freeze_on=b"pg_total_relation_size") as proxy:
        result, seconds = run(
            "analyze", "--dsn", pg_at(pg_admin, proxy.port), "--schema", own_schema,
            "--statement-timeout", "1", "--deadline", "4",
        )  # fmt: skip
        assert proxy.frozen.is_set()
    assert_clean_exit_2(result)
    assert "deadline (4 s)" in result.stderr
    assert seconds < 4 + GRACE


def test_live_deadlines_opensearch_killed_mid_run(os_node: str) -> None:
    port = int(os_node.rsplit(":", 1)[1].strip("/"))
    with Proxy(port) as proxy:

        def kill_after_two_requests() -> None:
            for _ in range(400):
                if proxy.requests >= 2:
                    proxy.kill()
                    return
                time.sleep(0.01)

        killer = threading.Thread(target=kill_after_two_requests, daemon=True)
        killer.start()
        result, seconds = run(
            "analyze", "--opensearch", f"http://127.0.0.1:{proxy.port}", "--deadline", "10"
        )
        killer.join()
    assert_clean_exit_2(result)
    assert "OpenSearch" in result.stderr
    assert seconds < 10


def test_live_deadlines_postgres_killed_mid_run(pg_admin: str, own_schema: str) -> None:
    port = int(conninfo_to_dict(pg_admin).get("port") or 5432)
    with Proxy(port, freeze_on=b"pg_total_relation_size") as proxy:

        def kill_when_frozen() -> None:
            proxy.frozen.wait(10)
            proxy.kill()

        threading.Thread(target=kill_when_frozen, daemon=True).start()
        result, seconds = run(
            "analyze", "--dsn", pg_at(pg_admin, proxy.port), "--schema", own_schema,
            "--deadline", "10",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "PostgreSQL" in result.stderr
    assert seconds < 10


def test_live_deadlines_lock_blocking_the_catalog_read(pg_admin: str, own_schema: str) -> None:
    """Another session holds ACCESS EXCLUSIVE on a table the catalog read must size."""
    with psycopg.connect(pg_admin) as holder:
        holder.execute(f"LOCK TABLE {own_schema}.events IN ACCESS EXCLUSIVE MODE")
        result, seconds = run(
            "analyze", "--dsn", pg_admin, "--schema", own_schema, "--deadline", "5"
        )
        holder.rollback()
    assert_clean_exit_2(result)
    assert "PostgreSQL" in result.stderr.strip().splitlines()[-1]
    assert seconds < 5 + GRACE


def test_live_deadlines_keep_the_findings_of_sources_that_succeeded(
    pg_admin: str, own_schema: str
) -> None:
    with fault_servers.silent() as server:
        result, seconds = run(
            "analyze", "--dsn", pg_admin, "--schema", own_schema,
            "--opensearch", f"http://127.0.0.1:{server.port}", "--deadline", "3",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "(1 table," in result.stderr  # the PostgreSQL read succeeded and was analysed
    assert "finding" in result.stdout.lower()  # and its report was printed
    assert "OpenSearch" in result.stderr and "deadline" in result.stderr
    assert seconds < 3 + GRACE


def test_live_deadlines_request_loops_are_bounded_in_count() -> None:
    """However many searches the request files hold, one read validates at most
    MAX_REQUESTS of them (and the deadline bounds the time they take)."""
    from connectors import opensearch as osc

    class Transport:
        calls = 0

        def perform_request(self, method: str, path: str, **_: object) -> object:
            Transport.calls += 1
            if path.endswith("_validate/query"):
                return {"valid": True}
            return [] if path.startswith("/_cat") else {}

    class Client:
        transport = Transport()

    requests = [osc.OsRequest("logs", {"query": {"match_all": {}}})] * 5000
    source = osc.OpenSearchSource(url="http://127.0.0.1:9", deadline=30)
    snap = osc.read_opensearch(source, requests, client=Client())
    assert len(snap.validations) == osc.MAX_REQUESTS
    assert Transport.calls < osc.MAX_REQUESTS + 20


def test_live_deadlines_os_timeout_bounds_a_whole_trickled_request() -> None:
    """--os-timeout holds for a whole answer, not per byte: with the default deadline."""
    with fault_servers.trickle(0.1) as server:
        result, seconds = run(
            "analyze", "--opensearch", f"http://127.0.0.1:{server.port}", "--os-timeout", "2"
        )
    assert_clean_exit_2(result)
    assert "no whole answer to a request within 2 s" in result.stderr
    assert seconds < 2 + GRACE


def test_live_deadlines_statement_timeout_holds_on_a_frozen_backend(
    pg_admin: str, own_schema: str
) -> None:
    """The server cannot time out a statement whose answer it cannot send: the client stops
    waiting at the statement timeout plus a grace, with the default deadline."""
    port = int(conninfo_to_dict(pg_admin).get("port") or 5432)
    with Proxy(port, freeze_on=b"pg_total_relation_size") as proxy:
        result, seconds = run(
            "analyze", "--dsn", pg_at(pg_admin, proxy.port), "--schema", own_schema,
            "--statement-timeout", "2", "--connect-timeout", "2",
        )  # fmt: skip
    assert_clean_exit_2(result)
    assert "no answer to a statement within its timeout (2 s)" in result.stderr
    assert seconds < 4 + GRACE
