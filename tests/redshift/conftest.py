"""Fixtures for the Redshift connector tests against the system-view emulation on PostgreSQL.

The emulation (`services/redshift_emulation.py`) is loaded once per session into the real
server of `services/postgres.sh`; the tests skip when the server cannot be reached, unless
ADVISOR_REQUIRE_SERVICES is set (as in CI): then they fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres.conftest import dsn, reachable_admin_dsn
from service_support import service_module

ROOT = Path(__file__).resolve().parents[2]
READER = "rs_reader"
READER_PASSWORD = "rs-reader-7c41"


def load_emulation(admin: str) -> None:
    service_module("redshift_emulation").load(admin)


@pytest.fixture(scope="session")
def rs_admin_dsn() -> str:
    return reachable_admin_dsn()


@pytest.fixture(scope="session")
def emulation(rs_admin_dsn: str) -> str:
    """The emulation loaded; returns the DSN of the read-only role rs_reader."""
    load_emulation(rs_admin_dsn)
    return dsn(user=READER, password=READER_PASSWORD)
