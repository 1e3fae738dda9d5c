"""Fixtures of the security tests: the real servers (skipped when absent, failed under
ADVISOR_REQUIRE_SERVICES) and a throwaway schema of the test's own in the test database."""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from opensearch.conftest import node_url
from postgres.conftest import reachable_admin_dsn
from service_support import unavailable


@pytest.fixture(scope="session")
def pg_admin() -> str:
    return reachable_admin_dsn()


@pytest.fixture(scope="session")
def os_node() -> str:
    url = node_url()
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            answer.read()
    except (urllib.error.URLError, OSError) as err:
        unavailable(f"OpenSearch is not reachable at {url}: {err}", "services/opensearch.sh start")
    return url


@pytest.fixture
def own_schema(pg_admin: str) -> Iterator[str]:
    """A schema with one small table, unique to this test, dropped afterwards."""
    name = f"sec_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        conn.execute(f"CREATE TABLE {name}.events (id int, note text)")
        conn.execute(f"INSERT INTO {name}.events SELECT g, 'n' FROM generate_series(1, 50) g")
    try:
        yield name
    finally:
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
