"""Read-only, bounded reads of a Redshift cluster's system views into model objects.

The SQL is what a real cluster gets: SYS_* monitoring views first (the only ones on Serverless
and Multi-AZ clusters), STL/SVL/SVV/STV views where a SYS view is missing. Which views exist
is probed first (`SELECT ... LIMIT 0`); a missing view is a note in the snapshot, never a
failure. History is aggregated on the server (GROUP BY query hash, event, table; ranked and
cut to the top N), so the advisor pulls summaries, not history rows.

Sessions are read-only (`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`) with a
statement timeout; Redshift takes no startup options, so both are set after connecting. Any
failure becomes a `ConnectorError` that carries what was read before it, without the password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg import errors, sql
from psycopg.rows import dict_row

from advisor.model import (
    RsAlert,
    RsChurnHour,
    RsColumnEncoding,
    RsDiskNode,
    RsDiskSpace,
    RsExternalTable,
    RsFederatedQuery,
    RsInterleavedSkew,
    RsMaterializedView,
    RsPlan,
    RsQmrRule,
    RsQueryGroup,
    RsQueueHour,
    RsRecommendation,
    RsSnapshot,
    RsSpectrumScan,
    RsSpilledQuery,
    RsTableBlocks,
    RsTableScan,
    RsTableStats,
    RsVacuumSummary,
    RsWlmQueue,
    RsWorkload,
)
from advisor.sql.explain import ExplainError, plan_from_rows
from connectors.postgres import PostgresSource, redact

Row = dict[str, Any]
Progress = Callable[[str], None]

# Probed in this order; the first view of each group that exists is read.
VIEWS = (
    "svv_table_info",
    "sys_query_history",
    "stl_query",
    "stl_alert_event_log",
    "stl_scan",
    "sys_query_explain",
    "stl_explain",
    "svl_s3query_summary",
    "svl_s3partition",
    "svl_federated_query",
    "svl_query_summary",
    "stv_mv_info",
    "svv_mv_info",
    "svv_alter_table_recommendations",
    "svv_external_tables",
    "stv_wlm_service_class_config",
    "stv_wlm_qmr_config",
    "stv_blocklist",
    "stv_slices",
    "svv_redshift_columns",
    "svv_interleaved_columns",
    "svv_vacuum_summary",
    "stv_partitions",
)

TABLE_INFO = """
SELECT trim(schema) AS schema, trim("table") AS name, table_id, trim(diststyle) AS diststyle,
       trim(sortkey1) AS sortkey1, trim(sortkey1_enc) AS sortkey1_enc, sortkey_num,
       trim(encoded) AS encoded, max_varchar, size, pct_used, unsorted, stats_off, tbl_rows,
       skew_rows, estimated_visible_rows, vacuum_sort_benefit
FROM svv_table_info
WHERE {schemas}
ORDER BY 1, 2
"""

# Ranked and cut on the server: one row per query hash.
QUERY_GROUPS_SYS = """
SELECT trim(generic_query_hash) AS query_hash, min(trim(query_text)) AS query_text,
       min(trim(query_type)) AS query_type, count(*) AS runs,
       sum(elapsed_time) AS elapsed, sum(queue_time) AS queued, sum(execution_time) AS executed,
       sum(returned_rows) AS returned_rows, min(service_class_id) AS service_class,
       max(query_id) AS sample_query_id
FROM sys_query_history
WHERE user_id > 1 AND start_time >= %(since)s
GROUP BY generic_query_hash
ORDER BY sum(elapsed_time) DESC
LIMIT %(limit)s
"""

QUERY_GROUPS_STL = """
SELECT md5(trim(querytxt)) AS query_hash, min(trim(querytxt)) AS query_text, '' AS query_type,
       count(*) AS runs,
       sum(datediff(microsecond, starttime, endtime)) AS elapsed, 0 AS queued,
       sum(datediff(microsecond, starttime, endtime)) AS executed, 0 AS returned_rows,
       NULL AS service_class, max(query) AS sample_query_id
FROM stl_query
WHERE userid > 1 AND starttime >= %(since)s
GROUP BY md5(trim(querytxt))
ORDER BY 5 DESC
LIMIT %(limit)s
"""

QUEUE_HOURS = """
SELECT service_class_id AS service_class, date_trunc('hour', start_time) AS hour,
       count(*) AS queries, sum(queue_time) AS queued, sum(elapsed_time) AS elapsed
