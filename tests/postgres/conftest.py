"""Fixtures for tests against the real PostgreSQL server of `services/postgres.sh`.

Those tests skip when the server cannot be reached, unless ADVISOR_REQUIRE_SERVICES is set
(as in CI): then they fail, so a broken service can never pass as skipped tests.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from service_support import service_module, unavailable

RO_ROLE = "advisor_ro"
RO_PASSWORD = "ro-secret-5f2b"


def server_params() -> dict[str, str]:
    env = os.environ
    return {
        "host": env.get("PGHOST", "127.0.0.1"),
        "port": env.get("PGPORT", "54329"),
        "user": env.get("PGUSER", "advisor"),
        "password": env.get("PGPASSWORD", "advisor"),
        "dbname": env.get("PGDATABASE", "advisor_demo"),
    }


def dsn(**changes: str) -> str:
    return make_conninfo(**{**server_params(), **changes})


def reachable_admin_dsn() -> str:
    """A superuser connection string, or a skip (a failure under ADVISOR_REQUIRE_SERVICES)."""
    target = dsn()
    try:
        psycopg.connect(target, connect_timeout=3).close()
    except psycopg.Error as err:
        where = f"{server_params()['host']}:{server_params()['port']}"
        reason = f"PostgreSQL is not reachable at {where}: {' '.join(str(err).split())}"
        unavailable(reason, "services/postgres.sh start")
    return target


@pytest.fixture(scope="session")
def admin_dsn() -> str:
    return reachable_admin_dsn()


@pytest.fixture(scope="session")
def demo(admin_dsn: str) -> str:
    """The demo shop loaded, its statistics flushed; returns the superuser DSN."""
    service_module("demo_postgres").load(admin_dsn)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for _ in range(50):  # the loader's counters reach the statistics system as it exits
            row = conn.execute(
                "SELECT n_dead_tup, (SELECT seq_scan FROM pg_stat_user_tables"
                " WHERE relid = 'shop.page_views'::regclass)"
                " FROM pg_stat_user_tables WHERE relid = 'shop.orders_churn'::regclass"
            ).fetchone()
            if row is not None and row[0] > 0 and row[1] >= 25:
                break
            time.sleep(0.1)
            conn.execute("SELECT pg_stat_clear_snapshot()")
    return admin_dsn


@pytest.fixture(scope="session")
def ro_dsn(demo: str) -> Iterator[str]:
    """A role that can only read (pg_monitor + SELECT on shop), with every statement logged."""
    with psycopg.connect(demo, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (RO_ROLE,)).fetchone()
        if exists is None:
            conn.execute(f"CREATE ROLE {RO_ROLE} LOGIN")
        conn.execute(f"ALTER ROLE {RO_ROLE} LOGIN NOSUPERUSER PASSWORD '{RO_PASSWORD}'")
        conn.execute(f"GRANT pg_monitor TO {RO_ROLE}")
        conn.execute(f"GRANT USAGE ON SCHEMA shop TO {RO_ROLE}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA shop TO {RO_ROLE}")
        conn.execute(f"ALTER ROLE {RO_ROLE} SET log_statement = 'all'")
    yield dsn(user=RO_ROLE, password=RO_PASSWORD)
    with psycopg.connect(demo, autocommit=True) as conn:
        conn.execute(f"ALTER ROLE {RO_ROLE} RESET log_statement")
