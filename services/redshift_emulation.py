"""Load the Redshift system-view emulation into PostgreSQL (services/redshift_emulation.sql).

Run with the project's Python: `python services/redshift_emulation.py` (connection from the
PG* environment, e.g. `eval "$(services/postgres.sh env)"`, or `--dsn`). Idempotent: the
schemas `redshift_emul`, `rs_demo` and `tpch` are dropped and recreated every time, and the role
`rs_reader` (redshift_emul first on its search_path, read access only) is created or updated.

The demo tables of `examples/redshift/scenarios/tables.json` are created from their Redshift
DDL (the keys are parsed by the advisor's dialect), filled, and then analysed, updated,
deleted from or vacuumed as the scenario says, so svv_table_info's row counts, sizes,
statistics staleness and dead rows are PostgreSQL's real counters. History views are filled
from `examples/redshift/scenarios/history.json`; plans are parsed into stl_explain and
sys_query_explain rows.

The TPC-H-shaped demo (`tpch_tables` and `tpch_queries`) goes to its own schema `tpch`: the
eight TPC-H tables with deliberately poor keys, each column filled by the generator its spec
gives (`values`), and a week of TPC-H queries in the history.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.model import TableInfo  # noqa: E402
from advisor.model_redshift import RsPlanNode  # noqa: E402
from advisor.sql.catalog import table_info  # noqa: E402
from advisor.sql.dialect import parse_one  # noqa: E402
from advisor.sql.explain import parse_plan  # noqa: E402

SCHEMA_SQL = Path(__file__).with_suffix(".sql")
SCENARIOS = ROOT / "examples" / "redshift" / "scenarios"
READER = "rs_reader"
READER_PASSWORD = "rs-reader-7c41"
# History is dated relative to the load, inside the last hour, so per-hour groupings see it.
NOW = datetime.now().replace(microsecond=0)


def _value(column: str, type_: str) -> str:
    """A generated value for row number g of a column of this Redshift type."""
    t = type_.upper()
    if t.startswith(("VARCHAR", "CHAR", "TEXT", "CHARACTER")):
        return f"'{column}-' || (g % 5000)"
    if t.startswith(("TIMESTAMP", "DATE")):
        return "timestamp '2026-01-01' + g * interval '1 minute'"
    if t.startswith("BOOL"):
        return "g % 2 = 0"
    if t.startswith(("DECIMAL", "NUMERIC", "REAL", "DOUBLE", "FLOAT")):
        return "(g % 1000) * 1.5"
    return "g"


def _pg_ddl(info: TableInfo) -> str:
    columns = ", ".join(f'"{c.name}" {c.type}' for c in info.columns)
    return f"CREATE TABLE {info.qualified_name} ({columns}) WITH (autovacuum_enabled = false)"


def _declared(info: TableInfo) -> tuple[Any, ...]:
    diststyle = info.diststyle or "AUTO"
    if info.distkey:
        diststyle = f"KEY({info.distkey})"
    elif diststyle == "AUTO":
        diststyle = "AUTO(EVEN)"
    sortkey1 = info.sortkey[0] if info.sortkey else ""
    if info.sortkey_style == "INTERLEAVED":
        sortkey1 = "INTERLEAVED"
    first = info.column(info.sortkey[0]) if info.sortkey else None
    enc = (first.encoding or "none").lower() if first else "none"
    widths = [
        int(c.type.split("(")[1].rstrip(")"))
        for c in info.columns
        if c.type.upper().startswith("VARCHAR(")
    ]
    encoded = "Y" if any(c.encoding for c in info.columns) else "N"
    return (
        info.schema,
        info.name,
        diststyle,
        sortkey1,
        len(info.sortkey),
        enc,
        encoded,
        max(widths, default=0),
    )


# Redshift's encodings for columns whose DDL names none (sort-key columns are RAW as well).
RAW_TYPES = ("BOOL", "REAL", "DOUBLE", "FLOAT")
AZ64_TYPES = ("SMALLINT", "INT", "BIGINT", "DECIMAL", "NUMERIC", "DATE", "TIMESTAMP")


def _declared_columns(info: TableInfo) -> list[tuple[Any, ...]]:
    """Each column's encoding as the catalog shows it ('none' for RAW), its DISTKEY flag and
    sort-key position (interleaved keys alternate signs, as pg_table_def shows them)."""
    rows = []
    for column in info.columns:
        position = next(
            (i for i, name in enumerate(info.sortkey, 1) if name.lower() == column.name.lower()),
            0,
        )
        if info.sortkey_style == "INTERLEAVED" and position % 2 == 0:
            position = -position
        kind = column.type.upper()
        if column.encoding:
            encoding = column.encoding.lower()
        elif position or kind.startswith(RAW_TYPES):
            encoding = "none"
        elif kind.startswith(AZ64_TYPES):
            encoding = "az64"
        else:
            encoding = "lzo"
        rows.append(
            (
                info.schema,
                info.name,
                column.name,
                "none" if encoding == "raw" else encoding,
                bool(info.distkey and info.distkey.lower() == column.name.lower()),
                position,
            )
        )
    return rows


def _load_tables(dsn: str, tables: list[dict[str, Any]]) -> list[str]:
    names = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for spec in tables:
            info = table_info(parse_one(spec["ddl"]))  # type: ignore[arg-type]
            assert info is not None, spec["ddl"]
            names.append(info.qualified_name)
            conn.execute(_pg_ddl(info))
            given = spec.get("values") or {}
            values = ", ".join(given.get(c.name) or _value(c.name, c.type) for c in info.columns)
            conn.execute(
                f"INSERT INTO {info.qualified_name} SELECT {values} "
                f"FROM generate_series(1, {int(spec['rows'])}) AS g"
            )
            conn.execute(
                "INSERT INTO redshift_emul.declared_keys VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                _declared(info),
            )
            conn.cursor().executemany(
                "INSERT INTO redshift_emul.declared_columns VALUES (%s, %s, %s, %s, %s, %s)",
                _declared_columns(info),
            )
            for layout in spec.get("blocks", []):
                conn.execute(
                    "INSERT INTO redshift_emul.block_layout VALUES (%s, %s, %s, %s, %s)",
                    (
                        info.schema,
                        info.name,
                        layout["slice"],
                        layout["blocks"],
                        layout["num_values"],
                    ),
                )
            slices = spec.get("slices") or {}
            if slices:
                conn.execute(
                    "INSERT INTO redshift_emul.slice_layout VALUES (%s, %s, %s, %s, %s, %s)",
                    (
                        info.schema,
                        info.name,
                        slices.get("skew_rows"),
                        slices.get("skew_sortkey1"),
                        slices.get("unsorted"),
                        slices.get("vacuum_sort_benefit"),
                    ),
                )
    # Each step in its own session, so its counters reach the statistics system before the next.
    for spec, name in zip(tables, names, strict=True):
        first = spec["ddl"].split("(")[1].split()[0]
        for step in spec.get("steps", []):
            with psycopg.connect(dsn, autocommit=True) as conn:
                if step == "analyze":
                    conn.execute(f"ANALYZE {name}")
                elif step == "vacuum":
                    conn.execute(f"VACUUM {name}")
                elif step == "vacuum_analyze":
                    conn.execute(f"VACUUM (ANALYZE) {name}")
                elif "update_pct" in step:
                    cut = int(step["update_pct"])
                    conn.execute(f"UPDATE {name} SET {first} = {first} WHERE {first} % 100 < {cut}")
                elif "delete_pct" in step:
                    cut = int(step["delete_pct"])
                    conn.execute(f"DELETE FROM {name} WHERE {first} % 100 < {cut}")
    return names


def _hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).lower().encode()).hexdigest()[:40]


def _plan_rows(
    node: RsPlanNode, parent: int, counter: list[int]
) -> list[tuple[int, int, str, str]]:
    counter[0] += 1
    node_id = counter[0]
    cost = ""
    if node.total_cost is not None:
        cost = (
            f"  (cost={node.startup_cost:.2f}..{node.total_cost:.2f} "
            f"rows={node.rows} width={node.width})"
        )
    text = node.label + cost
    rows = [(node_id, parent, text, d) for d in node.details] or [(node_id, parent, text, "")]
    for child in node.children:
        rows.extend(_plan_rows(child, node_id, counter))
    return rows


def _load_history(conn: psycopg.Connection[Any], history: dict[str, Any]) -> None:
    for q in history.get("queries", []):
        for run in range(int(q["runs"])):
            start = NOW - timedelta(minutes=50) + timedelta(seconds=run * 30)
            end = start + timedelta(microseconds=int(q["elapsed_time"]))
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, query_type,"
                " status, start_time, end_time, elapsed_time, queue_time, execution_time,"
                " returned_rows, query_text, compute_type, compile_time, service_class_id,"
                " service_class_name, user_query_hash, generic_query_hash, database_name)"
                " VALUES (100, %s, %s, 'success', %s, %s, %s, %s, %s, %s, %s, 'primary', %s,"
                " %s, %s, %s, %s, current_database())",
                (
                    int(q["query_id"]) * 1000 + run,
                    q["query_type"],
                    start,
                    end,
                    q["elapsed_time"],
                    q["queue_time"],
                    int(q["elapsed_time"]) - int(q["queue_time"]),
                    q["returned_rows"],
                    q["query_text"],
                    int(q.get("compile_time", 0)),
                    q["service_class_id"],
                    q["service_class_name"],
                    _hash(q["query_text"]),
                    _hash(q["query_text"]),
                ),
            )
    for step, alert in enumerate(history.get("alerts", []), 1):
        conn.execute(
            "INSERT INTO redshift_emul.stl_alert_event_log VALUES"
            " (100, %s, 0, 1, %s, 4242, 77, %s, %s, %s)",
            (alert["query"], step, alert["event"], alert["solution"], NOW),
        )
        conn.execute(
            "INSERT INTO redshift_emul.stl_scan (userid, query, slice, segment, step, rows,"
            " type, tbl, perm_table_name, rows_pre_filter, rows_pre_user_filter)"
            " VALUES (100, %s, 0, 1, %s, %s, 2, 0, %s, %s, %s)",
            (alert["query"], step, alert["rows"], alert["table"], alert["rows"], alert["rows"]),
        )
    for scan in history.get("scans", []):
        for run in range(int(scan["runs"])):
            conn.execute(
                "INSERT INTO redshift_emul.stl_scan (userid, query, slice, segment, step,"
                " starttime, endtime, rows, type, tbl, perm_table_name, rows_pre_filter,"
                " rows_pre_user_filter) VALUES (100, %s, 0, 0, 0, %s, %s, %s, 2, 0, %s, %s, %s)",
                (
                    int(scan["query"]) * 1000 + run,
                    NOW,
                    NOW,
                    scan["rows"],
                    scan["table"],
                    scan["rows_pre_filter"],
                    scan["rows_pre_user_filter"],
                ),
            )
    for step in history.get("query_summary", []):
        conn.execute(
            "INSERT INTO redshift_emul.svl_query_summary (userid, query, stm, seg, step,"
            " maxtime, avgtime, rows, bytes, label, is_diskbased, workmem)"
            " VALUES (100, %s, 0, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                step["query"],
                step["seg"],
                step["step"],
                step["maxtime"],
                step["maxtime"],
                step["rows"],
                step["bytes"],
                step["label"],
                step["is_diskbased"],
                step["workmem"],
            ),
        )
        # The same step as sys_query_detail shows it (the SYS view of Serverless): a disk-based
        # step spilled its bytes, in 1 MB blocks, to local disk.
        start = NOW - timedelta(minutes=30)
        name = step["label"].split("name=")[1].split()[0] if "name=" in step["label"] else ""
        conn.execute(
            "INSERT INTO redshift_emul.sys_query_detail (user_id, query_id,"
            " child_query_sequence, stream_id, segment_id, step_id, step_name, table_name,"
            " start_time, end_time, duration, output_rows, output_bytes,"
            " spilled_block_local_disk, spilled_block_remote_disk)"
            " VALUES (100, %s, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0)",
            (
                step["query"],
                step["seg"],
                step["seg"],
                step["step"],
                step["label"].split()[0],
                name,
                start,
                start + timedelta(microseconds=int(step["maxtime"])),
                step["maxtime"],
                step["rows"],
                step["bytes"],
                -(-int(step["bytes"]) // 1048576) if step["is_diskbased"] == "t" else 0,
            ),
        )
    for plan in history.get("plans", []):
        tree = parse_plan(plan["text"])
        for node_id, parent, text, info in _plan_rows(tree.root, 0, [0]):
            conn.execute(
                "INSERT INTO redshift_emul.stl_explain VALUES (100, %s, %s, %s, %s, %s)",
                (plan["query_id"], node_id, parent, text, info),
            )
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_explain VALUES (100, %s, 0, %s, %s, %s, %s)",
                (plan["query_id"], node_id, parent, text, info),
            )
        conn.execute(
            "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, query_type, status,"
            " start_time, end_time, elapsed_time, queue_time, execution_time, returned_rows,"
            " query_text, service_class_id, generic_query_hash) VALUES (100, %s, 'SELECT',"
            " 'success', %s, %s, 1000000, 0, 1000000, 10, %s, 7, %s)",
            (plan["query_id"], NOW, NOW, plan["query_text"], _hash(plan["query_text"])),
        )
    for scan in history.get("spectrum", []):
        for run in range(int(scan["runs"])):
            query = int(scan["query"]) * 1000 + run
            conn.execute(
                "INSERT INTO redshift_emul.svl_s3query_summary (userid, query, segment, step,"
                " starttime, endtime, elapsed, aborted, external_table_name, file_format,"
                " is_partitioned, s3_scanned_rows, s3_scanned_bytes, s3query_returned_rows,"
                " s3query_returned_bytes, files) VALUES (100, %s, 1, 1, %s, %s, 1000000, 0,"
                " %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    query,
                    NOW,
                    NOW,
                    scan["external_table_name"],
                    scan["file_format"],
                    scan["is_partitioned"],
                    scan["s3_scanned_rows"],
                    scan["s3_scanned_bytes"],
                    scan["s3query_returned_rows"],
                    scan["s3query_returned_bytes"],
                    scan["files"],
                ),
            )
            if "total_partitions" in scan:
                conn.execute(
                    "INSERT INTO redshift_emul.svl_s3partition (query, segment, node, slice,"
                    " total_partitions, qualified_partitions, assigned_partitions)"
                    " VALUES (%s, 1, 0, 0, %s, %s, %s)",
                    (
                        query,
                        scan["total_partitions"],
                        scan["qualified_partitions"],
                        scan["qualified_partitions"],
                    ),
                )
    for fed in history.get("federated", []):
        for run in range(int(fed["runs"])):
            conn.execute(
                "INSERT INTO redshift_emul.svl_federated_query VALUES"
                " (100, 77, 4242, %s, %s, %s, %s, %s, %s, %s)",
                (
                    int(fed["query"]) * 1000 + run,
                    fed["sourcetype"],
                    NOW,
                    fed["querytext"],
                    fed["num_rows"],
                    fed["num_bytes"],
                    fed["duration"],
                ),
            )
    for rec in history.get("recommendations", []):
        conn.execute(
            "INSERT INTO redshift_emul.svv_alter_table_recommendations VALUES"
            " (%s, current_database(), %s::regclass::oid::integer, %s, %s, %s)",
            (rec["type"], rec["table"], rec["group_id"], rec["ddl"], rec["auto_eligible"]),
        )
    for ext in history.get("external_tables", []):
        conn.execute(
            "INSERT INTO redshift_emul.svv_external_tables VALUES"
            " (current_database(), %s, %s, 'EXTERNAL_TABLE', %s, %s, %s, %s, '{}', 0, %s)",
            (
                ext["schemaname"],
                ext["tablename"],
                ext["location"],
                ext["input_format"],
                ext["output_format"],
                ext["serialization_lib"],
                ext["parameters"],
            ),
        )
    for queue in history.get("wlm_queues", []):
        conn.execute(
            "INSERT INTO redshift_emul.stv_wlm_service_class_config (service_class,"
            " queueing_strategy, num_query_tasks, target_num_query_tasks, evictable,"
            " query_working_mem, target_query_working_mem, name, max_execution_time,"
            " concurrency_scaling, query_priority) VALUES (%s, 'FIFO', %s, %s, 'false', %s, %s,"
            " %s, %s, %s, %s)",
            (
                queue["service_class"],
                queue["num_query_tasks"],
                queue["num_query_tasks"],
                queue["query_working_mem"],
                queue["query_working_mem"],
                queue["name"],
                queue["max_execution_time"],
                queue["concurrency_scaling"],
                queue["query_priority"],
            ),
        )
    for rule in history.get("qmr_rules", []):
        conn.execute(
            "INSERT INTO redshift_emul.stv_wlm_qmr_config VALUES (%s, %s, %s, %s, %s, %s, '')",
            (
                rule["service_class"],
                rule["action"],
                rule["rule_name"],
                rule["metric_name"],
                rule["metric_operator"],
                rule["metric_value"],
            ),
        )
    for col in history.get("external_columns", []):
        conn.execute(
            "INSERT INTO redshift_emul.svv_external_columns VALUES"
            " (current_database(), %s, %s, %s, %s, %s, %s, 'true')",
            (
                col["schemaname"],
                col["tablename"],
                col["columnname"],
                col["external_type"],
                col["columnnum"],
                col["part_key"],
            ),
        )
    for mv in history.get("materialized_views", []):
        conn.execute(
            "INSERT INTO redshift_emul.stv_mv_info VALUES"
            " (current_database(), %s, %s, 0, %s, 'advisor', %s, 't', %s)",
            (mv["schema"], mv["name"], mv["is_stale"], mv["state"], mv["autorefresh"]),
        )
    _load_storage(conn, history)


def _load_storage(conn: psycopg.Connection[Any], history: dict[str, Any]) -> None:
    """The cluster's disks, interleaved skew and VACUUM runs (all planted; its slices are the
    loads scenario's)."""
    cluster = history.get("cluster", {})
    for part in cluster.get("partitions", []):
        conn.execute(
            "INSERT INTO redshift_emul.stv_partitions (owner, host, diskno, part_begin,"
            " part_end, used, tossed, capacity, reads, writes, seek_forward, seek_back, is_san,"
            " failed, mbps, mount) VALUES (%s, %s, %s, 0, %s, %s, 0, %s, 0, 0, 0, 0, 0, 0, 0,"
            " %s)",
            (
                part["owner"],
                part["host"],
                part["diskno"],
                int(part["capacity"]) * 1048576,
                part["used"],
                part["capacity"],
                f"/dev/nvme{part['diskno']}n1",
            ),
        )
    for column in history.get("interleaved_columns", []):
        days = column.get("last_reindex_days_ago")
        conn.execute(
            "INSERT INTO redshift_emul.svv_interleaved_columns VALUES"
            " (%s::regclass::oid::integer, %s, %s, %s)",
            (
                column["table"],
                column["col"],
                column["interleaved_skew"],
                None if days is None else NOW - timedelta(days=int(days)),
            ),
        )
    for xid, run in enumerate(history.get("vacuum_summary", []), 9001):
        conn.execute(
            "INSERT INTO redshift_emul.svv_vacuum_summary VALUES"
            " (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                run["table_name"],
                xid,
                run["sort_partitions"],
                run["merge_increments"],
                run["elapsed_time"],
                run["row_delta"],
                run["sortedrow_delta"],
                run["block_delta"],
                run["max_merge_partitions"],
            ),
        )


