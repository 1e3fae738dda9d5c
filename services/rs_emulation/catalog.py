"""The catalog views' wait: svv_table_info lists a table once the loader's counters for it
have reached PostgreSQL's statistics system (as its sessions end)."""

from __future__ import annotations

import time

import psycopg

COUNT = "SELECT count(*) FROM redshift_emul.svv_table_info WHERE schema = %s"


def wait_for_counters(dsn: str, expected: dict[str, int]) -> None:
    """Until each schema has its expected number of tables listed with their rows."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for schema, count in expected.items():
            for _ in range(100):
                row = conn.execute(COUNT, (schema,)).fetchone()
                if row is not None and row[0] >= count:
                    break
                time.sleep(0.1)
                conn.execute("SELECT pg_stat_clear_snapshot()")
