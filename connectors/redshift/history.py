"""Steps of the read over the query history: query groups, queue and churn hours, alerts,
scans, spills, slow segments, Spectrum and federated queries, plans, table reads, WLM slot
peaks and databases per hour; all aggregated on the server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import psycopg
from psycopg import sql

from advisor.model_redshift import (
    RsAlert,
    RsBurstHour,
    RsChurnHour,
    RsDatabaseHour,
    RsFederatedQuery,
    RsPlan,
    RsQueryGroup,
    RsQueueHour,
    RsSlowSegment,
    RsSpectrumScan,
    RsSpilledQuery,
    RsTableReads,
    RsTableScan,
    RsWlmPeakHour,
    RsWorkload,
)
from advisor.sql.explain import ExplainError, plan_from_rows
from advisor.sql.joins import schemas_named
from connectors.redshift import catalog
from connectors.redshift import mapping as to
from connectors.redshift.session import Row, Session
from connectors.redshift.sql_catalog import (
    LOCAL_SCHEMAS,
    PYTHON_UDFS,
    SCANS_BY_TABLE_STL,
    SCANS_BY_TABLE_SYS,
    TABLE_READS,
)
from connectors.redshift.sql_history import (
    ALERTS,
    DATABASE_HOURS_STL,
    EXPLAIN_STL,
    EXPLAIN_SYS,
    FEDERATED,
    HOURS_SYS,
    PARTITIONS,
    QUERY_GROUPS_STL,
    QUERY_GROUPS_SYS,
    SCANS,
    SLOW_SEGMENTS,
    SPECTRUM,
    SPILLS,
    SPILLS_SYS,
    WINDOW_STL,
    WLM_EVENTS_STL,
    WLM_EVENTS_SYS,
    WLM_PEAKS,
)


def read_workload(s: Session, conn: psycopg.Connection[Row]) -> None:
    s.progress("query history")
    if s.has("stl_query"):
        rows = s.fetch(conn, WINDOW_STL)
        s.before = to.as_int(rows[0]["query"]) if rows else 0
    elif s.has("svl_query_summary") or s.has("svl_query_metrics_summary"):
        s.note(
            "stl_query missing: svl_query_summary and svl_query_metrics_summary are read"
            " whole (they have no time column to cut them to the history window)"
        )
    queries: list[RsQueryGroup] = []
    hourly = Hourly()
    if s.has("sys_query_history"):
        queries = [to.query_group(r) for r in s.fetch(conn, QUERY_GROUPS_SYS)]
        hourly = read_hours(s, conn)
    elif s.has("stl_query"):
        s.note("sys_query_history missing: history from stl_query (no queue times)")
        queries = [to.query_group(r) for r in s.fetch(conn, QUERY_GROUPS_STL)]
    else:
        s.note("no query history view (sys_query_history, stl_query) is readable")
    if s.source.schemas and s.has("svv_table_info"):
        local = {str(r["schema"]).lower() for r in s.fetch(conn, LOCAL_SCHEMAS)}
        others = local - {s.lower() for s in s.source.schemas}
        queries = [q for q in queries if not only_in(q.query_text, others)]
    alerts = _read_alerts(s, conn)
    scans: list[RsTableScan] = []
    if s.has("stl_scan"):
        scans = [to.table_scan(r) for r in s.fetch(conn, SCANS)]
    spills, segments = _read_spills(s, conn)
    spectrum = read_spectrum(s, conn)
    federated: list[RsFederatedQuery] = []
    if s.has("svl_federated_query"):
        federated = [to.federated_query(r) for r in s.fetch(conn, FEDERATED)]
    else:
        s.note("svl_federated_query missing: no federated queries read")
    s.update(
        workload=RsWorkload(
            queries=tuple(queries),
            queue_hours=hourly.queue,
            alerts=tuple(alerts),
            spectrum=tuple(spectrum),
            federated=tuple(federated),
            scans=tuple(scans),
            churn_hours=hourly.churn,
            burst_hours=hourly.burst,
            database_hours=hourly.databases,
            spills=tuple(spills),
            slow_segments=tuple(segments),
        )
    )


def _read_alerts(s: Session, conn: psycopg.Connection[Row]) -> list[RsAlert]:
    """The alert events of the window, tied to the tables scanned where stl_scan says."""
    alerts: list[RsAlert] = []
    if s.has("stl_alert_event_log"):
        s.progress("alerts")
        if s.has("stl_scan"):
            query = sql.SQL(ALERTS).format(
                table=sql.SQL("trim(s.perm_table_name)"),
                rows=sql.SQL("s.rows"),
                # Only the scans of the queries with alerts in the window are joined.
                join=sql.SQL(
                    "LEFT JOIN (SELECT query, slice, segment, step, perm_table_name, rows"
                    " FROM stl_scan WHERE query IN (SELECT query FROM stl_alert_event_log"
                    " WHERE userid > 1 AND event_time >= %(since)s)) s"
                    " ON s.query = a.query AND s.slice = a.slice"
                    " AND s.segment = a.segment AND s.step = a.step"
                ),
            )
        else:
            s.note("stl_scan missing: alerts are not tied to tables")
            query = sql.SQL(ALERTS).format(
                table=sql.SQL("NULL::text"), rows=sql.SQL("NULL::bigint"), join=sql.SQL("")
            )
        alerts = [to.alert(r) for r in s.fetch(conn, query)]
    else:
        s.note("stl_alert_event_log missing (Serverless): no alert events read")
    return alerts


def _read_spills(
    s: Session, conn: psycopg.Connection[Row]
) -> tuple[list[RsSpilledQuery], list[RsSlowSegment]]:
    """The queries with disk-based steps, and the slowest segments (svl_query_summary only)."""
    spills: list[RsSpilledQuery] = []
    segments: list[RsSlowSegment] = []
    if s.has("svl_query_summary"):
        spills = [to.spilled_query(r) for r in s.fetch(conn, SPILLS)]
        segments = to.slow_segments(
            s.fetch(conn, SLOW_SEGMENTS, step_rows=SLOW_STEP_ROWS * s.source.top_queries)
        )
    elif s.has("sys_query_detail"):
        spills = [to.spilled_query(r) for r in s.fetch(conn, SPILLS_SYS)]
        s.note(
            "svl_query_summary missing: disk-based steps from sys_query_detail's spilled"
            " blocks; slowest segments not read"
        )
    else:
        s.note("svl_query_summary missing: no disk-based query steps or slowest segments read")
    return spills, segments


@dataclass(frozen=True, slots=True)
class Hourly:
    """The hourly aggregates of sys_query_history (HOURS_SYS), each in its rank order."""

    queue: tuple[RsQueueHour, ...] = ()
    churn: tuple[RsChurnHour, ...] = ()
    burst: tuple[RsBurstHour, ...] = ()
    databases: tuple[RsDatabaseHour, ...] = ()


HOUR_ROWS = 1000
# Steps ranked per query looked for among the slowest (SLOW_SEGMENTS).
SLOW_STEP_ROWS = 40
DATABASE_HOUR_ROWS = 5000


def read_hours(s: Session, conn: psycopg.Connection[Row]) -> Hourly:
    """Queue time per service class and hour, compilations and DDL per hour, burst hours and
    queries per database and hour: one statement, one pass over the window."""
    rows = s.fetch(conn, HOURS_SYS, hours=HOUR_ROWS, databases=DATABASE_HOUR_ROWS)

    def ranked(kind: str, rank: str, keep: Callable[[Row], bool] = lambda _r: True) -> list[Row]:
        picked = [r for r in rows if r["kind"] == kind and keep(r)]
        limit = DATABASE_HOUR_ROWS if kind == "database" else HOUR_ROWS
        return sorted((r for r in picked if r[rank] <= limit), key=lambda r: r[rank])

    burst = ranked("hour", "burst_rank", lambda r: to.as_int(r["burst_queries"]) > 0)
    return Hourly(
        queue=tuple(to.queue_hour(r) for r in ranked("queue", "queue_rank")),
        churn=tuple(to.churn_hour(r) for r in ranked("hour", "churn_rank")),
        burst=tuple(to.burst_hour(r) for r in burst),
        databases=tuple(to.database_hour(r) for r in ranked("database", "database_rank")),
    )


def read_spectrum(s: Session, conn: psycopg.Connection[Row]) -> list[RsSpectrumScan]:
    if not s.has("svl_s3query_summary"):
        s.note("svl_s3query_summary missing: no Spectrum scans read")
        return []
    s.progress("spectrum")
    parts: dict[str, Row] = {}
    if s.has("svl_s3partition"):
        parts = {r["table_name"]: r for r in s.fetch(conn, PARTITIONS)}
    scans = []
    for r in s.fetch(conn, SPECTRUM):
        part = parts.get(r["table_name"])
        scans.append(
            RsSpectrumScan(
                table=r["table_name"],
                queries=to.as_int(r["queries"]),
                is_partitioned=str(r["is_partitioned"]).strip().lower() == "t",
                file_format=r["file_format"] or "",
                s3_scanned_rows=to.as_int(r["scanned_rows"]),
                s3_scanned_bytes=to.as_int(r["scanned_bytes"]),
                returned_rows=to.as_int(r["returned_rows"]),
                returned_bytes=to.as_int(r["returned_bytes"]),
                files=to.as_int(r["files"]),
                total_partitions=to.opt_int(part["total"]) if part else None,
                qualified_partitions=to.opt_int(part["qualified"]) if part else None,
            )
        )
    return scans


def read_plans(s: Session, conn: psycopg.Connection[Row]) -> None:
    workload = s.snapshot.workload
    ids = sorted(
        {g.sample_query_id for g in workload.queries if g.sample_query_id is not None}
        if workload
        else set()
    )
    if not ids:
        return
    view = next((v for v in ("sys_query_explain", "stl_explain") if s.has(v)), None)
    if view is None:
        s.note("no plan view (sys_query_explain, stl_explain) is readable")
        return
    s.progress(view)
    text = EXPLAIN_SYS if view == "sys_query_explain" else EXPLAIN_STL
    query = sql.SQL(text).format(ids=sql.SQL(", ").join(sql.Literal(i) for i in ids))
    by_query: dict[int, list[tuple[int, int, str, str]]] = {}
    for r in s.fetch(conn, query):
        by_query.setdefault(int(r["query"]), []).append(
            (int(r["node"]), int(r["parent"]), r["plannode"] or "", r["info"] or "")
        )
    statements = {g.sample_query_id: g.query_text for g in workload.queries} if workload else {}
    plans: list[RsPlan] = []
    for query_id, rows in sorted(by_query.items()):
        try:
            plan = plan_from_rows(rows, query_id)
        except ExplainError:
            continue
        plans.append(replace(plan, statement=statements.get(query_id, "")))
    s.update(plans=tuple(plans))


def read_administration(s: Session, conn: psycopg.Connection[Row]) -> None:
    """ATO events, Python UDFs, unread tables, WLM slot peaks, databases per hour."""
    catalog.read_auto_actions(s, conn)
    s.progress("python udfs")
    # Unqualified, as on a cluster: pg_catalog is searched first unless search_path
    # names it later.
    query = sql.SQL(PYTHON_UDFS).format(schemas=s.schemas("n.nspname"))
    udfs = tuple(to.function(r) for r in s.fetch(conn, query))
    s.update(python_udfs=udfs)
    workload = s.snapshot.workload or RsWorkload()
    s.update(
        workload=replace(
            workload,
            table_reads=tuple(read_table_reads(s, conn)),
            wlm_peak_hours=tuple(read_wlm_peaks(s, conn)),
            database_hours=workload.database_hours or tuple(read_database_hours(s, conn)),
        )
    )


def read_table_reads(s: Session, conn: psycopg.Connection[Row]) -> list[RsTableReads]:
    if not s.has("svv_table_info"):
        return []
    if s.has("stl_scan"):
        scans = SCANS_BY_TABLE_STL
    elif s.has("sys_query_detail"):
        s.note("stl_scan missing: table reads from sys_query_detail scan steps")
        scans = SCANS_BY_TABLE_SYS
    else:
        s.note("no scan history (stl_scan, sys_query_detail): unread tables not judged")
        return []
    s.progress("table reads")
    query = sql.SQL(TABLE_READS).format(scans=sql.SQL(scans.strip()), schemas=s.schemas("t.schema"))
    return [to.table_reads(r) for r in s.fetch(conn, query)]


def read_wlm_peaks(s: Session, conn: psycopg.Connection[Row]) -> list[RsWlmPeakHour]:
    if s.has("stl_wlm_query"):
        events = WLM_EVENTS_STL
    elif s.has("sys_query_history"):
        s.note(
            "stl_wlm_query missing: WLM slot peaks from sys_query_history "
            "(one slot per query, queue time included)"
        )
        events = WLM_EVENTS_SYS
    else:
        s.note("no WLM history (stl_wlm_query, sys_query_history): slot peaks not read")
        return []
    s.progress("wlm slot peaks")
    query = sql.SQL(WLM_PEAKS).format(events=sql.SQL(events.strip()))
    return [to.wlm_peak_hour(r) for r in s.fetch(conn, query, limit=5000)]


def read_database_hours(s: Session, conn: psycopg.Connection[Row]) -> list[RsDatabaseHour]:
    """From stl_query when sys_query_history is missing (else read with the other hours)."""
    if s.has("sys_query_history") or not s.has("stl_query"):
        return []
    s.progress("databases")
    return [to.database_hour(r) for r in s.fetch(conn, DATABASE_HOURS_STL, limit=5000)]


def only_in(text: str, others: set[str]) -> bool:
    """Whether a statement names tables of the other local schemas only (not read: --schema
    leaves them out); statements naming no schema (search_path) or an external one stay."""
    named = schemas_named(text)
    return bool(named) and named is not None and named <= others