def _load_administration(conn: psycopg.Connection[Any], history: dict[str, Any]) -> None:
    """ATO events, table reads, Python UDFs, WLM executions and a second busy database."""
    for event in history.get("auto_table_optimization", []):
        at = NOW - timedelta(minutes=int(event["minutes_ago"]))
        conn.execute(
            "INSERT INTO redshift_emul.sys_auto_table_optimization VALUES"
            " (88, 4243, %s::regclass::oid::integer, %s, %s, %s, %s, %s)",
            (
                event["table"],
                event["alter_table_type"],
                event["status"],
                at,
                event["alter_from"],
                event.get("alter_to", ""),
            ),
        )
        conn.execute(
            "INSERT INTO redshift_emul.svl_auto_worker_action VALUES"
            " (%s::regclass::oid::integer, %s, %s, %s, 0, %s)",
            (event["table"], event["alter_table_type"], event["status"], at, event["alter_from"]),
        )
    # The scan history above names tables only; give its rows their table ids.
    conn.execute(
        "UPDATE redshift_emul.stl_scan s SET tbl = c.oid::integer FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'rs_demo' AND c.relkind = 'r'"
        " AND c.relname = trim(s.perm_table_name) AND s.tbl = 0"
    )
    for number, read in enumerate(history.get("table_reads", []), 1):
        for run in range(int(read["queries"])):
            conn.execute(
                "INSERT INTO redshift_emul.stl_scan (userid, query, slice, segment, step,"
                " starttime, endtime, rows, type, tbl, perm_table_name, rows_pre_filter,"
                " rows_pre_user_filter) SELECT %s, %s, 0, 0, 0, %s, %s, 1000, 2,"
                " c.oid::integer, c.relname, 1000, 1000 FROM pg_class c WHERE c.oid = %s::regclass",
                (int(read.get("userid", 100)), 7000 + number * 100 + run, NOW, NOW, read["table"]),
            )
    for udf in history.get("python_udfs", []):
        conn.execute(
            "INSERT INTO redshift_emul.planted_functions (schema, proname, pronargs,"
            " proargtypes, prorettype, provolatile, prosrc) SELECT %(schema)s, %(name)s,"
            " cardinality(%(args)s::text[]), array_to_string(ARRAY(SELECT a::regtype::oid"
            " FROM unnest(%(args)s::text[]) WITH ORDINALITY AS u(a, i) ORDER BY i), ' ')"
            "::oidvector, %(returns)s::regtype::oid, %(volatility)s, %(body)s",
            {
                "schema": udf["schema"],
                "name": udf["name"],
                "args": udf["arguments"],
                "returns": udf["returns"],
                "volatility": udf["volatility"],
                "body": udf["body"],
            },
        )
    for udf in history.get("sql_udfs", []):
        conn.execute(udf["ddl"])
    for db in history.get("other_database_queries", []):
        for run in range(int(db["runs"])):
            start = NOW - timedelta(minutes=50) + timedelta(seconds=run * 30)
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, query_type,"
                " status, start_time, end_time, elapsed_time, queue_time, execution_time,"
                " returned_rows, query_text, compute_type, compile_time, service_class_id,"
                " service_class_name, user_query_hash, generic_query_hash, database_name)"
                " VALUES (100, %s, %s, 'success', %s, %s, %s, 0, %s, 1, %s, 'primary', 0, %s,"
                " %s, %s, %s, %s)",
                (
                    int(db["query_id"]) * 1000 + run,
                    db["query_type"],
                    start,
                    start + timedelta(microseconds=int(db["elapsed_time"])),
                    db["elapsed_time"],
                    db["elapsed_time"],
                    db["query_text"],
                    db["service_class_id"],
                    db["service_class_name"],
                    _hash(db["query_text"]),
                    _hash(db["query_text"]),
                    db["database_name"],
                ),
            )
    # stl_wlm_query holds the main cluster's executions of sys_query_history, one slot each
    # (concurrency-scaling runs held no slot of its queues), ...
    conn.execute(
        "INSERT INTO redshift_emul.stl_wlm_query SELECT user_id, transaction_id::integer,"
        " query_id::integer, query_id::integer, service_class_id, 1, start_time, start_time,"
        " start_time + queue_time * interval '1 microsecond', queue_time,"
        " start_time + queue_time * interval '1 microsecond', end_time, execution_time,"
        " end_time, 'Completed', 0, 'normal', service_class_name"
        " FROM redshift_emul.sys_query_history"
        " WHERE service_class_id IS NOT NULL AND compute_type = 'primary'"
    )
    # ... and the bursts that filled a queue's slots at once.
    for burst in history.get("wlm_bursts", []):
        start = NOW - timedelta(minutes=int(burst["minutes_ago"]))
        end = start + timedelta(seconds=int(burst["seconds"]))
        # A full queue runs nothing else: move the burst earlier, a minute at a time, until no
        # other execution of its queue overlaps it (the other scenarios are timed by the clock).
        while conn.execute(
            "SELECT 1 FROM redshift_emul.stl_wlm_query WHERE service_class = %s"
            " AND exec_start_time < %s AND exec_end_time > %s LIMIT 1",
            (burst["service_class"], end, start),
        ).fetchone():
            start -= timedelta(minutes=1)
            end -= timedelta(minutes=1)
        for run in range(int(burst["concurrent"])):
            conn.execute(
                "INSERT INTO redshift_emul.stl_wlm_query VALUES (100, 0, %s, %s, %s, 1, %s, %s,"
                " %s, 0, %s, %s, %s, %s, 'Completed', 0, 'normal', %s)",
                (
                    int(burst["query"]) * 1000 + run,
                    int(burst["query"]) * 1000 + run,
                    burst["service_class"],
                    start,
                    start,
                    start,
                    start,
                    end,
                    int(burst["seconds"]) * 1_000_000,
                    end,
                    burst["service_class_name"],
                ),
            )


