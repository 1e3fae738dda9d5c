"""Live reads at scale: `advisor analyze` against Redshift (the emulation), PostgreSQL and
OpenSearch with many tables, indices and a long query history, each in scratch data of its own.

Usage (from the repository root, the servers of services/ running, their environment set:
`eval "$(services/postgres.sh env)"; eval "$(services/opensearch.sh env)"`):

    python benchmarks/live.py                                  # everything, 3 rounds
    python benchmarks/live.py --systems redshift --rs-tables 200,2000 --queries 1000000
    python benchmarks/live.py --systems postgres,opensearch --rounds 1
    python benchmarks/live.py --keep                           # leave the scratch data

What it builds (and drops or deletes afterwards unless --keep; a scratch database or index
left by an earlier run is rebuilt, unless --reuse):

- Redshift: one database per table count, `advisor_livescale_rs<N>`, holding the emulation's
  system tables (services/redshift_emulation.sql) and the scenario of
  services/rs_emulation/scale.py: N user tables and `--queries` statements of history over
  `--days` days, read as the emulation's read-only role.
- PostgreSQL: the database `advisor_livescale_pg` with `--pg-tables` tables (a key, two
  columns, an index, some rows) and pg_stat_statements.
- `--database-prefix P` names the databases `P_rs<N>` and `P_pg` instead (up to 24 characters,
  containing `livescale`), so that several runs on one server keep apart.
- OpenSearch: `--indices` indices named `livescale-NNNNN` (one shard, no replica, a small
  mapping, a few documents).

Each round runs `advisor analyze` as a fresh process, with the default limits (10 s a
statement or request), and times it whole. Statements are counted in that process (each
execute of its database cursors, the session settings and system-view probes included);
OpenSearch requests by a counting proxy in front of the cluster. The table printed gives
the median seconds of the rounds, the statements or requests of the last round and its exit
code (0 or 1: read and judged; 2: a read failed). The history window is analyze's default
(--since 7d).
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ROOT / "services"
for path in (ROOT, SERVICES):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# The emulation's loader and scenario live in services/, which is not a package.
redshift_emulation: Any = importlib.import_module("redshift_emulation")
scale: Any = importlib.import_module("rs_emulation.scale")

DATABASE_PREFIX = "advisor_livescale"
PG_DATABASE = f"{DATABASE_PREFIX}_pg"
INDEX_PREFIX = "livescale-"
TARGET_SECONDS = 10.0
# Statements listed per scenario, slowest first (--slowest).
SLOWEST = 5


# A statement's seconds, the connector function that sent it and its first words.
Timed = tuple[float, str, str]


@dataclass(frozen=True, slots=True)
class Result:
    system: str
    scenario: str
    seconds: list[float]
    operations: int
    unit: str
    exit_code: int
    build_seconds: float
    summary: str
    slowest: tuple[Timed, ...] = ()


def admin_dsn() -> str:
    """The server of the PG* environment, spelled out (the timed runs get no PG* variables)."""
    env = os.environ
    return make_conninfo(
        "",
        host=env.get("PGHOST", "127.0.0.1"),
        port=env.get("PGPORT", "5432"),
        user=env.get("PGUSER", "postgres"),
        password=env.get("PGPASSWORD", ""),
        dbname=env.get("PGDATABASE", "postgres"),
    )


def rs_database(tables: int) -> str:
    return f"{DATABASE_PREFIX}_rs{tables}"


def with_database(dsn: str, database: str, **extra: Any) -> str:
    return make_conninfo(dsn, dbname=database, **extra)


def database_exists(admin: str, name: str) -> bool:
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return row is not None


def create_database(admin: str, name: str) -> None:
    assert "livescale" in name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(admin: str, name: str) -> None:
    assert "livescale" in name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Redshift --------------------------------------------------------------------------------


def build_redshift(admin: str, tables: int, queries: int, days: int) -> float:
    """The emulation's schema and the scale scenario in a scratch database of its own."""
    started = time.perf_counter()
    name = rs_database(tables)
    create_database(admin, name)
    dsn = with_database(admin, name)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(redshift_emulation.SCHEMA_SQL.read_text(encoding="utf-8"))
        parts = scale.build(conn, tables, queries, days)
        redshift_emulation.grant_reader(conn, ("redshift_emul", "rs_demo", scale.SCHEMA))
    parts["catalog"] = scale.refresh_catalog(dsn, tables)
    shown = ", ".join(f"{k} {v:.1f} s" for k, v in parts.items())
    print(f"  built {name}: {tables} tables, {queries} queries ({shown})", file=sys.stderr)
    return time.perf_counter() - started