FROM sys_query_history
WHERE user_id > 1 AND service_class_id >= 5 AND start_time >= %(since)s
GROUP BY 1, 2
ORDER BY sum(queue_time) DESC
LIMIT %(limit)s
"""

# Redshift has no FILTER clause: conditional counts are sums of CASE.
CHURN_HOURS = """
SELECT date_trunc('hour', start_time) AS hour, count(*) AS queries,
       sum(CASE WHEN compile_time > 0 THEN 1 ELSE 0 END) AS compiled,
       sum(CASE WHEN trim(query_type) = 'DDL' THEN 1 ELSE 0 END) AS ddl,
       sum(CASE WHEN trim(query_type) = 'CTAS' THEN 1 ELSE 0 END) AS ctas
FROM sys_query_history
WHERE user_id > 1 AND start_time >= %(since)s
GROUP BY 1
ORDER BY 4 DESC, 3 DESC
LIMIT %(limit)s
"""

# Ghost rows (read, then dropped as deleted or uncommitted) and rows the user filter dropped.
SCANS = """
SELECT trim(perm_table_name) AS table_name, count(DISTINCT query) AS queries,
       sum(rows_pre_filter) AS rows_pre_filter,
       sum(rows_pre_user_filter) AS rows_pre_user_filter, sum(rows) AS rows
FROM stl_scan
WHERE userid > 1 AND starttime >= %(since)s AND type = 2
  AND perm_table_name NOT LIKE 'Internal Worktable%%'
GROUP BY 1
ORDER BY sum(rows_pre_filter - rows_pre_user_filter) DESC
LIMIT %(limit)s
"""

# Queries with steps that ran disk-based (hash, sort, aggregate spilled past their memory).
SPILLS = """
SELECT query, count(*) AS steps,
       sum(CASE WHEN trim(is_diskbased) = 't' THEN 1 ELSE 0 END) AS diskbased_steps,
       min(CASE WHEN trim(is_diskbased) = 't' THEN split_part(trim(label), ' ', 1) END)
           AS label,
       max(workmem) AS max_workmem, max(maxtime) AS max_time
FROM svl_query_summary
WHERE userid > 1
GROUP BY query
HAVING sum(CASE WHEN trim(is_diskbased) = 't' THEN 1 ELSE 0 END) > 0
ORDER BY max(maxtime) DESC
LIMIT %(limit)s
"""

ALERTS = """
SELECT trim(split_part(a.event, ':', 1)) AS event, min(trim(a.event)) AS text,
       min(trim(a.solution)) AS solution, {table} AS table_name, count(*) AS occurrences,
       max({rows}) AS rows, min(a.query) AS query_id
FROM stl_alert_event_log a
{join}
WHERE a.userid > 1 AND a.event_time >= %(since)s
GROUP BY 1, 4
ORDER BY count(*) DESC
LIMIT %(limit)s
"""

EXPLAIN_SYS = """
SELECT query_id AS query, plan_node_id AS node, plan_parent_id AS parent,
       trim(plan_node) AS plannode, trim(node_info) AS info
FROM sys_query_explain
WHERE query_id IN ({ids})
ORDER BY 1, 2
"""

EXPLAIN_STL = """
SELECT query, nodeid AS node, parentid AS parent, trim(plannode) AS plannode, trim(info) AS info
FROM stl_explain
WHERE query IN ({ids})
ORDER BY 1, 2
"""

SPECTRUM = """
SELECT trim(external_table_name) AS table_name, count(DISTINCT query) AS queries,
       max(is_partitioned) AS is_partitioned, min(trim(file_format)) AS file_format,
       sum(s3_scanned_rows) AS scanned_rows, sum(s3_scanned_bytes) AS scanned_bytes,
       sum(s3query_returned_rows) AS returned_rows,
       sum(s3query_returned_bytes) AS returned_bytes, sum(files) AS files
FROM svl_s3query_summary
WHERE starttime >= %(since)s
GROUP BY 1
ORDER BY sum(s3_scanned_bytes) DESC
LIMIT %(limit)s
"""

PARTITIONS = """
SELECT trim(s.external_table_name) AS table_name, sum(p.total_partitions) AS total,
       sum(p.qualified_partitions) AS qualified
FROM svl_s3partition p
JOIN (SELECT DISTINCT query, segment, external_table_name FROM svl_s3query_summary
      WHERE starttime >= %(since)s) s
  ON s.query = p.query AND s.segment = p.segment
GROUP BY 1
"""

FEDERATED = """
SELECT trim(querytext) AS query_text, min(trim(sourcetype)) AS source_type, count(*) AS runs,
       sum(num_rows) AS num_rows, sum(num_bytes) AS num_bytes, sum(duration) AS duration
