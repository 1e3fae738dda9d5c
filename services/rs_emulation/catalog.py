"""The catalog relations: svv_table_info lists a table once the loader's counters for it have
reached PostgreSQL's statistics system (as its sessions end); then `refresh` fills the plain
tables svv_table_info, svv_redshift_columns and stv_blocklist from their `*_source` views,
once, as a cluster's leader keeps them in its catalog rather than recomputing them on a read."""

from __future__ import annotations

import time

import psycopg

COUNT = "SELECT count(*) FROM redshift_emul.svv_table_info_source WHERE schema = %s"
# Refreshed in this order: stv_blocklist's source lists the tables svv_table_info lists.
CATALOG = ("svv_table_info", "svv_redshift_columns", "stv_blocklist")


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


def refresh(conn: psycopg.Connection[object]) -> None:
    """The catalog tables filled again from their sources, in one transaction each, then
    analysed so that the planner knows their size."""
    for name in CATALOG:
        with conn.transaction():
            conn.execute(f"TRUNCATE redshift_emul.{name}")
            conn.execute(
                f"INSERT INTO redshift_emul.{name} SELECT * FROM redshift_emul.{name}_source"
            )
        conn.execute(f"ANALYZE redshift_emul.{name}")
