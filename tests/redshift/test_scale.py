"""The Redshift read at scale, against the emulation's scale scenario
(services/rs_emulation/scale.py) in scratch databases of their own: the history window of
`--since` bounds what is read, and the number of statements sent does not depend on the
number of tables or the length of the history.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from postgres.conftest import dsn
from psycopg.conninfo import make_conninfo
from service_support import service_module

from advisor.cli import cli
from advisor.live import SYSTEMS, ReadOptions
from advisor.model_redshift import RsSnapshot
from connectors.postgres import WatchedConnection
from connectors.redshift import RedshiftSource

READER = "rs_reader"
READER_PASSWORD = "rs-reader-7c41"


def build(admin: str, name: str, tables: int, queries: int) -> str:
    """A scratch database holding the emulation's schema and the scale scenario; returns the
    read-only role's DSN to it."""
    emulation = service_module("redshift_emulation")
    scale: Any = importlib.import_module("rs_emulation.scale")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    target = make_conninfo(admin, dbname=name)
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(emulation.SCHEMA_SQL.read_text(encoding="utf-8"))
        scale.build(conn, tables, queries, 8)
        emulation.grant_reader(conn, ("redshift_emul", "rs_demo", scale.SCHEMA))
    scale.refresh_catalog(target, tables)
    return dsn(dbname=name, user=READER, password=READER_PASSWORD)


def drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def scenarios(rs_admin_dsn: str) -> Iterator[dict[int, str]]:
    """Reader DSNs of two scenarios: 20 tables with 1,000 queries, 200 with 4,000."""
    names = {
        20: f"advisor_livescale_t20_{os.getpid()}",
        200: f"advisor_livescale_t200_{os.getpid()}",
    }
    try:
        yield {
            20: build(rs_admin_dsn, names[20], 20, 1000),
            200: build(rs_admin_dsn, names[200], 200, 4000),
        }
    finally:
        for name in names.values():
            drop(rs_admin_dsn, name)


def read(address: str, since_days: float = 7.0) -> RsSnapshot:
    source, _ = SYSTEMS["redshift"].source(address, ReadOptions(since_days=since_days))
    assert isinstance(source, RedshiftSource)
    run = SYSTEMS["redshift"].read(source, ReadOptions(since_days=since_days), lambda _s: None)
    assert run.error is None, run.error
    assert isinstance(run.snapshot, RsSnapshot)
    return run.snapshot


def in_window(address: str, since: str) -> int:
    with psycopg.connect(address) as conn:
        row = conn.execute(
            "SELECT count(*) FROM sys_query_history WHERE user_id > 1 AND start_time >= %s",
            (datetime.fromisoformat(since),),
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.postgres
def test_the_window_bounds_what_is_read(scenarios: dict[int, str]) -> None:
    """--since 1d reads the last day of an 8-day history: the query groups count exactly the
    runs that started in the window, far fewer than the whole history."""
    address = scenarios[20]
    day = read(address, since_days=1.0)
    week = read(address)
    assert day.history_days == 1.0 and week.history_days == 7.0
    assert day.workload is not None and week.workload is not None
    runs_day = sum(q.runs for q in day.workload.queries)
    runs_week = sum(q.runs for q in week.workload.queries)
    # 40 statement shapes: every group is within the top 50, so the runs are all the rows.
    assert runs_day == in_window(address, day.history_since)
    assert runs_week == in_window(address, week.history_since)
    assert 100 <= runs_day <= 150 < runs_week <= 900 < 1000
    assert len(day.workload.busy_days) == 1 and len(week.workload.busy_days) == 7


def count_statements(address: str, monkeypatch: pytest.MonkeyPatch) -> int:
    sent: list[str] = []
    original = WatchedConnection.execute

    def counting(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query)[:40])
        return original(self, query, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(WatchedConnection, "execute", counting)
        read(address)
    return len(sent)


@pytest.mark.postgres
def test_statements_do_not_grow_with_tables_or_history(
    scenarios: dict[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    small = count_statements(scenarios[20], monkeypatch)
    large = count_statements(scenarios[200], monkeypatch)
    assert small == large
    assert 40 <= small <= 120


def test_a_bad_window_is_a_usage_error() -> None:
    runner = CliRunner()
    for value in ("0", "-1d", "week", "400d", "7x", ""):
        done = runner.invoke(cli, ["analyze", "--redshift", "host=nowhere", "--since", value])
        assert done.exit_code == 2, (value, done.output)
        assert "Invalid value for '--since'" in done.output
        assert "Traceback" not in done.output
