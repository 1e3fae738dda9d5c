"""The loads family: the cluster's slices, trickle and batched INSERTs (sys_query_detail,
stl_insert), COPYs with their files (sys_load_history, sys_load_detail, stl_s3client) and the
compression analysis statements COPY runs first; every statement also in stl_query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import chain

from rs_emulation.history import statement
from rs_emulation.rows import DATABASE, NOW, Conn, Expr, Row, Spec, runs, write


def statement_rows(
    query: int, xid: int, start: datetime, elapsed_us: int, query_type: str, text: str
) -> Iterator[Row]:
    """One statement in sys_query_history and stl_query (ids shared, as the emulation does)."""
    row = statement(query, start, elapsed_us, text, transaction_id=xid, query_type=query_type)
    yield "sys_query_history", row
    yield (
        "stl_query",
        {
            "userid": 100,
            "query": query,
            "label": "default",
            "xid": xid,
            "pid": 4242,
            "database": DATABASE,
            "querytxt": text,
            "starttime": start,
            "endtime": row["end_time"],
            "aborted": 0,
        },
    )


def _slice_rows(cluster: Spec) -> Iterator[Row]:
    per_node = int(cluster.get("slices_per_node", 0))
    for node in range(int(cluster.get("nodes", 0))):
        for local in range(per_node):
            yield (
                "stv_slices",
                {
                    "node": node,
                    "slice": node * per_node + local,
                    "localslice": local,
                    "type": "D",
                },
            )


def _insert_rows(loads: Spec) -> Iterator[Row]:
    # One after another, a second apart: every planted hour holds most of its INSERTs.
    clock = NOW - timedelta(minutes=45)
    for ins in loads.get("inserts", []):
        table = ins["table"]
        tbl = Expr("coalesce(to_regclass(%s)::oid::integer, 0)", (table,))
        elapsed = int(ins["elapsed_time"])
        for run in runs(ins):
            query = int(ins["query"]) * 1000 + run
            start = clock
            clock += timedelta(microseconds=elapsed, seconds=1)
            yield from statement_rows(query, query, start, elapsed, "INSERT", ins["text"])
            yield (
                "sys_query_detail",
                {
                    "user_id": 100,
                    "query_id": query,
                    "child_query_sequence": 1,
                    "stream_id": 0,
                    "segment_id": 0,
                    "step_id": 2,
                    "step_name": "insert",
                    "table_id": tbl,
                    "table_name": table,
                    "start_time": start,
                    "end_time": start,
                    "output_rows": ins["rows"],
                },
            )
            yield (
                "stl_insert",
                {
                    "userid": 100,
                    "query": query,
                    "slice": 0,
                    "segment": 0,
                    "step": 2,
                    "starttime": start,
                    "endtime": start,
                    "tasknum": 1,
                    "rows": ins["rows"],
                    "tbl": tbl,
                },
            )


def _load_history_row(copy: Spec, query: int, start: datetime, elapsed: int) -> Row:
    files = int(copy["files"])
    return "sys_load_history", {
        "user_id": 100,
        "query_id": query,
        "transaction_id": query,
        "session_id": 4242,
        "database_name": DATABASE,
        "status": "completed",
        "table_name": copy["table"],
        "start_time": start,
        "end_time": start + timedelta(microseconds=elapsed),
        "duration": elapsed,
        "data_source": copy["data_source"],
        "file_format": copy["file_format"],
        "loaded_rows": copy["rows"],
        "loaded_bytes": files * int(copy["data_bytes"]),
        "source_file_count": files,
        "source_file_bytes": files * int(copy["file_bytes"]),
        "file_count_scanned": files,
        "file_bytes_scanned": files * int(copy["file_bytes"]),
        "error_count": 0,
        "copy_job_id": 0,
    }


def _file_rows(copy: Spec, query: int, start: datetime) -> Iterator[Row]:
    source = copy["data_source"]
    bucket = source.split("/")[2]
    prefix = source.split("/", 3)[3]
    files = int(copy["files"])
    for n in range(files):
        key = f"{prefix}part-{n:04d}{copy.get('suffix', '')}"
        yield (
            "sys_load_detail",
            {
                "user_id": 100,
                "query_id": query,
                "file_name": f"s3://{bucket}/{key}",
                "bytes_scanned": copy["file_bytes"],
                "lines_scanned": int(copy["rows"]) // files,
                "record_time": start,
                "splits_scanned": int(copy.get("splits_per_file", 1)),
                "start_time": start,
                "end_time": start,
            },
        )
        yield (
            "stl_s3client",
            {
                "userid": 100,
                "query": query,
                "slice": n,
                "recordtime": start,
                "pid": 4242,
                "http_method": "GET",
                "bucket": bucket,
                "key": key,
                "transfer_size": copy["file_bytes"],
                "data_size": copy["data_bytes"],
                "retries": 0,
                "is_partial": 0,
                "start_offset": 0,
            },
        )


def _copy_rows(loads: Spec) -> Iterator[Row]:
    clock = NOW - timedelta(minutes=40)
    for copy in loads.get("copies", []):
        analysis_time = int(copy.get("analysis_time", 0))
        for run in runs(copy):
            query = int(copy["query"]) * 1000 + run
            # One session loads one COPY after another: its compression analysis statements
            # first, then the load itself (so the loads never hold two WLM slots at once).
            for k, text in enumerate(copy.get("analysis", [])):
                number = int(copy["query"]) * 1000 + 500 + run * 10 + k
                yield from statement_rows(number, query, clock, analysis_time, "UTILITY", text)
                clock += timedelta(microseconds=analysis_time + 1000)
            start = clock
            elapsed = int(copy["elapsed_time"])
            clock = start + timedelta(microseconds=elapsed, seconds=1)
            yield from statement_rows(query, query, start, elapsed, "COPY", copy["text"])
            yield _load_history_row(copy, query, start, elapsed)
            yield from _file_rows(copy, query, start)


def load(conn: Conn, loads: Spec) -> None:
    """Trickle and batched INSERTs, COPYs with their files, S3 transfers and analysis steps."""
    write(
        conn,
        chain(_slice_rows(loads.get("cluster", {})), _insert_rows(loads), _copy_rows(loads)),
    )