def _load_usage(conn: psycopg.Connection[Any], history: dict[str, Any]) -> None:
    """INSERT ... SELECT steps, query metrics, concurrency scaling runs, datashare requests."""
    # Burst runs and datashare transactions sit in one clock hour: the hour before the load's.
    anchor = NOW.replace(minute=10, second=0) - timedelta(hours=1)
    for ins in history.get("inserts", []):
        for run in range(int(ins["runs"])):
            query = int(ins["query"]) * 1000 + run
            for slice_ in (0, 1):
                conn.execute(
                    "INSERT INTO redshift_emul.stl_insert (userid, query, slice, segment, step,"
                    " starttime, endtime, tasknum, rows, tbl, inserted_mega_value)"
                    " VALUES (100, %s, %s, 1, 2, %s, %s, 15, %s, %s::regclass::oid::integer,"
                    " 'f')",
                    (query, slice_, NOW, NOW, int(ins["rows"]) // 2, ins["target"]),
                )
            conn.execute(
                "INSERT INTO redshift_emul.stl_scan (userid, query, slice, segment, step,"
                " starttime, endtime, rows, type, tbl, perm_table_name, rows_pre_filter,"
                " rows_pre_user_filter) VALUES (100, %s, 0, 0, 0, %s, %s, %s, 2,"
                " %s::regclass::oid::integer, %s, %s, %s)",
                (
                    query,
                    NOW,
                    NOW,
                    ins["rows"],
                    ins["source"],
                    ins["source"].split(".")[-1],
                    ins["rows"],
                    ins["rows"],
                ),
            )
    for spec in history.get("query_metrics", []):
        values = [int(spec["low"]) + (i * 7) % int(spec["spread"]) for i in range(spec["queries"])]
        values += [int(v) for v in spec["outliers"]]
        for n, value in enumerate(values):
            conn.execute(
                "INSERT INTO redshift_emul.svl_query_metrics_summary VALUES (100, %s, %s,"
                " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
                (int(spec["query"]) + n, spec["service_class"]),
            )
            conn.execute(
                f"UPDATE redshift_emul.svl_query_metrics_summary SET {spec['metric']} = %s"
                " WHERE query = %s",
                (value, int(spec["query"]) + n),
            )
    for q in history.get("burst_queries", []):
        for run in range(int(q["runs"])):
            start = anchor + timedelta(seconds=run)
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, query_type,"
                " status, start_time, end_time, elapsed_time, queue_time, execution_time,"
                " returned_rows, query_text, compute_type, compile_time, service_class_id,"
                " service_class_name, user_query_hash, generic_query_hash, database_name)"
                " VALUES (100, %s, 'SELECT', 'success', %s, %s, %s, 0, %s, 10, %s, %s, 0, %s,"
                " %s, %s, %s, current_database())",
                (
                    int(q["query_id"]) * 1000 + run,
                    start,
                    start + timedelta(microseconds=int(q["elapsed_time"])),
                    q["elapsed_time"],
                    q["elapsed_time"],
                    q["query_text"],
                    q["compute_type"],
                    q["service_class_id"],
                    q["service_class_name"],
                    _hash(q["query_text"]),
                    _hash(q["query_text"]),
                ),
            )
    for share in history.get("datashare_consumer", []):
        for n in range(int(share["transactions"])):
            xid = int(share["transaction_id"]) + n
            start = anchor + timedelta(minutes=5 + n)
            requests = int(share["requests"])
            for r in range(requests):
                at = start + timedelta(seconds=float(share["seconds"]) * r / max(1, requests - 1))
                conn.execute(
                    "INSERT INTO redshift_emul.sys_datashare_usage_consumer VALUES"
                    " (%s, %s, %s, %s, 'GET RELATION', %s, %s, 0, '')",
                    (share["user_id"], share["session_id"], xid, f"req-{xid}-{r}", f"tx-{xid}", at),
                )
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, transaction_id,"
                " session_id, database_name, query_type, status, start_time, end_time,"
                " elapsed_time, queue_time, execution_time, returned_rows, query_text,"
                " compute_type, service_class_id, service_class_name, user_query_hash,"
                " generic_query_hash) VALUES (%s, %s, %s, %s, %s, 'SELECT', 'success', %s, %s,"
                " 1000000, 0, 1000000, 1, %s, 'primary', 7, 'reports', %s, %s)",
                (
                    share["user_id"],
                    xid,
                    xid,
                    share["session_id"],
                    share["database"],
                    start,
                    start + timedelta(seconds=1),
                    share["query_text"],
                    _hash(share["query_text"]),
                    _hash(share["query_text"]),
                ),
            )


