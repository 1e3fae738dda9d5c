"""A synthetic scenario at scale, built with set-based SQL (generate_series, INSERT ... SELECT):
`tables` user tables in the schema `livescale`, and `queries` statements of history spread over
`days` days before now, each with the rows a cluster logs for it (sys_query_history and
stl_query, a WLM row, a scan, two step summaries, a metrics row, a detail step; every 50th an
alert, every 100th an INSERT step), over `2 * tables` statement shapes.

It runs in a database of its own, after the emulation's schema (redshift_emulation.sql): the
benchmark of live reads (benchmarks/live.py) and the tests of statement counts build it; the
demo schemas are never touched. `build` returns the seconds each part took.
"""

from __future__ import annotations

import time
from typing import Any

import psycopg

from rs_emulation import catalog

SCHEMA = "livescale"

# Each table: a distribution key for even-numbered tables, EVEN otherwise; sorted on `at`.
TABLE = """
DO $$
BEGIN
    FOR n IN 1..{tables} LOOP
        EXECUTE format(
            'CREATE TABLE livescale.%I (id bigint, customer_id bigint, at timestamp, '
            'amount numeric(12,2), status varchar(32), note varchar(4096)) '
            'WITH (autovacuum_enabled = false)', 't' || lpad(n::text, 5, '0'));
        EXECUTE format(
            'INSERT INTO livescale.%I SELECT g, g %% 7, timestamp ''2026-01-01'' + g * '
            'interval ''1 hour'', g * 1.5, ''s'' || (g %% 3), NULL '
            'FROM generate_series(1, 20) AS g', 't' || lpad(n::text, 5, '0'));
    END LOOP;
END $$
"""

DECLARED = """
INSERT INTO redshift_emul.declared_keys
SELECT 'livescale', 't' || lpad(n::text, 5, '0'),
       CASE WHEN n % 2 = 0 THEN 'KEY(customer_id)' ELSE 'EVEN' END, 'at', 1, 'none', 'Y', 4096
FROM generate_series(1, {tables}) AS n
"""

DECLARED_COLUMNS = """
INSERT INTO redshift_emul.declared_columns
SELECT 'livescale', 't' || lpad(n::text, 5, '0'), c.name, c.encoding,
       c.name = 'customer_id' AND n % 2 = 0, CASE WHEN c.name = 'at' THEN 1 ELSE 0 END
FROM generate_series(1, {tables}) AS n
CROSS JOIN (VALUES ('id', 'az64'), ('customer_id', 'az64'), ('at', 'none'),
                   ('amount', 'az64'), ('status', 'lzo'), ('note', 'none')) AS c(name, encoding)
"""

# Two nodes of eight slices.
SLICES = """
INSERT INTO redshift_emul.stv_slices
SELECT s / 8, s, s % 8, 'D' FROM generate_series(0, 15) AS s
"""

# The table ids and statement shapes: shape k joins table k and the next one.
SHAPES = """
CREATE TABLE livescale_shapes AS
SELECT k, t.oid::integer AS tbl, 'livescale.' || t.relname AS table_name,
       'SELECT a.customer_id, count(*), sum(b.amount) FROM livescale.' || t.relname
       || ' a JOIN livescale.' || u.relname || ' b ON b.customer_id = a.customer_id'
       || ' WHERE a.at >= ''2026-01-0' || (k % 9 + 1) || ''' GROUP BY a.customer_id' AS text,
       md5('livescale shape ' || k) AS hash
FROM generate_series(0, 2 * {tables} - 1) AS k
JOIN pg_class t ON t.relname = 't' || lpad((k % {tables} + 1)::text, 5, '0')
JOIN pg_class u ON u.relname = 't' || lpad(((k + 1) % {tables} + 1)::text, 5, '0')
JOIN pg_namespace n ON n.oid = t.relnamespace AND n.oid = u.relnamespace
WHERE n.nspname = 'livescale'
"""