FROM svl_federated_query
WHERE recordtime >= %(since)s
GROUP BY 1
ORDER BY sum(num_bytes) DESC
LIMIT %(limit)s
"""

MV_STV = """
SELECT trim(schema) AS schema, trim(name) AS name, trim(is_stale) AS is_stale, state,
       trim(autorefresh) AS autorefresh
FROM stv_mv_info ORDER BY 1, 2
"""

MV_SVV = """
SELECT trim(schema_name) AS schema, trim(name) AS name, trim(is_stale) AS is_stale, state,
       trim(autorefresh) AS autorefresh
FROM svv_mv_info ORDER BY 1, 2
"""

RECOMMENDATIONS = """
SELECT trim(r.type) AS type, r.table_id, r.group_id, trim(r.ddl) AS ddl,
       trim(r.auto_eligible) AS auto_eligible, {table} AS table_name
FROM svv_alter_table_recommendations r
{join}
ORDER BY r.group_id, r.table_id
"""


EXTERNAL_TABLES = """
SELECT trim(schemaname) AS schema, trim(tablename) AS name, location, input_format,
       serialization_lib, parameters
FROM svv_external_tables
ORDER BY 1, 2
"""

WLM_QUEUES = """
SELECT service_class, trim(name) AS name, num_query_tasks, query_working_mem,
       max_execution_time, trim(concurrency_scaling) AS concurrency_scaling,
       trim(query_priority) AS query_priority
FROM stv_wlm_service_class_config
ORDER BY service_class
"""

QMR_RULES = """
SELECT service_class, trim(rule_name) AS rule_name, trim(action) AS action,
       trim(metric_name) AS metric_name, trim(metric_operator) AS metric_operator, metric_value
FROM stv_wlm_qmr_config
ORDER BY service_class, rule_name
"""

# 1 MB blocks per slice of each table (all its columns, the hidden ones included).
BLOCKS = """
SELECT b.tbl AS table_id, count(*) AS slices, min(b.blocks) AS min_blocks,
       max(b.blocks) AS max_blocks, sum(b.blocks) AS blocks
FROM (SELECT tbl, slice, count(*) AS blocks FROM stv_blocklist GROUP BY tbl, slice) b
JOIN svv_table_info t ON t.table_id = b.tbl
WHERE {schemas}
GROUP BY b.tbl
"""

DATA_SLICES = "SELECT count(*) AS slices FROM stv_slices"

# Blocks a defragmentation would free: on each slice, the last (row-id) column's partly
# filled blocks beyond those its values need when packed (130,994 row ids fill a block),
# counted for every column of the table (the method of amazon-redshift-utils'
# v_fragmentation_info).
FRAGMENTATION = """
SELECT r.tbl AS table_id, sum((r.blocks - r.needed) * (r.col + 1)) AS est_space_gain
FROM (SELECT b.tbl, b.slice, b.col, count(*) AS blocks,
             ceil(sum(b.num_values) / 130994.0) AS needed
      FROM stv_blocklist b
      JOIN (SELECT tbl, slice, max(col) AS col FROM stv_blocklist GROUP BY tbl, slice) m
        ON m.tbl = b.tbl AND m.slice = b.slice AND m.col = b.col
      WHERE b.num_values > 0 AND b.num_values < 130994
      GROUP BY b.tbl, b.slice, b.col) r
JOIN svv_table_info t ON t.table_id = r.tbl
WHERE r.blocks - r.needed > 1 AND {schemas}
GROUP BY r.tbl
"""

# 'none' (and RAW) is how the catalog shows an unencoded column (attencodingtype 0 or 128).
UNENCODED = "(c.encoding IS NULL OR lower(trim(c.encoding)) IN ('', 'none', 'raw'))"

ENCODINGS = """
SELECT t.table_id, count(*) AS columns,
       sum(CASE WHEN {unencoded} THEN 0 ELSE 1 END) AS encoded_columns
FROM svv_redshift_columns c
JOIN svv_table_info t ON trim(t.schema) = c.schema_name AND trim(t."table") = c.table_name
WHERE c.database_name = current_database() AND {schemas}
GROUP BY t.table_id
"""

RAW_COLUMNS = """
SELECT t.table_id, trim(c.column_name) AS column_name
FROM svv_redshift_columns c
JOIN svv_table_info t ON trim(t.schema) = c.schema_name AND trim(t."table") = c.table_name
WHERE c.database_name = current_database() AND {unencoded} AND coalesce(c.sortkey, 0) = 0
  AND {schemas}
