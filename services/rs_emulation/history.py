"""The query history family: statements (sys_query_history), alert events and the scans they
name, step summaries (svl_query_summary, sys_query_detail), plans (stl_explain,
sys_query_explain), Spectrum and federated queries; all from history.json."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import chain
from typing import Any

from advisor.model_redshift import RsPlanNode
from advisor.sql.explain import parse_plan
from rs_emulation.rows import DATABASE, NOW, Conn, Row, Spec, feed, query_hash, runs, write


def statement(
    query_id: int,
    start: datetime,
    elapsed_us: int,
    text: str,
    **columns: Any,
) -> dict[str, Any]:
    """A successful statement of sys_query_history by user 100 (its hashes from the text);
    `columns` adds or overrides columns."""
    row: dict[str, Any] = {
        "user_id": 100,
        "query_id": query_id,
        "query_type": "SELECT",
        "status": "success",
        "start_time": start,
        "end_time": start + timedelta(microseconds=elapsed_us),
        "elapsed_time": elapsed_us,
        "queue_time": 0,
        "execution_time": elapsed_us,
        "returned_rows": 0,
        "query_text": text,
        "compute_type": "primary",
        "compile_time": 0,
        "service_class_id": 7,
        "service_class_name": "reports",
        "user_query_hash": query_hash(text),
        "generic_query_hash": query_hash(text),
        "database_name": DATABASE,
    }
    row.update(columns)
    return row


def _query_rows(q: Spec) -> Iterator[Row]:
    for run in runs(q):
        start = NOW - timedelta(minutes=50) + timedelta(seconds=run * 30)
        yield (
            "sys_query_history",
            statement(
                int(q["query_id"]) * 1000 + run,
                start,
                int(q["elapsed_time"]),
                q["query_text"],
                query_type=q["query_type"],
                elapsed_time=q["elapsed_time"],
                queue_time=q["queue_time"],
                execution_time=int(q["elapsed_time"]) - int(q["queue_time"]),
                returned_rows=q["returned_rows"],
                compile_time=int(q.get("compile_time", 0)),
                service_class_id=q["service_class_id"],
                service_class_name=q["service_class_name"],
            ),
        )


def _scan(query: int, step: int, rows: Any, table: str, **columns: Any) -> dict[str, Any]:
    """A user-table scan step of stl_scan (type 2), its filters as given."""
    row: dict[str, Any] = {
        "userid": 100,
        "query": query,
        "slice": 0,
        "segment": 0,
        "step": step,
        "rows": rows,
        "type": 2,
        "tbl": 0,
        "perm_table_name": table,
        "rows_pre_filter": rows,
        "rows_pre_user_filter": rows,
    }
    row.update(columns)
    return row


def _alert_rows(history: Spec) -> Iterator[Row]:
    for step, alert in enumerate(history.get("alerts", []), 1):
        yield (
            "stl_alert_event_log",
            {
                "userid": 100,
                "query": alert["query"],
                "slice": 0,
                "segment": 1,
                "step": step,
                "pid": 4242,
                "xid": 77,
                "event": alert["event"],
                "solution": alert["solution"],
                "event_time": NOW,
            },
        )
        yield "stl_scan", _scan(alert["query"], step, alert["rows"], alert["table"], segment=1)


def _scan_rows(scan: Spec) -> Iterator[Row]:
    for run in runs(scan):
        yield (
            "stl_scan",
            {
                "userid": 100,
                "query": int(scan["query"]) * 1000 + run,
                "slice": 0,
                "segment": 0,
                "step": 0,
                "starttime": NOW,
                "endtime": NOW,
                "rows": scan["rows"],
                "type": 2,
                "tbl": 0,
                "perm_table_name": scan["table"],
                "rows_pre_filter": scan["rows_pre_filter"],
                "rows_pre_user_filter": scan["rows_pre_user_filter"],
            },
        )


def _summary_rows(step: Spec) -> Iterator[Row]:
    yield (
        "svl_query_summary",
        {
            "userid": 100,
            "query": step["query"],
            "stm": 0,
            "seg": step["seg"],
            "step": step["step"],
            "maxtime": step["maxtime"],
            "avgtime": step["maxtime"],
            "rows": step["rows"],
            "bytes": step["bytes"],
            "label": step["label"],
            "is_diskbased": step["is_diskbased"],
            "workmem": step["workmem"],
        },
    )
    # The same step as sys_query_detail shows it (the SYS view of Serverless): a disk-based
    # step spilled its bytes, in 1 MB blocks, to local disk.
    start = NOW - timedelta(minutes=30)
    label = step["label"]
    yield (
        "sys_query_detail",
        {
            "user_id": 100,
            "query_id": step["query"],
            "child_query_sequence": 1,
            "stream_id": step["seg"],
            "segment_id": step["seg"],
            "step_id": step["step"],
            "step_name": label.split()[0],
            "table_name": label.split("name=")[1].split()[0] if "name=" in label else "",
            "start_time": start,
            "end_time": start + timedelta(microseconds=int(step["maxtime"])),
            "duration": step["maxtime"],
            "output_rows": step["rows"],
            "output_bytes": step["bytes"],
            "spilled_block_local_disk": (
                -(-int(step["bytes"]) // 1048576) if step["is_diskbased"] == "t" else 0
            ),
            "spilled_block_remote_disk": 0,
        },
    )


def plan_rows(node: RsPlanNode, parent: int, counter: list[int]) -> list[tuple[int, int, str, str]]:
    """(node id, parent id, plan node text, detail) of a plan's nodes, depth first."""
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
        rows.extend(plan_rows(child, node_id, counter))
    return rows