# One row per statement g: its shape, start and times (microseconds), spread over the days.
RUNS = """
CREATE TABLE livescale_runs AS
SELECT g AS query, s.k, s.tbl, s.table_name, s.text, s.hash,
       now()::timestamp - ({queries} - g) * (interval '1 day' * {days} / {queries}) AS started,
       1000 + (g * 7919) % 900000 AS elapsed, (g * 31) % 5000 AS queued
FROM generate_series(1::bigint, {queries}) AS g
JOIN livescale_shapes s ON s.k = g % (2 * {tables})
"""

HISTORY = (
    """
INSERT INTO redshift_emul.sys_query_history
    (user_id, query_id, transaction_id, session_id, database_name, query_type, status,
     result_cache_hit, start_time, end_time, elapsed_time, queue_time, execution_time,
     returned_rows, returned_bytes, query_text, compute_type, compile_time, planning_time,
     lock_wait_time, service_class_id, service_class_name, user_query_hash,
     generic_query_hash)
SELECT 100, query, query, query % 500, current_database(), 'SELECT', 'success', false,
       started, started + elapsed * interval '1 microsecond', elapsed + queued, queued,
       elapsed, 7, 700, text, 'primary', CASE WHEN query % 40 = 0 THEN 900 ELSE 0 END, 50, 0,
       6 + k % 3, 'queue ' || (k % 3), hash, hash
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.stl_query
    (userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted,
     insert_pristine, concurrency_scaling_status)
SELECT 100, query, 'default', query, query % 500, current_database(), text, started,
       started + elapsed * interval '1 microsecond', 0, 0, 0
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.stl_wlm_query
    (userid, xid, task, query, service_class, slot_count, service_class_start_time,
     queue_start_time, queue_end_time, total_queue_time, exec_start_time, exec_end_time,
     total_exec_time, service_class_end_time, final_state, query_priority, service_class_name)
SELECT 100, query, query, query, 6 + k % 3, 1, started, started, started, queued, started,
       started + elapsed * interval '1 microsecond', elapsed,
       started + elapsed * interval '1 microsecond', 'Completed', 'Normal', 'queue ' || (k % 3)
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.stl_scan
    (userid, query, slice, segment, step, starttime, endtime, tasknum, rows, bytes, fetches,
     type, tbl, is_rrscan, is_delayed_scan, rows_pre_filter, rows_pre_user_filter,
     perm_table_name, is_rlf_scan, is_rlf_scan_reason)
SELECT 100, query, 0, 0, 0, started, started + elapsed * interval '1 microsecond', 0, 20,
       2000, 0, 2, tbl, 'f', 'f', 20 + k % 5, 20, table_name, 'f', 0
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.svl_query_summary
    (userid, query, stm, seg, step, maxtime, avgtime, rows, bytes, rate_row, rate_byte, label,
     is_diskbased, workmem, is_rrscan, is_delayed_scan, rows_pre_filter)
SELECT 100, query, 0, s.seg, 0, elapsed / (s.seg + 1), elapsed / (s.seg + 2),
       20 - s.seg * 13, (20 - s.seg * 13) * 100, 0, 0,
       CASE WHEN s.seg = 0 THEN 'scan   tbl=' || tbl ELSE 'return' END,
       CASE WHEN s.seg = 0 AND query % 1000 = 0 THEN 't' ELSE 'f' END, 100000000, 'f', 'f',
       20
FROM livescale_runs CROSS JOIN (VALUES (0), (1)) AS s(seg)
""",
    """
INSERT INTO redshift_emul.svl_query_metrics_summary
    (userid, query, service_class, query_cpu_time, query_blocks_read, query_execution_time,
     query_cpu_usage_percent, query_temp_blocks_to_disk, segment_execution_time, cpu_skew,
     io_skew, scan_row_count, join_row_count, nested_loop_join_row_count, return_row_count,
     spectrum_scan_row_count, spectrum_scan_size_mb, query_queue_time)
SELECT 100, query, 6 + k % 3, elapsed / 2000000, 10 + k % 50, elapsed / 1000000,
       (k % 90)::numeric(38,2), 0, elapsed / 1000000, 1.5, 1.2, 20, 20, 0, 7, 0, 0,
       queued / 1000000
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.sys_query_detail
    (user_id, query_id, child_query_sequence, stream_id, segment_id, step_id, step_name,
     table_id, table_name, start_time, end_time, duration, input_rows, output_rows,
     output_bytes, spilled_block_local_disk, spilled_block_remote_disk)
SELECT 100, query, 1, 0, 0, 0, 'scan', tbl, table_name, started,
       started + elapsed * interval '1 microsecond', elapsed, 20, 20, 2000,
       CASE WHEN query % 1000 = 0 THEN 4 ELSE 0 END, 0
FROM livescale_runs
""",
    """
INSERT INTO redshift_emul.stl_alert_event_log
    (userid, query, slice, segment, step, pid, xid, event, solution, event_time)
SELECT 100, query, 0, 0, 0, query % 500, query,
       'Missing query planner statistics', 'Run the ANALYZE command', started
FROM livescale_runs WHERE query % 50 = 0
""",
    """
INSERT INTO redshift_emul.stl_insert
    (userid, query, slice, segment, step, starttime, endtime, tasknum, rows, tbl)
SELECT 100, query, 0, 0, 1, started, started, 0, 5, tbl
FROM livescale_runs WHERE query % 100 = 0
""",
    # The latest run of each shape has its plan, as the read asks for those.
    """
INSERT INTO redshift_emul.sys_query_explain
    (user_id, query_id, child_query_sequence, plan_node_id, plan_parent_id, plan_node,
     node_info)
SELECT 100, r.query, 1, p.node, p.parent, p.plannode, p.info
FROM (SELECT max(query) AS query FROM livescale_runs GROUP BY k) r
CROSS JOIN (VALUES
    (1, 0, 'XN HashAggregate  (cost=1.00..2.00 rows=7 width=40)', ''),
    (2, 1, 'XN Seq Scan on t  (cost=0.00..0.20 rows=20 width=40)', '')
) AS p(node, parent, plannode, info)
""",
    """
INSERT INTO redshift_emul.stl_explain (userid, query, nodeid, parentid, plannode, info)
SELECT 100, r.query, p.node, p.parent, p.plannode, p.info
FROM (SELECT max(query) AS query FROM livescale_runs GROUP BY k) r
CROSS JOIN (VALUES
    (1, 0, 'XN HashAggregate  (cost=1.00..2.00 rows=7 width=40)', ''),
    (2, 1, 'XN Seq Scan on t  (cost=0.00..0.20 rows=20 width=40)', '')
) AS p(node, parent, plannode, info)
""",
)