def _statement(
    conn: psycopg.Connection[Any],
    query: int,
    xid: int,
    start: datetime,
    elapsed_us: int,
    query_type: str,
    text: str,
) -> None:
    """One statement in sys_query_history and stl_query (ids shared, as the emulation does)."""
    end = start + timedelta(microseconds=elapsed_us)
    conn.execute(
        "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, transaction_id,"
        " query_type, status, start_time, end_time, elapsed_time, queue_time, execution_time,"
        " returned_rows, query_text, compute_type, compile_time, service_class_id,"
        " service_class_name, user_query_hash, generic_query_hash, database_name)"
        " VALUES (100, %s, %s, %s, 'success', %s, %s, %s, 0, %s, 0, %s, 'primary', 0, 7,"
        " 'reports', %s, %s, current_database())",
        (
            query,
            xid,
            query_type,
            start,
            end,
            elapsed_us,
            elapsed_us,
            text,
            _hash(text),
            _hash(text),
        ),
    )
    conn.execute(
        "INSERT INTO redshift_emul.stl_query (userid, query, label, xid, pid, database, querytxt,"
        " starttime, endtime, aborted) VALUES (100, %s, 'default', %s, 4242, current_database(),"
        " %s, %s, %s, 0)",
        (query, xid, text, start, end),
    )


