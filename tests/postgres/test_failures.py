"""Failures of the live path: a clear one-line error, exit code 2, no traceback, no password,
and whatever was read before the failure still analysed and printed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from postgres.conftest import dsn

pytestmark = pytest.mark.postgres

SECRET = "wrong-pw-7c1d"


def analyze(*args: str, env: dict[str, str] | None = None) -> tuple[Result, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["analyze", "--schema", "shop", *args], env=env)
    return result, time.perf_counter() - started


def assert_clean_failure(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines()[-1].startswith("advisor: PostgreSQL ")


def test_server_down(admin_dsn: str) -> None:
    result, seconds = analyze("--dsn", dsn(port="1"), "--connect-timeout", "3")
    assert_clean_failure(result)
    assert "127.0.0.1:1/" in result.stderr and "refused" in result.stderr
    assert seconds < 5


def test_wrong_password_is_never_printed(admin_dsn: str) -> None:
    result, _ = analyze("--dsn", dsn(password=SECRET))
    assert_clean_failure(result)
    assert "password authentication failed" in result.stderr
    assert SECRET not in result.output
    from_env, _ = analyze("--dsn", dsn(password=""), env={"PGPASSWORD": SECRET})
    assert_clean_failure(from_env)
    assert SECRET not in from_env.output


def test_statement_timeout_keeps_partial_results(demo: str, tmp_path: Path) -> None:
    sleepy = tmp_path / "sleepy.sql"
    sleepy.write_text("SELECT pg_sleep(5);\n")
    result, seconds = analyze(
        "--dsn", demo, "--explain", str(sleepy), "--analyze-plans", "--statement-timeout", "1"
    )
    assert_clean_failure(result)
    assert "statement timeout (1 s)" in result.stderr
    assert seconds < 4
    assert "PG-C01" in result.stdout and "shop.orders_churn" in result.stdout


def test_connection_killed_mid_read_keeps_partial_results(demo: str, tmp_path: Path) -> None:
    sleepy = tmp_path / "sleepy.sql"
    sleepy.write_text("SELECT pg_sleep(29.5);\n")
    killed: list[int] = []

    def kill_the_reader() -> None:
        with psycopg.connect(demo, autocommit=True) as conn:
            for _ in range(100):
                rows = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    " AND query LIKE '%%pg_sleep(29.5)%%' AND state = 'active'"
                ).fetchall()
                if rows:
                    for (pid,) in rows:
                        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
                        killed.append(pid)
                    return
                time.sleep(0.1)

    killer = threading.Thread(target=kill_the_reader)
    killer.start()
    result, seconds = analyze("--dsn", demo, "--explain", str(sleepy), "--analyze-plans")
    killer.join()
    assert killed, "the reader's EXPLAIN ANALYZE was never seen running"
    assert_clean_failure(result)
    assert "connection was lost" in result.stderr
    assert seconds < 15
    assert "PG-C01" in result.stdout and "PG-C09" in result.stdout
