"""The server's own statement log proves the reader sends nothing but reads.

The fixture sets `log_statement = 'all'` for the read-only role only; the test reads the server
log (through `pg_read_file`, as the superuser) from where it ended before the run.
"""

from __future__ import annotations

import os
import re

import psycopg
import pytest
from service_support import REQUIRE

from advisor.live import explain_requests
from connectors.postgres import PostgresSource, read_postgres
from postgres.test_live import QUERIES

pytestmark = pytest.mark.postgres

ALLOWED = ("SELECT", "SHOW", "EXPLAIN", "SET", "BEGIN", "ROLLBACK", "COMMIT", "WITH")
_ENTRY = re.compile(r"LOG:\s+(?:statement|execute [^:]*):\s(.*)")
_LOG_FILE = "SELECT current_setting('data_directory') || '/../log/postgres.log'"


def _log_end(conn: psycopg.Connection[tuple[object, ...]], path: str) -> int:
    row = conn.execute("SELECT size FROM pg_stat_file(%s, true)", (path,)).fetchone()
    return int(str(row[0])) if row and row[0] is not None else -1


def logged_statements(text: str) -> list[str]:
    """Statements of `LOG: statement:` / `LOG: execute` entries, continuation lines joined."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        match = _ENTRY.search(line)
        if match:
            out.append(match.group(1))
            inside = True
        elif inside and line.startswith("\t"):
            out[-1] += "\n" + line.strip()
        else:
            inside = False
    return [s.strip() for s in out]


def test_only_reads_reach_the_server(demo: str, ro_dsn: str) -> None:
    with psycopg.connect(demo, autocommit=True) as admin:
        path_row = admin.execute(_LOG_FILE).fetchone()
        assert path_row is not None
        path = str(path_row[0])
        start = _log_end(admin, path)
        if start < 0:
            if os.environ.get(REQUIRE):
                pytest.fail(f"server log not found at {path}")
            pytest.skip(f"server log not found at {path} (not the services/ server?)")
        source = PostgresSource(dsn=ro_dsn, schemas=("shop",), application_name="advisor-log")
        read_postgres(source, explain_requests([QUERIES]), analyze_plans=True)
        read_postgres(source, explain_requests([QUERIES]), analyze_plans=False)
        row = admin.execute(
            "SELECT pg_read_file(%s, %s, %s)", (path, start, _log_end(admin, path) - start)
        ).fetchone()
    assert row is not None
    statements = logged_statements(str(row[0]))
    assert any(s.startswith("EXPLAIN (ANALYZE") for s in statements), statements[:5]
    assert len(statements) >= 10
    writes = [s for s in statements if not s.lstrip("(").upper().startswith(ALLOWED)]
    assert writes == []