def _load_loads(conn: psycopg.Connection[Any], loads: dict[str, Any]) -> None:
    """Trickle and batched INSERTs, COPYs with their files, S3 transfers and analysis steps."""
    cluster = loads.get("cluster", {})
    for node in range(int(cluster.get("nodes", 0))):
        for local in range(int(cluster.get("slices_per_node", 0))):
            slice_ = node * int(cluster["slices_per_node"]) + local
            conn.execute(
                "INSERT INTO redshift_emul.stv_slices VALUES (%s, %s, %s, 'D')",
                (node, slice_, local),
            )
    clock = NOW - timedelta(minutes=45)
    for ins in loads.get("inserts", []):
        table = ins["table"]
        oid = conn.execute("SELECT to_regclass(%s)::oid::integer", (table,)).fetchone()
        tbl = oid[0] if oid and oid[0] is not None else 0
        for run in range(int(ins["runs"])):
            query = int(ins["query"]) * 1000 + run
            # One after another, a second apart: every planted hour holds most of its INSERTs.
            start = clock
            clock += timedelta(microseconds=int(ins["elapsed_time"]), seconds=1)
            _statement(conn, query, query, start, int(ins["elapsed_time"]), "INSERT", ins["text"])
            conn.execute(
                "INSERT INTO redshift_emul.sys_query_detail (user_id, query_id,"
                " child_query_sequence, stream_id, segment_id, step_id, step_name, table_id,"
                " table_name, start_time, end_time, output_rows) VALUES (100, %s, 1, 0, 0, 2,"
                " 'insert', %s, %s, %s, %s, %s)",
                (query, tbl, table, start, start, ins["rows"]),
            )
            conn.execute(
                "INSERT INTO redshift_emul.stl_insert (userid, query, slice, segment, step,"
                " starttime, endtime, tasknum, rows, tbl) VALUES (100, %s, 0, 0, 2, %s, %s, 1,"
                " %s, %s)",
                (query, start, start, ins["rows"], tbl),
            )
    clock = NOW - timedelta(minutes=40)
    for copy in loads.get("copies", []):
        source = copy["data_source"]
        bucket = source.split("/")[2]
        prefix = source.split("/", 3)[3]
        files = int(copy["files"])
        for run in range(int(copy["runs"])):
            query = int(copy["query"]) * 1000 + run
            # One session loads one COPY after another: its compression analysis statements
            # first, then the load itself (so the loads never hold two WLM slots at once).
            for k, text in enumerate(copy.get("analysis", [])):
                _statement(
                    conn,
                    int(copy["query"]) * 1000 + 500 + run * 10 + k,
                    query,
                    clock,
                    int(copy["analysis_time"]),
                    "UTILITY",
                    text,
                )
                clock += timedelta(microseconds=int(copy["analysis_time"]) + 1000)
            start = clock
            elapsed = int(copy["elapsed_time"])
            clock = start + timedelta(microseconds=elapsed, seconds=1)
            _statement(conn, query, query, start, elapsed, "COPY", copy["text"])
            conn.execute(
                "INSERT INTO redshift_emul.sys_load_history VALUES (100, %s, %s, 4242,"
                " current_database(), 'completed', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, 0, 0)",
                (
                    query,
                    query,
                    copy["table"],
                    start,
                    start + timedelta(microseconds=elapsed),
                    elapsed,
                    source,
                    copy["file_format"],
                    copy["rows"],
                    files * int(copy["data_bytes"]),
                    files,
                    files * int(copy["file_bytes"]),
                    files,
                    files * int(copy["file_bytes"]),
                ),
            )
            for n in range(files):
                key = f"{prefix}part-{n:04d}{copy.get('suffix', '')}"
                conn.execute(
                    "INSERT INTO redshift_emul.sys_load_detail VALUES (100, %s, %s, %s, %s, %s,"
                    " %s, %s, %s)",
                    (
                        query,
                        f"s3://{bucket}/{key}",
                        copy["file_bytes"],
                        int(copy["rows"]) // files,
                        start,
                        int(copy.get("splits_per_file", 1)),
                        start,
                        start,
                    ),
                )
                conn.execute(
                    "INSERT INTO redshift_emul.stl_s3client (userid, query, slice, recordtime,"
                    " pid, http_method, bucket, key, transfer_size, data_size, retries,"
                    " is_partial, start_offset) VALUES (100, %s, %s, %s, 4242, 'GET', %s, %s,"
                    " %s, %s, 0, 0, 0)",
                    (query, n, start, bucket, key, copy["file_bytes"], copy["data_bytes"]),
                )


