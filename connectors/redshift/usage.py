"""Steps of the read over loads and cluster usage: trickle INSERTs, COPY files and their
compression, INSERT ... SELECT key pairs, query metric percentiles, burst hours, busy days and
data-sharing requests."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta
from typing import Any

import psycopg
from psycopg import sql

from advisor.model_redshift import (
    RsCompressionAnalysis,
    RsCopyGroup,
    RsInsertHour,
    RsUncompressedCopy,
    RsWorkload,
)
from connectors.redshift import mapping as to
from connectors.redshift.session import Row, Session, qualified
from connectors.redshift.sql_history import (
    ANALYSES_STL,
    ANALYSES_SYS,
    BUSY_DAYS,
    COPIES,
    DATASHARE_CONSUMERS,
    INSERT_SOURCES,
    INSERTS_STL,
    INSERTS_SYS,
    METRIC_PERCENTILES,
    UNCOMPRESSED_COPIES,
)


def read_usage(s: Session, conn: psycopg.Connection[Row]) -> None:
    """INSERT...SELECT key pairs, QMR metric percentiles, burst hours, busy days, datashares."""
    workload = s.snapshot.workload or RsWorkload()
    changes: dict[str, Any] = {}
    if s.has("stl_insert") and s.has("stl_scan"):
        s.progress("inserts")
        parts = {
            "target": "NULL::text",
            "target_style": "NULL::text",
            "source": "NULL::text",
            "source_style": "NULL::text",
        }
        join = sql.SQL("")
        if s.has("svv_table_info"):
            parts = {
                "target": qualified("t"),
                "target_style": "trim(t.diststyle)",
                "source": qualified("u"),
                "source_style": "trim(u.diststyle)",
            }
            join = sql.SQL(
                "LEFT JOIN svv_table_info t ON t.table_id = p.target_id\n"
                "LEFT JOIN svv_table_info u ON u.table_id = p.source_id"
            )
        query = sql.SQL(INSERT_SOURCES).format(
            join=join, **{k: sql.SQL(v) for k, v in parts.items()}
        )
        changes["insert_sources"] = tuple(to.insert_source(r) for r in s.fetch(conn, query))
    else:
        s.note("stl_insert or stl_scan missing: no INSERT ... SELECT sources read")
    if s.has("svl_query_metrics_summary"):
        s.progress("query metrics")
        rows = s.fetch(conn, METRIC_PERCENTILES)
        changes["metric_percentiles"] = tuple(to.metric_percentiles(r) for r in rows)
    else:
        s.note("svl_query_metrics_summary missing: no query metric percentiles read")
    if s.has("sys_query_history"):
        s.progress("cluster usage")
        count = max(1, math.ceil(s.source.history_days))
        starts = [s.since + timedelta(days=n) for n in range(count)]
        days = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {} AS day_start, {} AS day_end").format(
                sql.Literal(start), sql.Literal(start + timedelta(days=1))
            )
            for start in starts
        )
        rows = s.fetch(conn, sql.SQL(BUSY_DAYS).format(days=days))
        changes["busy_days"] = tuple(to.busy_day(r) for r in rows)
    if s.has("sys_datashare_usage_consumer"):
        s.progress("datashares")
        rows = s.fetch(conn, DATASHARE_CONSUMERS)
        changes["datashare_consumers"] = tuple(to.datashare_consumer(r) for r in rows)
    else:
        s.note("sys_datashare_usage_consumer missing: no data-sharing requests read")
    s.update(workload=replace(workload, **changes))


def read_loads(s: Session, conn: psycopg.Connection[Row]) -> None:
    """Loads: trickle INSERTs, COPY file splits, uncompressed COPY input, COPY analysis."""
    if s.snapshot.workload is None:
        return
    s.progress("loads")
    inserts: list[RsInsertHour] = []
    query = inserts_query(s)
    if query is not None:
        inserts = [to.insert_hour(r) for r in s.fetch(conn, query)]
    copies: list[RsCopyGroup] = []
    if s.has("sys_load_history"):
        split, join = sql.SQL("0"), sql.SQL("")
        if s.has("sys_load_detail"):
            split = sql.SQL("CASE WHEN d.splits > h.source_file_count THEN 1 ELSE 0 END")
            join = sql.SQL(
                "LEFT JOIN (SELECT query_id, sum(splits_scanned) AS splits"
                " FROM sys_load_detail WHERE start_time >= %(since)s GROUP BY query_id) d"
                " ON d.query_id = h.query_id"
            )
        else:
            s.note("sys_load_detail missing: COPY splits of single files not read")
        copies = [
            to.copy_group(r) for r in s.fetch(conn, sql.SQL(COPIES).format(split=split, join=join))
        ]
    else:
        s.note("sys_load_history missing: no COPY file counts read")
    uncompressed: list[RsUncompressedCopy] = []
    if s.has("stl_s3client"):
        text, join = sql.SQL("NULL::text"), sql.SQL("")
        if s.has("stl_query"):
            text = sql.SQL("min(trim(q.querytxt))")
            join = sql.SQL("LEFT JOIN stl_query q ON q.query = c.query")
        read = sql.SQL(UNCOMPRESSED_COPIES).format(text=text, join=join)
        uncompressed = [to.uncompressed_copy(r) for r in s.fetch(conn, read)]
    else:
        s.note("stl_s3client missing (Serverless): COPY input compression not read")
    analyses: list[RsCompressionAnalysis] = []
    if s.has("sys_query_history"):
        analyses = [to.compression_analysis(r) for r in s.fetch(conn, ANALYSES_SYS)]
    elif s.has("stl_query"):
        analyses = [to.compression_analysis(r) for r in s.fetch(conn, ANALYSES_STL)]
    s.update(
        workload=replace(
            s.snapshot.workload,
            inserts=tuple(inserts),
            copies=tuple(copies),
            uncompressed_copies=tuple(uncompressed),
            compression_analyses=tuple(analyses),
        )
    )


def inserts_query(s: Session) -> sql.Composable | None:
    if s.has("sys_query_history") and s.has("sys_query_detail"):
        return sql.SQL(INSERTS_SYS)
    if s.has("stl_insert") and s.has("stl_query"):
        if not s.has("sys_query_detail"):
            s.note("sys_query_detail missing: INSERT row counts from stl_insert")
        table: sql.Composable = sql.SQL("'table id ' || CAST(i.tbl AS varchar)")
        join: sql.Composable = sql.SQL("")
        if s.has("svv_table_info"):
            table = sql.SQL(f"coalesce({qualified('t')}, 'table id ' || CAST(i.tbl AS varchar))")
            join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = i.tbl")
        return sql.SQL(INSERTS_STL).format(table=table, join=join)
    s.note("no INSERT step view (sys_query_detail, stl_insert) is readable")
    return None
