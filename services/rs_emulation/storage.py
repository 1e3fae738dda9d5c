"""The storage family: the cluster's disks (stv_partitions), interleaved sort-key skew and
VACUUM runs, all planted (the cluster's slices are the loads scenario's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import chain

from rs_emulation.rows import NOW, Conn, Row, Spec, feed, table_id, write


def _partition_rows(part: Spec) -> Iterator[Row]:
    yield (
        "stv_partitions",
        {
            "owner": part["owner"],
            "host": part["host"],
            "diskno": part["diskno"],
            "part_begin": 0,
            "part_end": int(part["capacity"]) * 1048576,
            "used": part["used"],
            "tossed": 0,
            "capacity": part["capacity"],
            **dict.fromkeys(
                ("reads", "writes", "seek_forward", "seek_back", "is_san", "failed", "mbps"), 0
            ),
            "mount": f"/dev/nvme{part['diskno']}n1",
        },
    )


def _interleaved_rows(column: Spec) -> Iterator[Row]:
    days = column.get("last_reindex_days_ago")
    yield (
        "svv_interleaved_columns",
        {
            "tbl": table_id(column["table"]),
            "col": column["col"],
            "interleaved_skew": column["interleaved_skew"],
            "last_reindex": None if days is None else NOW - timedelta(days=int(days)),
        },
    )


def _vacuum_rows(history: Spec) -> Iterator[Row]:
    for xid, run in enumerate(history.get("vacuum_summary", []), 9001):
        yield (
            "svv_vacuum_summary",
            {
                "table_name": run["table_name"],
                "xid": xid,
                **{
                    k: run[k]
                    for k in (
                        "sort_partitions",
                        "merge_increments",
                        "elapsed_time",
                        "row_delta",
                        "sortedrow_delta",
                        "block_delta",
                        "max_merge_partitions",
                    )
                },
            },
        )


def load(conn: Conn, history: Spec) -> None:
    write(
        conn,
        chain(
            feed(history.get("cluster", {}), "partitions", _partition_rows),
            feed(history, "interleaved_columns", _interleaved_rows),
            _vacuum_rows(history),
        ),
    )