def _load_tpch_history(conn: psycopg.Connection[Any], history: dict[str, Any]) -> None:
    """The TPC-H queries' runs, spread evenly over the last 48 minutes (all in the past)."""
    rows = []
    for q in history.get("tpch_queries", []):
        runs = int(q["runs"])
        step = timedelta(minutes=48) / max(runs, 1)
        for run in range(runs):
            start = NOW - timedelta(minutes=49) + run * step
            rows.append(
                (
                    int(q["query_id"]) * 1000 + run,
                    q["query_type"],
                    start,
                    start + timedelta(microseconds=int(q["elapsed_time"])),
                    q["elapsed_time"],
                    q["queue_time"],
                    int(q["elapsed_time"]) - int(q["queue_time"]),
                    q["returned_rows"],
                    q["query_text"],
                    q["service_class_id"],
                    q["service_class_name"],
                    _hash(q["query_text"]),
                    _hash(q["query_text"]),
                )
            )
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO redshift_emul.sys_query_history (user_id, query_id, query_type,"
            " status, start_time, end_time, elapsed_time, queue_time, execution_time,"
            " returned_rows, query_text, compute_type, compile_time, service_class_id,"
            " service_class_name, user_query_hash, generic_query_hash, database_name)"
            " VALUES (100, %s, %s, 'success', %s, %s, %s, %s, %s, %s, %s, 'primary', 0,"
            " %s, %s, %s, %s, current_database())",
            rows,
        )