def reader_dsn(admin: str, database: str) -> str:
    return with_database(
        admin,
        database,
        user=redshift_emulation.READER,
        password=redshift_emulation.READER_PASSWORD,
    )


# --- PostgreSQL ------------------------------------------------------------------------------

PG_TABLES = """
DO $$
BEGIN
    FOR n IN 1..{tables} LOOP
        EXECUTE format(
            'CREATE TABLE livescale.%I (id bigint PRIMARY KEY, customer_id bigint, '
            'at timestamptz, status text)', 't' || lpad(n::text, 5, '0'));
        EXECUTE format(
            'CREATE INDEX ON livescale.%I (customer_id)', 't' || lpad(n::text, 5, '0'));
        EXECUTE format(
            'INSERT INTO livescale.%I SELECT g, g %% 7, now() - g * interval ''1 hour'', '
            '''s'' || (g %% 3) FROM generate_series(1, 20) AS g', 't' || lpad(n::text, 5, '0'));
    END LOOP;
END $$
"""


def build_postgres(admin: str, tables: int) -> float:
    started = time.perf_counter()
    create_database(admin, PG_DATABASE)
    with psycopg.connect(with_database(admin, PG_DATABASE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        conn.execute("CREATE SCHEMA livescale")
        conn.execute(PG_TABLES.replace("{tables}", str(int(tables))))
        conn.execute("ANALYZE")
    print(f"  built {PG_DATABASE}: {tables} tables", file=sys.stderr)
    return time.perf_counter() - started


# --- Statement counts ------------------------------------------------------------------------

# The advisor run in a child process whose psycopg cursors count and time the statements they
# execute (pg_stat_statements would drop them among a busy server's entries); each statement's
# seconds and where it was sent from (the connector function, the first words of its SQL) are
# written as JSON to the file named by the environment variable at exit.
COUNTING = """
import atexit, json, os, sys, time
import psycopg
sent = []
def caller():
    frame = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        name = code.co_filename.replace(os.sep, "/")
        if "/connectors/" in name and not name.endswith(("/session.py", "/postgres.py")):
            return name.rsplit("/", 1)[-1][:-3] + "." + code.co_name
        frame = frame.f_back
    return "?"
for cls in (psycopg.Cursor, psycopg.ServerCursor):
    def wrap(original):
        def execute(self, query, *args, **kwargs):
            where = caller()
            started = time.perf_counter()
            try:
                return original(self, query, *args, **kwargs)
            finally:
                try:
                    text = query if isinstance(query, str) else query.as_string(self.connection)
                except Exception:
                    text = repr(query)
                words = " ".join(text.split())[:60]
                sent.append((time.perf_counter() - started, where, words))
        return execute
    cls.execute = wrap(cls.execute)
def report():
    with open(os.environ["LIVESCALE_COUNT"], "w") as out:
        json.dump(sent, out)
atexit.register(report)
from advisor.cli import main
sys.argv = ["advisor", *sys.argv[1:]]
main()
"""


# --- OpenSearch ------------------------------------------------------------------------------


def os_request(
    url: str, method: str, path: str, body: object = None, timeout: float = 60.0
) -> tuple[int, Any]:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 9200, timeout)
    try:
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        conn.request(method, path, payload, headers)
        answer = conn.getresponse()
        data = answer.read()
        return answer.status, json.loads(data) if data else None
    finally:
        conn.close()


MAPPING = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {
        "properties": {
            "title": {"type": "text"},
            "status": {"type": "keyword"},
            "price": {"type": "double"},
            "at": {"type": "date"},
        }
    },
}


def index_names(count: int) -> list[str]:
    return [f"{INDEX_PREFIX}{n:05d}" for n in range(count)]


def build_opensearch(url: str, count: int) -> float:
    started = time.perf_counter()
    delete_indices(url)

    def create(name: str) -> None:
        status, answer = os_request(url, "PUT", f"/{name}", MAPPING)
        if status >= 300:
            raise RuntimeError(f"creating {name}: {status} {answer}")
        docs = "".join(
            json.dumps({"index": {"_index": name}})
            + "\n"
            + json.dumps({"title": f"item {i}", "status": "s", "price": i, "at": "2026-01-01"})
            + "\n"
            for i in range(3)
        )
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 9200, 60)
        try:
            conn.request("POST", "/_bulk", docs.encode(), {"Content-Type": "application/x-ndjson"})
            conn.getresponse().read()
        finally:
            conn.close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, index_names(count)))
    os_request(url, "POST", f"/{INDEX_PREFIX}*/_refresh")
    print(f"  built {count} OpenSearch indices {INDEX_PREFIX}*", file=sys.stderr)
    return time.perf_counter() - started


