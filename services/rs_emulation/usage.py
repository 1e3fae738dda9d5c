"""The usage family: INSERT ... SELECT steps (stl_insert with the scans they read), query
metrics (svl_query_metrics_summary), concurrency-scaling runs and data-sharing requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import chain

from rs_emulation.history import statement
from rs_emulation.rows import NOW, Conn, Row, Spec, feed, runs, table_id, write

# svl_query_metrics_summary's metric columns, zero unless the scenario plants one.
METRICS = (
    "query_cpu_time",
    "query_blocks_read",
    "query_execution_time",
    "query_cpu_usage_percent",
    "query_temp_blocks_to_disk",
    "segment_execution_time",
    "cpu_skew",
    "io_skew",
    "scan_row_count",
    "join_row_count",
    "nested_loop_join_row_count",
    "return_row_count",
    "spectrum_scan_row_count",
    "spectrum_scan_size_mb",
    "query_queue_time",
)


def _insert_rows(ins: Spec) -> Iterator[Row]:
    for run in runs(ins):
        query = int(ins["query"]) * 1000 + run
        for slice_ in (0, 1):
            yield (
                "stl_insert",
                {
                    "userid": 100,
                    "query": query,
                    "slice": slice_,
                    "segment": 1,
                    "step": 2,
                    "starttime": NOW,
                    "endtime": NOW,
                    "tasknum": 15,
                    "rows": int(ins["rows"]) // 2,
                    "tbl": table_id(ins["target"]),
                    "inserted_mega_value": "f",
                },
            )
        yield (
            "stl_scan",
            {
                "userid": 100,
                "query": query,
                "slice": 0,
                "segment": 0,
                "step": 0,
                "starttime": NOW,
                "endtime": NOW,
                "rows": ins["rows"],
                "type": 2,
                "tbl": table_id(ins["source"]),
                "perm_table_name": ins["source"].split(".")[-1],
                "rows_pre_filter": ins["rows"],
                "rows_pre_user_filter": ins["rows"],
            },
        )


def _metric_rows(spec: Spec) -> Iterator[Row]:
    values = [int(spec["low"]) + (i * 7) % int(spec["spread"]) for i in range(spec["queries"])]
    values += [int(v) for v in spec["outliers"]]
    for n, value in enumerate(values):
        row = {
            "userid": 100,
            "query": int(spec["query"]) + n,
            "service_class": spec["service_class"],
        }
        row.update(dict.fromkeys(METRICS, 0))
        row[spec["metric"]] = value
        yield "svl_query_metrics_summary", row


def _burst_rows(anchor: datetime, q: Spec) -> Iterator[Row]:
    for run in runs(q):
        yield (
            "sys_query_history",
            statement(
                int(q["query_id"]) * 1000 + run,
                anchor + timedelta(seconds=run),
                int(q["elapsed_time"]),
                q["query_text"],
                elapsed_time=q["elapsed_time"],
                execution_time=q["elapsed_time"],
                returned_rows=10,
                compute_type=q["compute_type"],
                service_class_id=q["service_class_id"],
                service_class_name=q["service_class_name"],
            ),
        )


def _datashare_rows(anchor: datetime, share: Spec) -> Iterator[Row]:
    requests = int(share["requests"])
    for n in runs(share, "transactions"):
        xid = int(share["transaction_id"]) + n
        start = anchor + timedelta(minutes=5 + n)
        for r in range(requests):
            yield (
                "sys_datashare_usage_consumer",
                {
                    "user_id": share["user_id"],
                    "session_id": share["session_id"],
                    "transaction_id": xid,
                    "request_id": f"req-{xid}-{r}",
                    "request_type": "GET RELATION",
                    "transaction_uid": f"tx-{xid}",
                    "record_time": start
                    + timedelta(seconds=float(share["seconds"]) * r / max(1, requests - 1)),
                    "status": 0,
                    "error_message": "",
                },
            )
        yield (
            "sys_query_history",
            statement(
                xid,
                start,
                1_000_000,
                share["query_text"],
                user_id=share["user_id"],
                transaction_id=xid,
                session_id=share["session_id"],
                database_name=share["database"],
                returned_rows=1,
                compile_time=None,
            ),
        )


def load(conn: Conn, history: Spec) -> None:
    # Burst runs and datashare transactions sit in one clock hour: the hour before the load's.
    anchor = NOW.replace(minute=10, second=0) - timedelta(hours=1)
    write(
        conn,
        chain(
            feed(history, "inserts", _insert_rows),
            feed(history, "query_metrics", _metric_rows),
            feed(history, "burst_queries", lambda q: _burst_rows(anchor, q)),
            feed(history, "datashare_consumer", lambda share: _datashare_rows(anchor, share)),
        ),
    )
