"""Fixtures for the Redshift connector tests against the system-view emulation on PostgreSQL.

The emulation (`services/redshift_emulation.py`) is loaded once per session into the real
server of `services/postgres.sh`; the tests skip when the server cannot be reached, unless
ADVISOR_REQUIRE_SERVICES is set (as in CI): then they fail.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from postgres.conftest import REQUIRE, dsn, server_params

ROOT = Path(__file__).resolve().parents[2]
READER = "rs_reader"
READER_PASSWORD = "rs-reader-7c41"


def load_emulation(admin: str) -> None:
    spec = importlib.util.spec_from_file_location(
        "redshift_emulation", ROOT / "services" / "redshift_emulation.py"
    )
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.load(admin)


@pytest.fixture(scope="session")
def rs_admin_dsn() -> str:
    """A superuser connection string, or a skip (a failure under ADVISOR_REQUIRE_SERVICES)."""
    target = dsn()
    try:
        psycopg.connect(target, connect_timeout=3).close()
    except psycopg.Error as err:
        where = f"{server_params()['host']}:{server_params()['port']}"
        reason = f"PostgreSQL is not reachable at {where}: {' '.join(str(err).split())}"
        if os.environ.get(REQUIRE):
            pytest.fail(f"{reason} (and {REQUIRE} is set)")
        pytest.skip(f"{reason}; start it with `services/postgres.sh start`")
    return target


@pytest.fixture(scope="session")
def emulation(rs_admin_dsn: str) -> str:
    """The emulation loaded; returns the DSN of the read-only role rs_reader."""
    load_emulation(rs_admin_dsn)
    return dsn(user=READER, password=READER_PASSWORD)