def delete_indices(url: str) -> None:
    status, answer = os_request(url, "GET", f"/_cat/indices/{INDEX_PREFIX}*?format=json&h=index")
    names = sorted(str(r["index"]) for r in answer or [] if status == 200)
    for start in range(0, len(names), 100):
        chunk = [n for n in names[start : start + 100] if n.startswith(INDEX_PREFIX)]
        if chunk:
            os_request(url, "DELETE", "/" + ",".join(chunk))


class CountingProxy:
    """An HTTP proxy on a free local port that forwards to the cluster and counts requests."""

    def __init__(self, target: str) -> None:
        self.target = urllib.parse.urlsplit(target)
        self.requests = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                with proxy._lock:
                    proxy.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "connection", "content-length")
                }
                conn = http.client.HTTPConnection(
                    proxy.target.hostname or "127.0.0.1", proxy.target.port or 9200, 60
                )
                try:
                    conn.request(self.command, self.path, body, headers)
                    answer = conn.getresponse()
                    data = answer.read()
                finally:
                    conn.close()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- Timing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """One `advisor analyze` process: its wall time, exit code, read summary line and each
    statement its database connections executed (seconds, sender, first words)."""

    seconds: float
    exit_code: int
    summary: str
    statements: tuple[Timed, ...]


def run_analyze(args: Sequence[str], env: dict[str, str]) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        counted = Path(tmp) / "statements"
        command = [sys.executable, "-c", COUNTING, "analyze", *args]
        started = time.perf_counter()
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**env, "LIVESCALE_COUNT": str(counted)},
            cwd=ROOT,
        )
        seconds = time.perf_counter() - started
        sent = json.loads(counted.read_text()) if counted.exists() else []
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    summary = next((line for line in lines if " read " in line or "failed" in line), "")
    if done.returncode not in (0, 1):
        summary = " | ".join(lines[-3:])
    statements = tuple((float(s), str(w), str(q)) for s, w, q in sent)
    return Run(seconds, done.returncode, summary, statements)


def slowest(runs: Sequence[Run], count: int) -> tuple[Timed, ...]:
    """The `count` slowest statements, each at its median over the rounds (the rounds send
    the same statements in the same order; else the last round's)."""
    if not runs or count <= 0:
        return ()
    last = runs[-1].statements
    same = [r.statements for r in runs if len(r.statements) == len(last)]
    timed = [
        (statistics.median(s[i][0] for s in same), where, words)
        for i, (_, where, words) in enumerate(last)
    ]
    return tuple(sorted(timed, key=lambda x: -x[0])[:count])


def result(system: str, scenario: str, runs: Sequence[Run], unit: str, build: float) -> Result:
    last = runs[-1]
    return Result(
        system,
        scenario,
        [r.seconds for r in runs],
        len(last.statements),
        unit,
        last.exit_code,
        build,
        last.summary,
        slowest(runs, SLOWEST),
    )


def clean_env() -> dict[str, str]:
    """The environment without the PG* and OpenSearch defaults, so each run reads only the
    source it names."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PG") and k not in ("OPENSEARCH_URL", "ADVISOR_CONFIG")
    }


def time_redshift(admin: str, tables: int, rounds: int, build: float, queries: int) -> Result:
    dsn = reader_dsn(admin, rs_database(tables))
    runs = [run_analyze(["--redshift", dsn], clean_env()) for _ in range(rounds)]
    return result("redshift", f"{tables} tables, {queries:,} queries", runs, "statements", build)


def time_postgres(admin: str, tables: int, rounds: int, build: float) -> Result:
    dsn = with_database(admin, PG_DATABASE)
    runs = [run_analyze(["--dsn", dsn], clean_env()) for _ in range(rounds)]
    return result("postgres", f"{tables} tables", runs, "statements", build)


def time_opensearch(url: str, count: int, rounds: int, build: float) -> Result:
    status, answer = os_request(url, "GET", "/_cat/indices?format=json&h=index")
    total = len(answer or []) if status == 200 else count
    runs: list[Run] = []
    requests = 0
    for _ in range(rounds):
        with CountingProxy(url) as proxy:
            runs.append(run_analyze(["--opensearch", proxy.url], clean_env()))
            requests = proxy.requests
    last = runs[-1]
    scenario = f"{count} indices ({total} in the cluster)"
    return Result(
        "opensearch",
        scenario,
        [r.seconds for r in runs],
        requests,
        "requests",
        last.exit_code,
        build,
        last.summary,
    )


def table(results: Sequence[Result]) -> str:
    rows = [("system", "scenario", "analyze s (median)", "rounds", "reads", "exit", "build s")]
    for r in results:
        rows.append(
            (
                r.system,
                r.scenario,
                f"{statistics.median(r.seconds):.2f}",
                " ".join(f"{s:.2f}" for s in r.seconds),
                f"{r.operations} {r.unit}",
                str(r.exit_code),
                f"{r.build_seconds:.0f}" if r.build_seconds else "reused",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def slowest_lines(results: Sequence[Result]) -> str:
    """Each scenario's slowest statements (median seconds over the rounds)."""
    out: list[str] = []
    for r in results:
        if r.slowest:
            out.append(f"slowest statements, {r.system} {r.scenario}:")
            out.extend(f"  {s:6.2f} s  {where:<32} {words}" for s, where, words in r.slowest)
    return "\n".join(out)


