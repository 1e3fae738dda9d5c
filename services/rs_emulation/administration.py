"""The administration family: automatic table optimisation events, table reads (stl_scan),
Python and SQL UDFs, a second busy database, and WLM executions (stl_wlm_query) with the
bursts that fill a queue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import chain

from rs_emulation.history import statement
from rs_emulation.rows import NOW, Conn, Expr, Row, Spec, feed, runs, table_id, write

# The scan history names tables only; this gives its rows their table ids.
SCAN_TABLE_IDS = """
UPDATE redshift_emul.stl_scan s SET tbl = c.oid::integer FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'rs_demo' AND c.relkind = 'r'
  AND c.relname = trim(s.perm_table_name) AND s.tbl = 0
"""

# stl_wlm_query holds the main cluster's executions of sys_query_history, one slot each
# (concurrency-scaling runs held no slot of its queues).
WLM_EXECUTIONS = """
INSERT INTO redshift_emul.stl_wlm_query SELECT user_id, transaction_id::integer,
    query_id::integer, query_id::integer, service_class_id, 1, start_time, start_time,
    start_time + queue_time * interval '1 microsecond', queue_time,
    start_time + queue_time * interval '1 microsecond', end_time, execution_time,
    end_time, 'Completed', 0, 'normal', service_class_name
FROM redshift_emul.sys_query_history
WHERE service_class_id IS NOT NULL AND compute_type = 'primary'
"""

QUEUE_BUSY = """
SELECT 1 FROM redshift_emul.stl_wlm_query WHERE service_class = %s
AND exec_start_time < %s AND exec_end_time > %s LIMIT 1
"""

ARGUMENT_TYPES = (
    "array_to_string(ARRAY(SELECT a::regtype::oid FROM unnest(%s::text[])"
    " WITH ORDINALITY AS u(a, i) ORDER BY i), ' ')::oidvector"
)


def _ato_rows(event: Spec) -> Iterator[Row]:
    at = NOW - timedelta(minutes=int(event["minutes_ago"]))
    yield (
        "sys_auto_table_optimization",
        {
            "transaction_id": 88,
            "session_id": 4243,
            "table_id": table_id(event["table"]),
            "alter_table_type": event["alter_table_type"],
            "status": event["status"],
            "event_time": at,
            "alter_from": event["alter_from"],
            "alter_to": event.get("alter_to", ""),
        },
    )
    yield (
        "svl_auto_worker_action",
        {
            "table_id": table_id(event["table"]),
            "type": event["alter_table_type"],
            "status": event["status"],
            "eventtime": at,
            "sequence": 0,
            "previous_state": event["alter_from"],
        },
    )


def _read_rows(history: Spec) -> Iterator[Row]:
    for number, read in enumerate(history.get("table_reads", []), 1):
        for run in range(int(read["queries"])):
            yield (
                "stl_scan",
                {
                    "userid": int(read.get("userid", 100)),
                    "query": 7000 + number * 100 + run,
                    "slice": 0,
                    "segment": 0,
                    "step": 0,
                    "starttime": NOW,
                    "endtime": NOW,
                    "rows": 1000,
                    "type": 2,
                    "tbl": table_id(read["table"]),
                    "perm_table_name": Expr(
                        "(SELECT relname FROM pg_class WHERE oid = %s::regclass)", (read["table"],)
                    ),
                    "rows_pre_filter": 1000,
                    "rows_pre_user_filter": 1000,
                },
            )


def _udf_rows(udf: Spec) -> Iterator[Row]:
    yield (
        "planted_functions",
        {
            "schema": udf["schema"],
            "proname": udf["name"],
            "pronargs": len(udf["arguments"]),
            "proargtypes": Expr(ARGUMENT_TYPES, (list(udf["arguments"]),)),
            "prorettype": Expr("%s::regtype::oid", (udf["returns"],)),
            "provolatile": udf["volatility"],
            "prosrc": udf["body"],
        },
    )


def _other_database_rows(db: Spec) -> Iterator[Row]:
    for run in runs(db):
        yield (
            "sys_query_history",
            statement(
                int(db["query_id"]) * 1000 + run,
                NOW - timedelta(minutes=50) + timedelta(seconds=run * 30),
                int(db["elapsed_time"]),
                db["query_text"],
                query_type=db["query_type"],
                elapsed_time=db["elapsed_time"],
                execution_time=db["elapsed_time"],
                returned_rows=1,
                service_class_id=db["service_class_id"],
                service_class_name=db["service_class_name"],
                database_name=db["database_name"],
            ),
        )


def _load_bursts(conn: Conn, history: Spec) -> None:
    """The bursts that filled a queue's slots at once. A full queue runs nothing else: each
    moves earlier, a minute at a time, until no other execution of its queue overlaps it (the
    other scenarios are timed by the clock)."""
    for burst in history.get("wlm_bursts", []):
        start = NOW - timedelta(minutes=int(burst["minutes_ago"]))
        end = start + timedelta(seconds=int(burst["seconds"]))
        while conn.execute(QUEUE_BUSY, (burst["service_class"], end, start)).fetchone():
            start -= timedelta(minutes=1)
            end -= timedelta(minutes=1)
        rows = (
            (
                "stl_wlm_query",
                {
                    "userid": 100,
                    "xid": 0,
                    "task": int(burst["query"]) * 1000 + run,
                    "query": int(burst["query"]) * 1000 + run,
                    "service_class": burst["service_class"],
                    "slot_count": 1,
                    "service_class_start_time": start,
                    "queue_start_time": start,
                    "queue_end_time": start,
                    "total_queue_time": 0,
                    "exec_start_time": start,
                    "exec_end_time": end,
                    "total_exec_time": int(burst["seconds"]) * 1_000_000,
                    "service_class_end_time": end,
                    "final_state": "Completed",
                    "est_peak_mem": 0,
                    "query_priority": "normal",
                    "service_class_name": burst["service_class_name"],
                },
            )
            for run in runs(burst, "concurrent")
        )
        write(conn, rows)


def load(conn: Conn, history: Spec) -> None:
    """ATO events, table reads, Python UDFs, WLM executions and a second busy database."""
    write(conn, feed(history, "auto_table_optimization", _ato_rows))
    conn.execute(SCAN_TABLE_IDS)
    write(conn, chain(_read_rows(history), feed(history, "python_udfs", _udf_rows)))
    for udf in history.get("sql_udfs", []):
        conn.execute(udf["ddl"])
    write(conn, feed(history, "other_database_queries", _other_database_rows))
    conn.execute(WLM_EXECUTIONS)
    _load_bursts(conn, history)