def _run(conn: psycopg.Connection[Any], text: str, values: dict[str, int]) -> None:
    for name, number in values.items():
        text = text.replace("{" + name + "}", str(int(number)))
    conn.execute(text)


def build(
    conn: psycopg.Connection[Any], tables: int, queries: int, days: int = 8
) -> dict[str, float]:
    """The scenario in the connected database (the emulation's schema already created);
    returns the seconds each part took."""
    values = {"tables": int(tables), "queries": int(queries), "days": int(days)}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    conn.execute(f"CREATE SCHEMA {SCHEMA}")
    for part in (TABLE, DECLARED, DECLARED_COLUMNS, SLICES):
        _run(conn, part, values)
    timings["tables"] = time.perf_counter() - started
    started = time.perf_counter()
    conn.execute("DROP TABLE IF EXISTS livescale_shapes, livescale_runs")
    _run(conn, SHAPES, values)
    _run(conn, RUNS, values)
    for part in HISTORY:
        _run(conn, part, values)
    conn.execute("DROP TABLE livescale_shapes, livescale_runs")
    conn.execute("ANALYZE")
    timings["history"] = time.perf_counter() - started
    return timings


def refresh_catalog(dsn: str, tables: int) -> float:
    """svv_table_info and the other catalog tables filled once the tables' counters are in."""
    started = time.perf_counter()
    catalog.wait_for_counters(dsn, {SCHEMA: int(tables)})
    with psycopg.connect(dsn, autocommit=True) as conn:
        catalog.refresh(conn)
    return time.perf_counter() - started