def _plan_rows(plan: Spec) -> Iterator[Row]:
    tree = parse_plan(plan["text"])
    for node_id, parent, text, info in plan_rows(tree.root, 0, [0]):
        yield (
            "stl_explain",
            {
                "userid": 100,
                "query": plan["query_id"],
                "nodeid": node_id,
                "parentid": parent,
                "plannode": text,
                "info": info,
            },
        )
        yield (
            "sys_query_explain",
            {
                "user_id": 100,
                "query_id": plan["query_id"],
                "child_query_sequence": 0,
                "plan_node_id": node_id,
                "plan_parent_id": parent,
                "plan_node": text,
                "node_info": info,
            },
        )
    yield (
        "sys_query_history",
        {
            "user_id": 100,
            "query_id": plan["query_id"],
            "query_type": "SELECT",
            "status": "success",
            "start_time": NOW,
            "end_time": NOW,
            "elapsed_time": 1000000,
            "queue_time": 0,
            "execution_time": 1000000,
            "returned_rows": 10,
            "query_text": plan["query_text"],
            "service_class_id": 7,
            "generic_query_hash": query_hash(plan["query_text"]),
        },
    )


def _spectrum_rows(scan: Spec) -> Iterator[Row]:
    for run in runs(scan):
        query = int(scan["query"]) * 1000 + run
        yield (
            "svl_s3query_summary",
            {
                "userid": 100,
                "query": query,
                "segment": 1,
                "step": 1,
                "starttime": NOW,
                "endtime": NOW,
                "elapsed": 1000000,
                "aborted": 0,
                **{
                    k: scan[k]
                    for k in (
                        "external_table_name",
                        "file_format",
                        "is_partitioned",
                        "s3_scanned_rows",
                        "s3_scanned_bytes",
                        "s3query_returned_rows",
                        "s3query_returned_bytes",
                        "files",
                    )
                },
            },
        )
        if "total_partitions" in scan:
            yield (
                "svl_s3partition",
                {
                    "query": query,
                    "segment": 1,
                    "node": 0,
                    "slice": 0,
                    "total_partitions": scan["total_partitions"],
                    "qualified_partitions": scan["qualified_partitions"],
                    "assigned_partitions": scan["qualified_partitions"],
                },
            )


def _federated_rows(fed: Spec) -> Iterator[Row]:
    for run in runs(fed):
        yield (
            "svl_federated_query",
            {
                "userid": 100,
                "xid": 77,
                "pid": 4242,
                "query": int(fed["query"]) * 1000 + run,
                "sourcetype": fed["sourcetype"],
                "recordtime": NOW,
                "querytext": fed["querytext"],
                "num_rows": fed["num_rows"],
                "num_bytes": fed["num_bytes"],
                "duration": fed["duration"],
            },
        )


def load(conn: Conn, history: Spec) -> None:
    write(
        conn,
        chain(
            feed(history, "queries", _query_rows),
            _alert_rows(history),
            feed(history, "scans", _scan_rows),
            feed(history, "query_summary", _summary_rows),
            feed(history, "plans", _plan_rows),
            feed(history, "spectrum", _spectrum_rows),
            feed(history, "federated", _federated_rows),
        ),
    )


def _tpch_rows(q: Spec) -> Iterator[Row]:
    count = int(q["runs"])
    step = timedelta(minutes=48) / max(count, 1)
    for run in range(count):
        yield (
            "sys_query_history",
            statement(
                int(q["query_id"]) * 1000 + run,
                NOW - timedelta(minutes=49) + run * step,
                int(q["elapsed_time"]),
                q["query_text"],
                query_type=q["query_type"],
                elapsed_time=q["elapsed_time"],
                queue_time=q["queue_time"],
                execution_time=int(q["elapsed_time"]) - int(q["queue_time"]),
                returned_rows=q["returned_rows"],
                service_class_id=q["service_class_id"],
                service_class_name=q["service_class_name"],
            ),
        )


def load_tpch(conn: Conn, history: Spec) -> None:
    """The TPC-H queries' runs, spread evenly over the last 48 minutes (all in the past)."""
    with conn.transaction():
        write(conn, feed(history, "tpch_queries", _tpch_rows))


def load_ato(conn: Conn, history: Spec) -> None:
    """The queries over the tables Redshift tunes itself, spread like the TPC-H ones."""
    with conn.transaction():
        write(conn, feed(history, "ato_queries", _tpch_rows))