ORDER BY t.table_id, c.ordinal_position
"""

INTERLEAVED = """
SELECT i.tbl AS table_id, count(*) AS columns, max(i.interleaved_skew) AS max_skew,
       max(i.last_reindex) AS last_reindex
FROM svv_interleaved_columns i
JOIN svv_table_info t ON t.table_id = i.tbl
WHERE {schemas}
GROUP BY i.tbl
"""

VACUUMS = """
SELECT trim(table_name) AS table_name, count(*) AS vacuums,
       max(sort_partitions) AS sort_partitions, max(merge_increments) AS merge_increments,
       max(max_merge_partitions) AS max_merge_partitions
FROM svv_vacuum_summary
GROUP BY 1
ORDER BY max(sort_partitions) DESC
LIMIT %(limit)s
"""

# Each node's own partitions (host = owner), without the mirror copies it holds for others.
DISK = """
SELECT owner AS node, sum(capacity) AS capacity, sum(used) AS used
FROM stv_partitions
WHERE host = owner
GROUP BY owner
ORDER BY owner
"""

LARGEST_TABLE = """
SELECT trim(schema) || '.' || trim("table") AS name, size
FROM svv_table_info
ORDER BY size DESC
LIMIT 1
"""


class ConnectorError(Exception):
    """A live read failed; `partial` holds what was read before the failure."""

    def __init__(self, message: str, partial: RsSnapshot | None = None) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(slots=True)
class RedshiftSource:
    """Where to connect, what to read and how long to wait (PG* environment as default)."""

    dsn: str = ""
    connect_timeout: int = 5
    statement_timeout_ms: int = 30_000
    schemas: tuple[str, ...] = ()
    top_queries: int = 50
    history_days: int = 7
    application_name: str = "advisor"
    _postgres: PostgresSource = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._postgres = PostgresSource(dsn=self.dsn)

    def describe(self) -> str:
        return self._postgres.describe()

    def secrets(self) -> tuple[str, ...]:
        return self._postgres.secrets()


class RedshiftReader:
    """One connection, one read: `read()` returns an RsSnapshot or raises ConnectorError."""

    def __init__(self, source: RedshiftSource, progress: Progress | None = None) -> None:
        self.source = source
        self.progress = progress or (lambda _step: None)
        self.snapshot = RsSnapshot(server=source.describe())
        self.since = datetime.now() - timedelta(days=source.history_days)

    def read(self) -> RsSnapshot:
        try:
            with self._connect() as conn:
                head = conn.execute("SELECT current_database() AS db").fetchone()
                self._update(database=str(head["db"]) if head else "")
                self._probe(conn)
                self._read_tables(conn)
                self._read_workload(conn)
                self._read_plans(conn)
                self._read_objects(conn)
                self._read_storage(conn)
                conn.rollback()
        except ConnectorError:
            raise
        except psycopg.Error as err:
            raise ConnectorError(self._message(err), self.snapshot) from None
        return self.snapshot

    def _connect(self) -> psycopg.Connection[Row]:
        self.progress("connect")
        try:
            conn = psycopg.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                application_name=self.source.application_name,
                row_factory=dict_row,
            )
        except psycopg.Error as err:
            raise ConnectorError(self._message(err)) from None
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        conn.execute(f"SET statement_timeout TO {int(self.source.statement_timeout_ms)}")
        conn.commit()
        return conn

    def _message(self, err: psycopg.Error) -> str:
        where = self.source.describe()
        lines = (" ".join(line.split()) for line in str(err).splitlines())
        text = "; ".join(line for line in lines if line) or type(err).__name__
        if isinstance(err, errors.QueryCanceled):
            seconds = self.source.statement_timeout_ms / 1000
            text = f"a read took longer than the statement timeout ({seconds:g} s)"
        return redact(f"Redshift {where}: {text}", self.source.secrets())

    def _update(self, **changes: Any) -> None:
        self.snapshot = replace(self.snapshot, **changes)

    def _note(self, text: str) -> None:
        self._update(notes=(*self.snapshot.notes, text))

    def _has(self, view: str) -> bool:
        return view in self.snapshot.views

    def _probe(self, conn: psycopg.Connection[Row]) -> None:
        self.progress("system views")
        found = []
        for view in VIEWS:
            try:
                conn.execute(sql.SQL("SELECT 1 FROM {} LIMIT 0").format(sql.Identifier(view)))
                found.append(view)
            except (
                errors.UndefinedTable,
                errors.InsufficientPrivilege,
                errors.FeatureNotSupported,
            ):
                pass
            conn.rollback()
        self._update(views=tuple(found))

    def _fetch(self, conn: psycopg.Connection[Row], query: Any, **params: Any) -> list[Row]:
        values = {"since": self.since, "limit": self.source.top_queries, **params}
        rows = conn.execute(query, values).fetchall()
        conn.rollback()
        return rows

    def _read_tables(self, conn: psycopg.Connection[Row]) -> None:
        if not self._has("svv_table_info"):
            self._note("svv_table_info is not readable (it needs superuser or sys:monitor)")
            return
        self.progress("svv_table_info")
        schemas: sql.Composable = sql.SQL("TRUE")
        if self.source.schemas:
            names = sql.SQL(", ").join(sql.Literal(s) for s in self.source.schemas)
            schemas = sql.SQL("trim(schema) IN ({})").format(names)
        rows = self._fetch(conn, sql.SQL(TABLE_INFO).format(schemas=schemas))
        self._update(tables=tuple(_table(r) for r in rows))

    def _read_workload(self, conn: psycopg.Connection[Row]) -> None:
        self.progress("query history")
        queries: list[RsQueryGroup] = []
        hours: list[RsQueueHour] = []
        churn: list[RsChurnHour] = []
        if self._has("sys_query_history"):
            queries = [_group(r) for r in self._fetch(conn, QUERY_GROUPS_SYS)]
            hours = [_hour(r) for r in self._fetch(conn, QUEUE_HOURS, limit=1000)]
            churn = [_churn(r) for r in self._fetch(conn, CHURN_HOURS, limit=1000)]
        elif self._has("stl_query"):
            self._note("sys_query_history missing: history from stl_query (no queue times)")
            queries = [_group(r) for r in self._fetch(conn, QUERY_GROUPS_STL)]
        else:
            self._note("no query history view (sys_query_history, stl_query) is readable")
        alerts: list[RsAlert] = []
        if self._has("stl_alert_event_log"):
            self.progress("alerts")
            if self._has("stl_scan"):
                query = sql.SQL(ALERTS).format(
                    table=sql.SQL("trim(s.perm_table_name)"),
                    rows=sql.SQL("s.rows"),
                    join=sql.SQL(
                        "LEFT JOIN stl_scan s ON s.query = a.query AND s.slice = a.slice"
                        " AND s.segment = a.segment AND s.step = a.step"
                    ),
                )
            else:
                self._note("stl_scan missing: alerts are not tied to tables")
                query = sql.SQL(ALERTS).format(
                    table=sql.SQL("NULL::text"), rows=sql.SQL("NULL::bigint"), join=sql.SQL("")
                )
            alerts = [_alert(r) for r in self._fetch(conn, query)]
        else:
            self._note("stl_alert_event_log missing (Serverless): no alert events read")
        scans: list[RsTableScan] = []
        if self._has("stl_scan"):
            scans = [_scan(r) for r in self._fetch(conn, SCANS)]
        spills: list[RsSpilledQuery] = []
        if self._has("svl_query_summary"):
            spills = [_spill(r) for r in self._fetch(conn, SPILLS)]
        else:
            self._note("svl_query_summary missing: no disk-based query steps read")
        spectrum = self._read_spectrum(conn)
        federated: list[RsFederatedQuery] = []
        if self._has("svl_federated_query"):
            federated = [_federated(r) for r in self._fetch(conn, FEDERATED)]
        else:
            self._note("svl_federated_query missing: no federated queries read")
        self._update(
            workload=RsWorkload(
                queries=tuple(queries),
                queue_hours=tuple(hours),
                alerts=tuple(alerts),
                spectrum=tuple(spectrum),
                federated=tuple(federated),
                scans=tuple(scans),
                churn_hours=tuple(churn),
                spills=tuple(spills),
            )
        )

    def _read_spectrum(self, conn: psycopg.Connection[Row]) -> list[RsSpectrumScan]:
        if not self._has("svl_s3query_summary"):
            self._note("svl_s3query_summary missing: no Spectrum scans read")
            return []
        self.progress("spectrum")
        parts: dict[str, Row] = {}
        if self._has("svl_s3partition"):
            parts = {r["table_name"]: r for r in self._fetch(conn, PARTITIONS)}
        scans = []
        for r in self._fetch(conn, SPECTRUM):
            part = parts.get(r["table_name"])
            scans.append(
                RsSpectrumScan(
                    table=r["table_name"],
                    queries=_int(r["queries"]),
                    is_partitioned=str(r["is_partitioned"]).strip().lower() == "t",
                    file_format=r["file_format"] or "",
                    s3_scanned_rows=_int(r["scanned_rows"]),
                    s3_scanned_bytes=_int(r["scanned_bytes"]),
                    returned_rows=_int(r["returned_rows"]),
                    returned_bytes=_int(r["returned_bytes"]),
                    files=_int(r["files"]),
                    total_partitions=_opt_int(part["total"]) if part else None,
                    qualified_partitions=_opt_int(part["qualified"]) if part else None,
                )
            )
        return scans

    def _read_plans(self, conn: psycopg.Connection[Row]) -> None:
        workload = self.snapshot.workload
        ids = sorted(
            {g.sample_query_id for g in workload.queries if g.sample_query_id is not None}
            if workload
            else set()
        )
        if not ids:
            return
        view = next((v for v in ("sys_query_explain", "stl_explain") if self._has(v)), None)
        if view is None:
            self._note("no plan view (sys_query_explain, stl_explain) is readable")
            return
        self.progress(view)
        text = EXPLAIN_SYS if view == "sys_query_explain" else EXPLAIN_STL
        query = sql.SQL(text).format(ids=sql.SQL(", ").join(sql.Literal(i) for i in ids))
        by_query: dict[int, list[tuple[int, int, str, str]]] = {}
        for r in self._fetch(conn, query):
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
        self._update(plans=tuple(plans))

    def _read_objects(self, conn: psycopg.Connection[Row]) -> None:
        view = next((v for v in ("stv_mv_info", "svv_mv_info") if self._has(v)), None)
        if view is not None:
            self.progress(view)
            rows = self._fetch(conn, MV_STV if view == "stv_mv_info" else MV_SVV)
            self._update(materialized_views=tuple(_mv(r) for r in rows))
        else:
            self._note("no materialized view information (stv_mv_info, svv_mv_info)")
        if self._has("svv_alter_table_recommendations"):
            self.progress("recommendations")
            table, join = sql.SQL("NULL::text"), sql.SQL("")
            if self._has("svv_table_info"):
                table = sql.SQL("trim(t.schema) || '.' || trim(t.\"table\")")
                join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = r.table_id")
            rows = self._fetch(conn, sql.SQL(RECOMMENDATIONS).format(table=table, join=join))
            self._update(recommendations=tuple(_recommendation(r) for r in rows))
        if self._has("svv_external_tables"):
            self.progress("external tables")
            rows = self._fetch(conn, EXTERNAL_TABLES)
            self._update(external_tables=tuple(_external(r) for r in rows))
        if self._has("stv_wlm_service_class_config"):
            self.progress("wlm")
            rows = self._fetch(conn, WLM_QUEUES)
            self._update(wlm_queues=tuple(_wlm_queue(r) for r in rows))
        else:
            self._note("stv_wlm_service_class_config missing (Serverless): no WLM queues read")
        if self._has("stv_wlm_qmr_config"):
            rows = self._fetch(conn, QMR_RULES)
            self._update(qmr_rules=tuple(_qmr_rule(r) for r in rows))
        else:
            self._note("stv_wlm_qmr_config missing (Serverless): no query monitoring rules read")

    def _schemas(self, column: str) -> sql.Composable:
        if not self.source.schemas:
            return sql.SQL("TRUE")
        names = sql.SQL(", ").join(sql.Literal(s) for s in self.source.schemas)
        return sql.SQL("trim({}) IN ({})").format(sql.SQL(column), names)

    def _read_storage(self, conn: psycopg.Connection[Row]) -> None:
        """Blocks, encodings, interleaved skew, vacuum runs and disk space (provisioned only)."""
        if not self._has("svv_table_info"):
            return
        schemas = self._schemas("t.schema")
        if self._has("stv_blocklist"):
            self.progress("stv_blocklist")
            blocks = {
                int(r["table_id"]): _blocks(r)
                for r in self._fetch(conn, sql.SQL(BLOCKS).format(schemas=schemas))
            }
            for r in self._fetch(conn, sql.SQL(FRAGMENTATION).format(schemas=schemas)):
                table_id = int(r["table_id"])
                if table_id in blocks:
                    gain = _int(r["est_space_gain"])
                    blocks[table_id] = replace(blocks[table_id], est_space_gain=gain)
            self._update(blocks=tuple(blocks[k] for k in sorted(blocks)))
        else:
            self._note("stv_blocklist missing (Serverless): no block layout per slice read")
        if self._has("stv_slices"):
            row = self._fetch(conn, DATA_SLICES)
            self._update(data_slices=_int(row[0]["slices"]) if row else None)
        else:
            self._note("stv_slices missing: the number of data slices is unknown")
        if self._has("svv_redshift_columns"):
            self.progress("column encodings")
            unencoded = sql.SQL(UNENCODED)
            raw: dict[int, list[str]] = {}
            query = sql.SQL(RAW_COLUMNS).format(unencoded=unencoded, schemas=schemas)
            for r in self._fetch(conn, query):
                raw.setdefault(int(r["table_id"]), []).append(r["column_name"])
            query = sql.SQL(ENCODINGS).format(unencoded=unencoded, schemas=schemas)
            encodings = [
                _encoding(r, raw.get(int(r["table_id"]), [])) for r in self._fetch(conn, query)
            ]
            self._update(encodings=tuple(sorted(encodings, key=lambda e: e.table_id)))
        else:
            self._note("svv_redshift_columns missing: no column encodings read")
        if self._has("svv_interleaved_columns"):
            rows = self._fetch(conn, sql.SQL(INTERLEAVED).format(schemas=schemas))
            skews = sorted((_interleaved(r) for r in rows), key=lambda i: i.table_id)
            self._update(interleaved=tuple(skews))
        else:
            self._note("svv_interleaved_columns missing: interleaved sort-key skew not read")
        if self._has("svv_vacuum_summary"):
            self.progress("vacuum runs")
            self._update(vacuums=tuple(_vacuum(r) for r in self._fetch(conn, VACUUMS)))
        else:
            self._note("svv_vacuum_summary missing (Serverless): no VACUUM runs read")
        if self._has("stv_partitions"):
            self.progress("disk space")
            nodes = tuple(_disk_node(r) for r in self._fetch(conn, DISK))
            largest = self._fetch(conn, LARGEST_TABLE)
            self._update(
                disk=RsDiskSpace(
                    nodes=nodes,
                    largest_table=largest[0]["name"] if largest else "",
                    largest_table_mb=_int(largest[0]["size"]) if largest else 0,
                )
            )
        else:
            self._note("stv_partitions missing (Serverless): disk space not read")


def read_redshift(source: RedshiftSource, *, progress: Progress | None = None) -> RsSnapshot:
    return RedshiftReader(source, progress).read()


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _flag(value: Any) -> bool:
    return str(value or "").strip().lower() in ("t", "y", "1", "true")


def _table(r: Row) -> RsTableStats:
    return RsTableStats(
        schema=r["schema"],
        table=r["name"],
        table_id=_int(r["table_id"]),
        diststyle=r["diststyle"] or "",
        sortkey1=r["sortkey1"] or "",
        sortkey1_enc=r["sortkey1_enc"] or "",
        sortkey_num=_int(r["sortkey_num"]),
        encoded=r["encoded"] or "",
        max_varchar=_int(r["max_varchar"]),
        size_mb=_int(r["size"]),
        pct_used=float(r["pct_used"] or 0),
        unsorted=_opt_float(r["unsorted"]),
        stats_off=_opt_float(r["stats_off"]),
        tbl_rows=_int(r["tbl_rows"]),
        skew_rows=_opt_float(r["skew_rows"]),
        estimated_visible_rows=_opt_int(r["estimated_visible_rows"]),
        vacuum_sort_benefit=_opt_float(r["vacuum_sort_benefit"]),
    )


def _group(r: Row) -> RsQueryGroup:
    return RsQueryGroup(
        query_hash=str(r["query_hash"] or ""),
        query_text=r["query_text"] or "",
        query_type=r["query_type"] or "",
        runs=_int(r["runs"]),
        total_elapsed_us=_int(r["elapsed"]),
        total_queue_us=_int(r["queued"]),
        total_execution_us=_int(r["executed"]),
        returned_rows=_int(r["returned_rows"]),
        service_class=_opt_int(r["service_class"]),
        sample_query_id=_opt_int(r["sample_query_id"]),
    )


def _hour(r: Row) -> RsQueueHour:
    hour = r["hour"]
    return RsQueueHour(
        service_class=_int(r["service_class"]),
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=_int(r["queries"]),
        queue_us=_int(r["queued"]),
        elapsed_us=_int(r["elapsed"]),
    )


def _churn(r: Row) -> RsChurnHour:
    hour = r["hour"]
    return RsChurnHour(
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=_int(r["queries"]),
        compiled=_int(r["compiled"]),
        ddl=_int(r["ddl"]),
        ctas=_int(r["ctas"]),
    )


def _scan(r: Row) -> RsTableScan:
    return RsTableScan(
        table=r["table_name"] or "",
        queries=_int(r["queries"]),
        rows_pre_filter=_int(r["rows_pre_filter"]),
        rows_pre_user_filter=_int(r["rows_pre_user_filter"]),
        rows=_int(r["rows"]),
    )


def _spill(r: Row) -> RsSpilledQuery:
    return RsSpilledQuery(
        query_id=_int(r["query"]),
        steps=_int(r["steps"]),
        diskbased_steps=_int(r["diskbased_steps"]),
        label=r["label"] or "",
        max_workmem=_int(r["max_workmem"]),
        max_time_us=_int(r["max_time"]),
    )


def _alert(r: Row) -> RsAlert:
    return RsAlert(
        query_id=_int(r["query_id"]),
        event=r["event"] or "",
        solution=r["solution"] or "",
        table=r["table_name"],
        occurrences=_int(r["occurrences"]),
        rows=_opt_int(r["rows"]),
        text=r["text"] or "",
    )


def _federated(r: Row) -> RsFederatedQuery:
    return RsFederatedQuery(
        query_text=r["query_text"] or "",
        source_type=r["source_type"] or "",
        runs=_int(r["runs"]),
        num_rows=_int(r["num_rows"]),
        num_bytes=_int(r["num_bytes"]),
        duration_us=_int(r["duration"]),
    )


def _mv(r: Row) -> RsMaterializedView:
    return RsMaterializedView(
        schema=r["schema"],
        name=r["name"],
        is_stale=_flag(r["is_stale"]),
        state=_int(r["state"]),
        autorefresh=_flag(r["autorefresh"]),
    )


def _recommendation(r: Row) -> RsRecommendation:
    return RsRecommendation(
        type=r["type"] or "",
        table_id=_int(r["table_id"]),
        group_id=_int(r["group_id"]),
        ddl=r["ddl"] or "",
        auto_eligible=_flag(r["auto_eligible"]),
        table=r["table_name"],
    )


def _external(r: Row) -> RsExternalTable:
    return RsExternalTable(
        schema=r["schema"],
        table=r["name"],
        location=r["location"] or "",
        input_format=r["input_format"] or "",
        serialization_lib=r["serialization_lib"] or "",
        parameters=r["parameters"] or "",
    )


def _wlm_queue(r: Row) -> RsWlmQueue:
    return RsWlmQueue(
        service_class=_int(r["service_class"]),
        name=r["name"] or "",
        num_query_tasks=_int(r["num_query_tasks"]),
        query_working_mem=_int(r["query_working_mem"]),
        max_execution_time=_int(r["max_execution_time"]),
        concurrency_scaling=r["concurrency_scaling"] or "",
        query_priority=r["query_priority"] or "",
    )


def _qmr_rule(r: Row) -> RsQmrRule:
    return RsQmrRule(
        service_class=_int(r["service_class"]),
        rule_name=r["rule_name"] or "",
        action=r["action"] or "",
        metric_name=r["metric_name"] or "",
        metric_operator=r["metric_operator"] or "",
        metric_value=float(r["metric_value"] or 0),
    )


def _blocks(r: Row) -> RsTableBlocks:
    return RsTableBlocks(
        table_id=_int(r["table_id"]),
        slices=_int(r["slices"]),
        min_slice_blocks=_int(r["min_blocks"]),
        max_slice_blocks=_int(r["max_blocks"]),
        blocks=_int(r["blocks"]),
    )


def _encoding(r: Row, raw: list[str]) -> RsColumnEncoding:
    return RsColumnEncoding(
        table_id=_int(r["table_id"]),
        columns=_int(r["columns"]),
        encoded_columns=_int(r["encoded_columns"]),
        raw_columns=tuple(raw),
    )


def _interleaved(r: Row) -> RsInterleavedSkew:
    last = r["last_reindex"]
    return RsInterleavedSkew(
        table_id=_int(r["table_id"]),
        columns=_int(r["columns"]),
        max_skew=_opt_float(r["max_skew"]),
        last_reindex=last.isoformat(sep=" ") if hasattr(last, "isoformat") else last,
    )


def _vacuum(r: Row) -> RsVacuumSummary:
    return RsVacuumSummary(
        table=r["table_name"] or "",
        vacuums=_int(r["vacuums"]),
        sort_partitions=_int(r["sort_partitions"]),
        merge_increments=_int(r["merge_increments"]),
        max_merge_partitions=_int(r["max_merge_partitions"]),
    )


def _disk_node(r: Row) -> RsDiskNode:
    return RsDiskNode(
        node=_int(r["node"]), capacity_mb=_int(r["capacity"]), used_mb=_int(r["used"])
    )
