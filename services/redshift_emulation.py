"""Load the Redshift system-view emulation into PostgreSQL (services/redshift_emulation.sql).

Run with the project's Python: `python services/redshift_emulation.py` (connection from the
PG* environment, e.g. `eval "$(services/postgres.sh env)"`, or `--dsn`). Idempotent: the
schemas `redshift_emul`, `rs_demo` and `tpch` are dropped and recreated every time, and the role
`rs_reader` (redshift_emul first on its search_path, read access only) is created or updated.

The demo tables of `examples/redshift/scenarios/tables.json` are created from their Redshift
DDL (the keys are parsed by the advisor's dialect), filled, and then analysed, updated,
deleted from or vacuumed as the scenario says, so svv_table_info's row counts, sizes,
statistics staleness and dead rows are PostgreSQL's real counters, copied into the plain
tables svv_table_info, svv_redshift_columns and stv_blocklist once the counters are in.
History tables are filled from `examples/redshift/scenarios/history.json`; plans are parsed
into stl_explain and sys_query_explain rows. Each family of system views has its loader in
`services/rs_emulation/`.

The TPC-H-shaped demo (`tpch_tables` and `tpch_queries`) goes to its own schema `tpch`: the
eight TPC-H tables with deliberately poor keys, each column filled by the generator its spec
gives (`values`), and a week of TPC-H queries in the history. The tables Redshift tunes itself
(`ato_tables`, `ato_queries`) go to schema `ato`: their `shown` keys are what svv_table_info
shows of them (AUTO(KEY(c)), a multidimensional data layout, AUTO(SORTKEY)).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from rs_emulation import (  # noqa: E402
    administration,
    catalog,
    history,
    loads,
    objects,
    storage,
    tables,
    usage,
)
from rs_emulation.rows import Conn  # noqa: E402

SCHEMA_SQL = HERE / "redshift_emulation.sql"
SCENARIOS = ROOT / "examples" / "redshift" / "scenarios"
READER = "rs_reader"
READER_PASSWORD = "rs-reader-7c41"
SCHEMAS = ("redshift_emul", "rs_demo", "tpch", "ato")
WORK_MEM = "64MB"


def grant_reader(conn: Conn, schemas: tuple[str, ...] = SCHEMAS) -> None:
    """The read-only role: redshift_emul first on its search_path, SELECT on the schemas."""
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER,)).fetchone()
    if exists is None:
        conn.execute(f"CREATE ROLE {READER} LOGIN")
    conn.execute(f"ALTER ROLE {READER} LOGIN NOSUPERUSER PASSWORD '{READER_PASSWORD}'")
    # pg_catalog named after redshift_emul: the emulated pg_proc and pg_language win.
    conn.execute(f"ALTER ROLE {READER} SET search_path = redshift_emul, pg_catalog, public")
    # A cluster's query slot has hundreds of MB to sort and hash in; PostgreSQL's default 4 MB
    # would make the emulation's aggregates over a long history spill to disk.
    conn.execute(f"ALTER ROLE {READER} SET work_mem = '{WORK_MEM}'")
    for schema in schemas:
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}")


def load(dsn: str = "") -> float:
    """Load everything; returns the seconds it took."""
    started = time.perf_counter()
    scenario = json.loads((SCENARIOS / "tables.json").read_text(encoding="utf-8"))
    planted = json.loads((SCENARIOS / "history.json").read_text(encoding="utf-8"))
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    names = tables.load_tables(dsn, scenario["tables"])
    tpch = tables.load_tables(dsn, scenario.get("tpch_tables", []))
    ato = tables.load_tables(dsn, scenario.get("ato_tables", []))
    with psycopg.connect(dsn, autocommit=True) as conn:
        loads.load(conn, planted.get("loads", {}))
        history.load(conn, planted)
        objects.load(conn, planted)
        storage.load(conn, planted)
        usage.load(conn, planted)
        administration.load(conn, planted)
        history.load_tpch(conn, planted)
        history.load_ato(conn, planted)
        grant_reader(conn)
    catalog.wait_for_counters(dsn, {"rs_demo": len(names), "tpch": len(tpch), "ato": len(ato)})
    with psycopg.connect(dsn, autocommit=True) as conn:
        catalog.refresh(conn)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dsn", default="", help="libpq connection string (default: PG* env)")
    args = parser.parse_args(argv)
    try:
        seconds = load(args.dsn)
    except psycopg.Error as err:
        print(f"redshift_emulation: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    print(f"redshift_emulation: schemas {', '.join(SCHEMAS)} loaded in {seconds:.1f} s")
    print(f"redshift_emulation: connect as {READER} (password {READER_PASSWORD}) to read them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