def _grant_reader(conn: psycopg.Connection[Any]) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER,)).fetchone()
    if exists is None:
        conn.execute(f"CREATE ROLE {READER} LOGIN")
    conn.execute(f"ALTER ROLE {READER} LOGIN NOSUPERUSER PASSWORD '{READER_PASSWORD}'")
    # pg_catalog named after redshift_emul: the emulated pg_proc and pg_language win.
    conn.execute(f"ALTER ROLE {READER} SET search_path = redshift_emul, pg_catalog, public")
    for schema in ("redshift_emul", "rs_demo", "tpch"):
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}")


def _wait_for_schema(dsn: str, schema: str, count: int) -> None:
    """Until `count` tables of `schema` are listed with their rows (the loader's counters
    reach the statistics system as its sessions end)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for _ in range(100):
            row = conn.execute(
                "SELECT count(*) FROM redshift_emul.svv_table_info WHERE schema = %s", (schema,)
            ).fetchone()
            if row is not None and row[0] >= count:
                return
            time.sleep(0.1)
            conn.execute("SELECT pg_stat_clear_snapshot()")


def load(dsn: str = "") -> float:
    started = time.perf_counter()
    scenario = json.loads((SCENARIOS / "tables.json").read_text(encoding="utf-8"))
    tables = scenario["tables"]
    history = json.loads((SCENARIOS / "history.json").read_text(encoding="utf-8"))
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    names = _load_tables(dsn, tables)
    tpch = _load_tables(dsn, scenario.get("tpch_tables", []))
    with psycopg.connect(dsn, autocommit=True) as conn:
        _load_loads(conn, history.get("loads", {}))
        _load_history(conn, history)
        _load_usage(conn, history)
        _load_administration(conn, history)
        _load_tpch_history(conn, history)
        _grant_reader(conn)
    _wait_for_schema(dsn, "rs_demo", len(names))
    _wait_for_schema(dsn, "tpch", len(tpch))
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
    print(f"redshift_emulation: schemas redshift_emul, rs_demo, tpch loaded in {seconds:.1f} s")
    print(f"redshift_emulation: connect as {READER} (password {READER_PASSWORD}) to read them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