@contextmanager
def scratch(keep: bool, cleanup: Any) -> Iterator[None]:
    try:
        yield
    finally:
        if not keep:
            cleanup()


def main(argv: list[str] | None = None) -> int:
    global DATABASE_PREFIX, PG_DATABASE, SLOWEST
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--systems", default="redshift,postgres,opensearch")
    parser.add_argument("--rs-tables", default="200,2000", help="comma-separated table counts")
    parser.add_argument("--queries", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=8, help="days the history spreads over")
    parser.add_argument("--pg-tables", type=int, default=2000)
    parser.add_argument("--indices", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="leave the scratch data in place")
    parser.add_argument("--reuse", action="store_true", help="time scratch data already built")
    parser.add_argument(
        "--slowest", type=int, default=SLOWEST, help="slowest statements listed per scenario"
    )
    parser.add_argument(
        "--database-prefix",
        default=DATABASE_PREFIX,
        help="scratch databases' name prefix (must contain 'livescale')",
    )
    args = parser.parse_args(argv)
    prefix = args.database_prefix
    # stl_query.database is character(32): `<prefix>_rs<N>` must fit.
    if "livescale" not in prefix or not prefix.isidentifier() or len(prefix) > 24:
        parser.error("--database-prefix: an identifier of up to 24 characters with 'livescale'")
    DATABASE_PREFIX = args.database_prefix
    PG_DATABASE = f"{DATABASE_PREFIX}_pg"
    SLOWEST = max(0, args.slowest)
    systems = {s.strip() for s in args.systems.split(",") if s.strip()}
    unknown = systems - {"redshift", "postgres", "opensearch"}
    if unknown:
        parser.error(f"unknown system(s): {', '.join(sorted(unknown))}")
    admin = admin_dsn()
    url = os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9200")
    results: list[Result] = []
    if "redshift" in systems:
        for tables in (int(t) for t in args.rs_tables.split(",")):
            name = rs_database(tables)
            with scratch(args.keep, lambda name=name: drop_database(admin, name)):
                build = 0.0
                if not (args.reuse and database_exists(admin, name)):
                    build = build_redshift(admin, tables, args.queries, args.days)
                results.append(time_redshift(admin, tables, args.rounds, build, args.queries))
                print(f"  {results[-1].summary}", file=sys.stderr)
    if "postgres" in systems:
        with scratch(args.keep, lambda: drop_database(admin, PG_DATABASE)):
            build = 0.0
            if not (args.reuse and database_exists(admin, PG_DATABASE)):
                build = build_postgres(admin, args.pg_tables)
            results.append(time_postgres(admin, args.pg_tables, args.rounds, build))
            print(f"  {results[-1].summary}", file=sys.stderr)
    if "opensearch" in systems:
        with scratch(args.keep, lambda: delete_indices(url)):
            status, answer = os_request(url, "GET", f"/_cat/indices/{INDEX_PREFIX}*?format=json")
            have = len(answer or []) if status == 200 else 0
            build = 0.0
            if not (args.reuse and have >= args.indices):
                build = build_opensearch(url, args.indices)
            results.append(time_opensearch(url, args.indices, args.rounds, build))
            print(f"  {results[-1].summary}", file=sys.stderr)
    print(table(results))
    if args.slowest and any(r.slowest for r in results):
        print(slowest_lines(results))
    slow = [r for r in results if statistics.median(r.seconds) >= TARGET_SECONDS]
    failed = [r for r in results if r.exit_code not in (0, 1)]
    for r in failed:
        print(f"{r.system} {r.scenario}: analyze exited {r.exit_code}: {r.summary}")
    return 1 if slow or failed else 0


if __name__ == "__main__":
    sys.exit(main())
