"""Load the demo shop (examples/postgres/schema.sql) and the workload that plants its problems.

Run with the project's Python: `python services/demo_postgres.py` (connection from the PG*
environment, e.g. `eval "$(services/postgres.sh env)"`, or `--dsn`). Idempotent: the schema
`shop` is dropped and recreated every time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psycopg

SCHEMA_SQL = Path(__file__).resolve().parent.parent / "examples" / "postgres" / "schema.sql"

# After the load: every table is vacuumed and analysed except the planted ones.
MAINTAIN = (
    "VACUUM (ANALYZE) shop.orders_clean",
    "VACUUM (ANALYZE) shop.events_analyzed",
    "VACUUM (ANALYZE) shop.orders",
    "VACUUM (ANALYZE) shop.order_items",
    "VACUUM (ANALYZE) shop.order_lines",
    "VACUUM (ANALYZE) shop.customers",
    "VACUUM (ANALYZE) shop.page_views",
    "VACUUM (ANALYZE) shop.page_views_indexed",
    "VACUUM (ANALYZE) shop.audit_log",
    "VACUUM (ANALYZE) shop.audit_log_keyed",
    "VACUUM (ANALYZE) shop.products",
    "VACUUM (ANALYZE) shop.suppliers",
    "VACUUM (ANALYZE) shop.orders_churn",
)

# Dead rows: every row of orders_churn rewritten, statistics refreshed, no vacuum after. The
# UPDATE runs in its own session so that its counters are flushed before the ANALYZE.
CHURN = "UPDATE shop.orders_churn SET status = 'paid'"

SEQ_SCANS = 25


def load(dsn: str = "") -> float:
    started = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        for statement in MAINTAIN:
            conn.execute(statement)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(CHURN)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE shop.orders_churn")
        for n in range(SEQ_SCANS):
            # url has no index on page_views: a sequential scan each time; the twin uses one.
            conn.execute("SELECT count(*) FROM shop.page_views WHERE url = %s", (f"/p/{n}",))
            conn.execute(
                "SELECT count(*) FROM shop.page_views_indexed WHERE url = %s", (f"/p/{n}",)
            )
            conn.execute("SELECT id FROM shop.customers WHERE city = %s", (f"city-{n}",))
            conn.execute("SELECT sum(quantity) FROM shop.order_lines WHERE order_id = %s", (n,))
    # Closing the session flushes its table and index counters to the statistics system.
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dsn", default="", help="libpq connection string (default: PG* env)")
    args = parser.parse_args(argv)
    try:
        seconds = load(args.dsn)
    except psycopg.Error as err:
        print(f"demo_postgres: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    print(f"demo_postgres: schema shop loaded in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
