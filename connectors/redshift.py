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

from advisor.errors import ConnectionFailed
from advisor.model_redshift import (
    RsAlert,
    RsAutoAction,
    RsBurstHour,
    RsBusyDay,
    RsChurnHour,
    RsColumnEncoding,
    RsColumnValues,
    RsCompressionAnalysis,
    RsCopyGroup,
    RsDatabaseHour,
    RsDatashareConsumer,
    RsDiskNode,
    RsDiskSpace,
    RsExternalColumn,
    RsExternalTable,
    RsFederatedQuery,
    RsFunction,
    RsInsertHour,
    RsInsertSource,
    RsInterleavedSkew,
    RsKeyColumn,
    RsMaterializedView,
    RsMetricPercentiles,
    RsPlan,
    RsQmrRule,
    RsQueryGroup,
    RsQueryStep,
    RsQueueHour,
    RsRecommendation,
    RsSlowSegment,
    RsSnapshot,
    RsSpectrumScan,
    RsSpilledQuery,
    RsTableBlocks,
    RsTableReads,
    RsTableScan,
    RsTableStats,
    RsUncompressedCopy,
    RsVacuumSummary,
    RsWlmPeakHour,
    RsWlmQueue,
    RsWorkload,
)
from advisor.printable import bounded
from advisor.sql.explain import ExplainError, plan_from_rows
from advisor.sql.joins import query_shape, schemas_named
from connectors import deadline
from connectors.postgres import (
    DEFAULT_DEADLINE,
    PostgresSource,
    WatchedConnection,
    redact,
    stall_seconds,
    stalled_message,
)

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
    "sys_query_detail",
    "stl_insert",
    "sys_load_history",
    "sys_load_detail",
    "stl_s3client",
    "stv_blocklist",
    "stv_slices",
    "svv_redshift_columns",
    "svv_interleaved_columns",
    "svv_vacuum_summary",
    "stv_partitions",
    "svl_federated_query",
    "svl_query_summary",
    "stv_mv_info",
    "svv_mv_info",
    "svv_alter_table_recommendations",
    "svv_external_tables",
    "stv_wlm_service_class_config",
    "stv_wlm_qmr_config",
    "svv_external_columns",
    "sys_auto_table_optimization",
    "svl_auto_worker_action",
    "stl_wlm_query",
    "svl_query_metrics_summary",
    "sys_datashare_usage_consumer",
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
       max(workmem) AS max_workmem, max(maxtime) AS max_time, 0 AS spilled_blocks
FROM svl_query_summary
WHERE userid > 1
GROUP BY query
HAVING sum(CASE WHEN trim(is_diskbased) = 't' THEN 1 ELSE 0 END) > 0
ORDER BY max(maxtime) DESC
LIMIT %(limit)s
"""

# The same from sys_query_detail (Serverless and Multi-AZ have no SVL views): a step that
# spilled blocks to local or remote disk ran disk-based; there is no working memory column.
SPILLS_SYS = """
SELECT query_id AS query, count(*) AS steps,
       sum(CASE WHEN coalesce(spilled_block_local_disk, 0)
                     + coalesce(spilled_block_remote_disk, 0) > 0 THEN 1 ELSE 0 END)
           AS diskbased_steps,
       min(CASE WHEN coalesce(spilled_block_local_disk, 0)
                     + coalesce(spilled_block_remote_disk, 0) > 0 THEN trim(step_name) END)
           AS label,
       0 AS max_workmem, max(duration) AS max_time,
       sum(coalesce(spilled_block_local_disk, 0) + coalesce(spilled_block_remote_disk, 0))
           AS spilled_blocks
FROM sys_query_detail
WHERE user_id > 1 AND start_time >= %(since)s
GROUP BY query_id
HAVING sum(coalesce(spilled_block_local_disk, 0) + coalesce(spilled_block_remote_disk, 0)) > 0
ORDER BY max(duration) DESC
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

# 1 MB blocks per slice of each table (all its columns, the hidden ones included).
BLOCKS = """
SELECT b.tbl AS table_id, count(*) AS slices, min(b.blocks) AS min_blocks,
       max(b.blocks) AS max_blocks, sum(b.blocks) AS blocks
FROM (SELECT tbl, slice, count(*) AS blocks FROM stv_blocklist GROUP BY tbl, slice) b
JOIN svv_table_info t ON t.table_id = b.tbl
WHERE {schemas}
GROUP BY b.tbl
"""


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

# Only the partition columns of external tables (part_key > 0), in partition-key order.
PARTITION_COLUMNS = """
SELECT trim(schemaname) AS schema, trim(tablename) AS name, trim(columnname) AS column_name,
       trim(external_type) AS external_type, part_key
FROM svv_external_columns
WHERE part_key > 0
ORDER BY 1, 2, part_key
"""

# Only the columns in a distribution or sort key (a handful per table, not every column).
KEY_COLUMNS = """
SELECT trim(schema_name) AS schema, trim(table_name) AS name, trim(column_name) AS column_name,
       distkey, sortkey
FROM svv_redshift_columns
WHERE database_name = current_database() AND (distkey OR sortkey <> 0) AND {schemas}
ORDER BY 1, 2, abs(sortkey), 3
"""


# The latest automatic table optimisation event per table and kind of change (distkey, sortkey,
# encode); svl_auto_worker_action splits a long previous state over rows, sequence 0 first.
AUTO_ACTIONS_SYS = """
SELECT a.table_id, trim(a.alter_table_type) AS alter_type, trim(a.status) AS status,
       a.event_time, trim(a.alter_from) AS alter_from, {table} AS table_name
FROM (SELECT table_id, alter_table_type, status, event_time, alter_from,
             row_number() OVER (PARTITION BY table_id, alter_table_type
                                ORDER BY event_time DESC) AS latest
      FROM sys_auto_table_optimization) a
{join}
WHERE a.latest = 1 AND {schemas}
ORDER BY 1, 2
"""

AUTO_ACTIONS_SVL = """
SELECT a.table_id, trim(a.type) AS alter_type, trim(a.status) AS status,
       a.eventtime AS event_time, trim(a.previous_state) AS alter_from, {table} AS table_name
FROM (SELECT table_id, type, status, eventtime, previous_state,
             row_number() OVER (PARTITION BY table_id, type
                                ORDER BY eventtime DESC) AS latest
      FROM svl_auto_worker_action
      WHERE sequence = 0) a
{join}
WHERE a.latest = 1 AND {schemas}
ORDER BY 1, 2
"""

# User scans per table over the history window, for every table svv_table_info lists
# (type 2 = a scan of a user table; userid 1 is the system's own work).
TABLE_READS = """
SELECT trim(t.schema) AS schema, trim(t."table") AS name, coalesce(s.queries, 0) AS queries,
       s.last_scan
FROM svv_table_info t
LEFT JOIN ({scans}) s ON s.table_id = t.table_id
WHERE {schemas}
ORDER BY 1, 2
"""

SCANS_BY_TABLE_STL = """
SELECT tbl AS table_id, count(DISTINCT query) AS queries, max(starttime) AS last_scan
FROM stl_scan
WHERE userid > 1 AND type = 2 AND starttime >= %(since)s
GROUP BY tbl
"""

SCANS_BY_TABLE_SYS = """
SELECT table_id, count(DISTINCT query_id) AS queries, max(start_time) AS last_scan
FROM sys_query_detail
WHERE user_id > 1 AND trim(step_name) = 'scan' AND start_time >= %(since)s
GROUP BY table_id
"""

PYTHON_UDFS = """
SELECT trim(n.nspname) AS schema, trim(p.proname) AS name, trim(l.lanname) AS language,
       oidvectortypes(p.proargtypes) AS arguments, format_type(p.prorettype, NULL) AS returns
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE l.lanname = 'plpythonu' AND {schemas}
ORDER BY 1, 2
"""

# Slots in use per service class: +slots when a query starts executing, -slots when it ends,
# summed in time order; the hourly maximum of that running sum is the hour's peak.
WLM_PEAKS = """
SELECT service_class, date_trunc('hour', event_at) AS hour, max(in_use) AS peak_slots,
       sum(CASE WHEN slots > 0 THEN 1 ELSE 0 END) AS queries
FROM (SELECT service_class, event_at, slots,
             sum(slots) OVER (PARTITION BY service_class ORDER BY event_at, slots
                              ROWS UNBOUNDED PRECEDING) AS in_use
      FROM ({events}) e) r
GROUP BY 1, 2
ORDER BY 1, 2
LIMIT %(limit)s
"""

WLM_EVENTS_STL = """
SELECT service_class, exec_start_time AS event_at, slot_count AS slots
FROM stl_wlm_query
WHERE userid > 1 AND service_class > 5 AND exec_start_time >= %(since)s
UNION ALL
SELECT service_class, exec_end_time, -slot_count
FROM stl_wlm_query
WHERE userid > 1 AND service_class > 5 AND exec_start_time >= %(since)s
"""

# sys_query_history has no slot count and no execution start: one slot from start to end.
# Queries that ran on concurrency-scaling clusters (compute_type 'secondary') held no slot of
# the main cluster's queues.
WLM_EVENTS_SYS = """
SELECT service_class_id AS service_class, start_time AS event_at, 1 AS slots
FROM sys_query_history
WHERE user_id > 1 AND service_class_id > 5 AND start_time >= %(since)s
  AND compute_type = 'primary'
UNION ALL
SELECT service_class_id, end_time, -1
FROM sys_query_history
WHERE user_id > 1 AND service_class_id > 5 AND start_time >= %(since)s
  AND compute_type = 'primary'
"""

DATABASE_HOURS_SYS = """
SELECT trim(database_name) AS database, date_trunc('hour', start_time) AS hour,
       count(*) AS queries
FROM sys_query_history
WHERE user_id > 1 AND start_time >= %(since)s
GROUP BY 1, 2
ORDER BY 2, 1
LIMIT %(limit)s
"""

DATABASE_HOURS_STL = """
SELECT trim(database) AS database, date_trunc('hour', starttime) AS hour, count(*) AS queries
FROM stl_query
WHERE userid > 1 AND starttime >= %(since)s
GROUP BY 1, 2
ORDER BY 2, 1
LIMIT %(limit)s
"""

# Per query, the segment with the highest maxtime (the same for all its steps) and its steps;
# the rows of the query's last return step; the widest step (bytes per row) and the median
# width of the query's steps. Top queries by that segment's time.
SLOW_SEGMENTS = """
WITH segments AS (
    SELECT query, seg, max(maxtime) AS seg_time
    FROM svl_query_summary
    WHERE userid > 1
    GROUP BY query, seg
), ranked AS (
    SELECT query, seg, seg_time,
           row_number() OVER (PARTITION BY query ORDER BY seg_time DESC, seg) AS pick
    FROM segments
), top_queries AS (
    SELECT query, seg, seg_time
    FROM ranked
    WHERE pick = 1
    ORDER BY seg_time DESC, query
    LIMIT %(limit)s
), finals AS (
    SELECT s.query, s.rows,
           row_number() OVER (PARTITION BY s.query ORDER BY s.seg DESC, s.step DESC) AS pick
    FROM svl_query_summary s
    JOIN top_queries t ON t.query = s.query
    WHERE split_part(trim(s.label), ' ', 1) = 'return'
), widths AS (
    SELECT s.query, trim(s.label) AS label, s.bytes, s.bytes::float8 / s.rows AS width,
           row_number() OVER (
               PARTITION BY s.query ORDER BY s.bytes::float8 / s.rows DESC, s.seg, s.step
           ) AS pick
    FROM svl_query_summary s
    JOIN top_queries t ON t.query = s.query
    WHERE s.rows > 0 AND s.bytes > 0
), width_stats AS (
    SELECT query, count(*) AS width_steps,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY width) AS median_width
    FROM widths
    GROUP BY query
)
SELECT t.query, t.seg, t.seg_time, s.step, trim(s.label) AS label, s.rows, s.bytes,
       f.rows AS return_rows, w.label AS widest_label, w.width AS widest_width,
       w.bytes AS widest_bytes, ws.median_width, ws.width_steps
FROM top_queries t
JOIN svl_query_summary s ON s.query = t.query AND s.seg = t.seg
LEFT JOIN finals f ON f.query = t.query AND f.pick = 1
LEFT JOIN widths w ON w.query = t.query AND w.pick = 1
LEFT JOIN width_stats ws ON ws.query = t.query
ORDER BY t.seg_time DESC, t.query, s.step
"""

# INSERT ... SELECT: the tables each insert wrote and the user tables the same query scanned
# (amazon-redshift-utils insert_into_table_dk_mismatch.sql, keys from svv_table_info).
INSERT_SOURCES = """
WITH inserts AS (
    SELECT query, tbl, sum(rows) AS rows
    FROM stl_insert
    WHERE userid > 1 AND starttime >= %(since)s
    GROUP BY query, tbl
), sources AS (
    SELECT DISTINCT query, tbl
    FROM stl_scan
    WHERE userid > 1 AND starttime >= %(since)s AND type = 2
      AND perm_table_name NOT LIKE 'Internal Worktable%%'
), pairs AS (
    SELECT i.tbl AS target_id, s.tbl AS source_id, count(DISTINCT i.query) AS queries,
           sum(i.rows) AS rows, max(i.query) AS sample_query_id
    FROM inserts i
    JOIN sources s ON s.query = i.query AND s.tbl <> i.tbl
    GROUP BY 1, 2
)
SELECT p.target_id, p.source_id, p.queries, p.rows, p.sample_query_id,
       {target} AS target, {target_style} AS target_diststyle,
       {source} AS source, {source_style} AS source_diststyle
FROM pairs p
{join}
ORDER BY p.rows DESC, p.target_id, p.source_id
LIMIT %(limit)s
"""

# p50, p99 and maximum of each query monitoring metric per service class
# (amazon-redshift-utils wlm_qmr_rule_candidates.sql); one metric per branch, so each
# branch's two percentiles share their ORDER BY as Redshift requires.
QMR_METRICS = (
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
)

METRIC_PERCENTILES_BRANCH = """
SELECT service_class, {name} AS metric, count({column}) AS queries,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY {column}) AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY {column}) AS p99,
       max({column}) AS pmax
FROM svl_query_metrics_summary
WHERE userid > 1 AND service_class IS NOT NULL
GROUP BY service_class
"""

# Execution time on concurrency scaling clusters per hour (compute_type other than primary).
BURST_HOURS = """
SELECT date_trunc('hour', start_time) AS hour, count(*) AS queries,
       sum(CASE WHEN trim(compute_type) <> 'primary' THEN 1 ELSE 0 END) AS burst_queries,
       sum(CASE WHEN trim(compute_type) <> 'primary' THEN execution_time ELSE 0 END)
           AS burst_us
FROM sys_query_history
WHERE user_id > 1 AND start_time >= %(since)s
GROUP BY 1
HAVING sum(CASE WHEN trim(compute_type) <> 'primary' THEN 1 ELSE 0 END) > 0
ORDER BY 4 DESC
LIMIT %(limit)s
"""

# Minutes with a user query running, per 24-hour window: each query covers the minutes it
# overlaps; overlapping spans are merged into islands (running maximum of the ends), and the
# islands are cut at the windows' edges. Only window functions: no minute table needed.
BUSY_DAYS = """
WITH spans AS (
    SELECT date_trunc('minute', start_time) AS s,
           date_trunc('minute', end_time) + interval '1 minute' AS e
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s AND end_time IS NOT NULL
), marked AS (
    SELECT s, e,
           CASE WHEN s <= max(e) OVER (
                    ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                THEN 0 ELSE 1 END AS opens
    FROM spans
), numbered AS (
    SELECT s, e, sum(opens) OVER (ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
    FROM marked
), islands AS (
    SELECT min(s) AS s, max(e) AS e FROM numbered GROUP BY island
), days AS (
    {days}
)
SELECT d.day_start,
       sum(CASE WHEN i.s IS NULL THEN 0
                ELSE (extract(epoch FROM least(i.e, d.day_end))
                      - extract(epoch FROM greatest(i.s, d.day_start))) / 60 END) AS busy_minutes
FROM days d
LEFT JOIN islands i ON i.s < d.day_end AND i.e > d.day_start
GROUP BY d.day_start
ORDER BY d.day_start
"""

# Data-sharing requests per consumer transaction (first to last record), per database the
# transaction's queries ran in (mcp DataShareConsumerUsage).
DATASHARE_CONSUMERS = """
WITH requests AS (
    SELECT user_id, session_id, transaction_id, count(DISTINCT request_id) AS requests,
           extract(epoch FROM max(record_time)) - extract(epoch FROM min(record_time))
               AS seconds
    FROM sys_datashare_usage_consumer
    WHERE record_time >= %(since)s
    GROUP BY 1, 2, 3
), databases AS (
    SELECT user_id, session_id, transaction_id, min(trim(database_name)) AS database_name
    FROM sys_query_history
    WHERE start_time >= %(since)s
    GROUP BY 1, 2, 3
)
SELECT coalesce(d.database_name, '') AS database_name, count(*) AS transactions,
       sum(r.requests) AS requests, avg(r.seconds) AS avg_seconds, max(r.seconds) AS max_seconds
FROM requests r
LEFT JOIN databases d
  ON d.user_id = r.user_id AND d.session_id = r.session_id
 AND d.transaction_id = r.transaction_id
GROUP BY 1
ORDER BY avg(r.seconds) DESC
LIMIT %(limit)s
"""

# Per hour and target table: INSERTs, and those that wrote 1-100 rows (a trickle insert);
# beside each row, the small INSERTs of its whole hour. `ins` is one row per INSERT.
_INSERT_HOURS = """
WITH ins AS ({inserts})
SELECT t.hour, t.table_name, t.inserts, t.small_inserts, t.inserted,
       h.small_inserts AS hour_small_inserts
FROM (SELECT hour, table_name, count(*) AS inserts,
             sum(CASE WHEN inserted BETWEEN 1 AND 100 THEN 1 ELSE 0 END) AS small_inserts,
             sum(inserted) AS inserted
      FROM ins GROUP BY 1, 2) t
JOIN (SELECT hour, sum(CASE WHEN inserted BETWEEN 1 AND 100 THEN 1 ELSE 0 END) AS small_inserts
      FROM ins GROUP BY 1) h ON h.hour = t.hour
ORDER BY h.small_inserts DESC, t.small_inserts DESC, t.table_name
LIMIT %(limit)s
"""

INSERTS_SYS = _INSERT_HOURS.replace(
    "{inserts}",
    """
SELECT date_trunc('hour', h.start_time) AS hour, d.table_name, d.inserted
FROM sys_query_history h
JOIN (SELECT query_id, max(trim(table_name)) AS table_name, sum(output_rows) AS inserted
      FROM sys_query_detail WHERE trim(step_name) = 'insert' GROUP BY query_id) d
  ON d.query_id = h.query_id
WHERE h.user_id > 1 AND h.start_time >= %(since)s AND trim(h.query_type) = 'INSERT'
""",
)

# stl_insert has one row per slice and a table id; the name comes from svv_table_info.
INSERTS_STL = _INSERT_HOURS.replace(
    "{inserts}",
    """
SELECT date_trunc('hour', i.starttime) AS hour, {table} AS table_name, i.inserted
FROM (SELECT query, max(tbl) AS tbl, min(starttime) AS starttime, sum(rows) AS inserted
      FROM stl_insert WHERE userid > 1 AND starttime >= %(since)s GROUP BY query) i
JOIN stl_query q ON q.query = i.query
{join}
WHERE lower(left(trim(q.querytxt), 6)) = 'insert'
""",
)

# MCP's CopyPerformance grouping: per day, target table, S3 bucket and file format.
COPIES = """
SELECT date_trunc('day', h.start_time) AS day, trim(h.table_name) AS table_name,
       split_part(trim(h.data_source), '/', 3) AS bucket, lower(trim(h.file_format)) AS file_format,
       count(*) AS copies, sum(h.source_file_count) AS files,
       min(h.source_file_count) AS min_files, max(h.source_file_count) AS max_files,
       sum(h.file_bytes_scanned) AS bytes, sum({split}) AS split_copies,
       min(trim(h.data_source)) AS data_source, sum(h.duration) AS duration,
       max(h.query_id) AS sample_query_id
FROM sys_load_history h
{join}
WHERE h.user_id > 1 AND h.start_time >= %(since)s AND h.loaded_rows > 0
GROUP BY 1, 2, 3, 4
ORDER BY count(*) DESC, 2
LIMIT %(limit)s
"""

# COPYs whose S3 GETs moved exactly as many bytes as the data held: nothing was compressed.
UNCOMPRESSED_COPIES = """
SELECT c.query, {text} AS query_text, min(trim(c.bucket)) AS bucket, min(trim(c.key)) AS key,
       count(DISTINCT c.key) AS files, sum(c.transfer_size) AS transfer_bytes,
       sum(c.data_size) AS data_bytes
FROM stl_s3client c
{join}
WHERE c.userid > 1 AND c.recordtime >= %(since)s AND trim(c.http_method) = 'GET'
GROUP BY c.query
HAVING sum(c.transfer_size) = sum(c.data_size)
ORDER BY sum(c.transfer_size) DESC
LIMIT %(limit)s
"""

# Transactions holding the statements COPY runs for compression analysis.
_ANALYSIS = """
SELECT {xid} AS xid,
       min(CASE WHEN {analysis} THEN NULL
                WHEN lower(left(trim({text}), 5)) = 'copy ' THEN trim({text}) END) AS copy_text,
       sum(CASE WHEN {analysis} THEN 1 ELSE 0 END) AS statements,
       sum(CASE WHEN {analysis} THEN {elapsed} ELSE 0 END) AS analysis,
       sum({elapsed}) AS elapsed
FROM {view}
WHERE {user} > 1 AND {start} >= %(since)s
GROUP BY {xid}
HAVING sum(CASE WHEN {analysis} THEN 1 ELSE 0 END) > 0
ORDER BY 4 DESC, 1
LIMIT %(limit)s
"""

# The local schemas with tables, to tell the history of unread schemas from the rest.
LOCAL_SCHEMAS = "SELECT DISTINCT trim(schema) AS schema FROM svv_table_info ORDER BY 1 LIMIT 1000"

# How a candidate DISTKEY column's values spread: one row back, the grouping done on the
# cluster (a scan of one column; the statement timeout bounds it).
COLUMN_VALUES = """
SELECT sum(n) AS rows, count(v) AS distinct_values, max(n) AS top_rows,
       sum(CASE WHEN v IS NULL THEN n ELSE 0 END) AS null_rows
FROM (SELECT {column} AS v, count(*) AS n FROM {table} GROUP BY 1) AS g
"""


def _analysis_query(view: str, xid: str, text: str, elapsed: str, user: str, start: str) -> str:
    analysis = (
        f"(lower(trim({text})) LIKE 'copy analyze %%'"
        f" OR lower(trim({text})) LIKE 'analyze compression phase %%')"
    )
    return (
        _ANALYSIS.replace("{analysis}", analysis)
        .replace("{view}", view)
        .replace("{xid}", xid)
        .replace("{text}", text)
        .replace("{elapsed}", elapsed)
        .replace("{user}", user)
        .replace("{start}", start)
    )


ANALYSES_SYS = _analysis_query(
    "sys_query_history", "transaction_id", "query_text", "elapsed_time", "user_id", "start_time"
)
ANALYSES_STL = _analysis_query(
    "stl_query",
    "xid",
    "querytxt",
    "datediff(microsecond, starttime, endtime)",
    "userid",
    "starttime",
)

CLUSTER_SHAPE = "SELECT count(DISTINCT node) AS nodes, count(*) AS slices FROM stv_slices"


class ConnectorError(ConnectionFailed):
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
    # Join columns of the workload whose value spread is measured, largest tables first.
    value_columns: int = 24
    application_name: str = "advisor"
    # Seconds the whole read may take, whatever the cluster does.
    deadline: float = DEFAULT_DEADLINE
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
        self._conn: psycopg.Connection[Row] | None = None
        self.heartbeat = deadline.Heartbeat()

    def read(self) -> RsSnapshot:
        """The whole read within the source's deadline; past it, the running statement is
        cancelled and what was read so far comes back in the ConnectorError."""
        try:
            return deadline.within(
                self.source.deadline,
                self._read,
                self._cancel,
                heartbeat=self.heartbeat,
                stall=stall_seconds(self.source.statement_timeout_ms, self.source.connect_timeout),
                stalled=stalled_message(self.source.statement_timeout_ms),
            )
        except deadline.DeadlineExceeded as err:
            where = self.source.describe()
            raise ConnectorError(f"Redshift {where}: {err}", self.snapshot) from None

    def _cancel(self) -> None:
        if self._conn is not None:
            self._conn.cancel_safe(timeout=deadline.GRACE)

    def _read(self) -> RsSnapshot:
        try:
            with self._connect() as conn:
                head = conn.execute("SELECT current_database() AS db").fetchone()
                self._update(database=str(head["db"]) if head else "")
                self._probe(conn)
                self._read_tables(conn)
                self._read_shape(conn)
                self._read_workload(conn)
                self._read_loads(conn)
                self._read_usage(conn)
                self._read_plans(conn)
                self._read_objects(conn)
                self._read_columns(conn)
                self._read_administration(conn)
                self._read_storage(conn)
                self._read_column_values(conn)
                conn.rollback()
        except ConnectorError:
            raise
        except psycopg.Error as err:
            raise ConnectorError(self._message(err), self.snapshot) from None
        return self.snapshot

    def _connect(self) -> psycopg.Connection[Row]:
        self.progress("connect")
        try:
            conn = WatchedConnection.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                application_name=self.source.application_name,
                row_factory=dict_row,
            )
        except psycopg.Error as err:
            raise ConnectorError(self._message(err)) from None
        conn.heartbeat = self.heartbeat
        self._conn = conn
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
        return redact(f"Redshift {where}: {bounded(text)}", self.source.secrets())

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
        rows = self._fetch(conn, sql.SQL(TABLE_INFO).format(schemas=self._schemas("schema")))
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
        if self.source.schemas and self._has("svv_table_info"):
            local = {str(r["schema"]).lower() for r in self._fetch(conn, LOCAL_SCHEMAS)}
            others = local - {s.lower() for s in self.source.schemas}
            queries = [q for q in queries if not _only_in(q.query_text, others)]
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
        segments: list[RsSlowSegment] = []
        if self._has("svl_query_summary"):
            spills = [_spill(r) for r in self._fetch(conn, SPILLS)]
            segments = _segments(self._fetch(conn, SLOW_SEGMENTS))
        elif self._has("sys_query_detail"):
            spills = [_spill(r) for r in self._fetch(conn, SPILLS_SYS)]
            self._note(
                "svl_query_summary missing: disk-based steps from sys_query_detail's spilled"
                " blocks; slowest segments not read"
            )
        else:
            self._note(
                "svl_query_summary missing: no disk-based query steps or slowest segments read"
            )
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
                slow_segments=tuple(segments),
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
                table = sql.SQL(_qualified("t"))
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

    def _read_columns(self, conn: psycopg.Connection[Row]) -> None:
        if self._has("svv_external_columns"):
            self.progress("external columns")
            rows = self._fetch(conn, PARTITION_COLUMNS)
            self._update(partition_columns=tuple(_partition_column(r) for r in rows))
        else:
            self._note("svv_external_columns missing: partition columns of external tables unknown")
        if self._has("svv_redshift_columns"):
            self.progress("key columns")
            query = sql.SQL(KEY_COLUMNS).format(schemas=self._schemas("schema_name"))
            rows = self._fetch(conn, query)
            self._update(key_columns=tuple(_key_column(r) for r in rows))
        else:
            self._note("svv_redshift_columns missing: only the first sort-key column is known")

    def _schemas(self, column: str) -> sql.Composable:
        """`trim(column) IN (...)` for the schemas the read is limited to, else TRUE."""
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

    def _read_administration(self, conn: psycopg.Connection[Row]) -> None:
        """ATO events, Python UDFs, unread tables, WLM slot peaks, databases per hour."""
        self._read_auto_actions(conn)
        self.progress("python udfs")
        # Unqualified, as on a cluster: pg_catalog is searched first unless search_path
        # names it later.
        query = sql.SQL(PYTHON_UDFS).format(schemas=self._schemas("n.nspname"))
        udfs = tuple(_function(r) for r in self._fetch(conn, query))
        self._update(python_udfs=udfs)
        workload = self.snapshot.workload or RsWorkload()
        self._update(
            workload=replace(
                workload,
                table_reads=tuple(self._read_table_reads(conn)),
                wlm_peak_hours=tuple(self._read_wlm_peaks(conn)),
                database_hours=tuple(self._read_database_hours(conn)),
            )
        )

    def _read_auto_actions(self, conn: psycopg.Connection[Row]) -> None:
        view = next(
            (v for v in ("sys_auto_table_optimization", "svl_auto_worker_action") if self._has(v)),
            None,
        )
        if view is None:
            self._note(
                "no automatic table optimisation log (sys_auto_table_optimization, "
                "svl_auto_worker_action) is readable"
            )
            return
        self.progress(view)
        table, join = sql.SQL("NULL::text"), sql.SQL("")
        schemas: sql.Composable = sql.SQL("TRUE")
        if self._has("svv_table_info"):
            table = sql.SQL(_qualified("t"))
            join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = a.table_id")
            schemas = self._schemas("t.schema")
        text = AUTO_ACTIONS_SYS if view == "sys_auto_table_optimization" else AUTO_ACTIONS_SVL
        query = sql.SQL(text).format(table=table, join=join, schemas=schemas)
        self._update(auto_actions=tuple(_auto_action(r) for r in self._fetch(conn, query)))

    def _read_table_reads(self, conn: psycopg.Connection[Row]) -> list[RsTableReads]:
        if not self._has("svv_table_info"):
            return []
        if self._has("stl_scan"):
            scans = SCANS_BY_TABLE_STL
        elif self._has("sys_query_detail"):
            self._note("stl_scan missing: table reads from sys_query_detail scan steps")
            scans = SCANS_BY_TABLE_SYS
        else:
            self._note("no scan history (stl_scan, sys_query_detail): unread tables not judged")
            return []
        self.progress("table reads")
        query = sql.SQL(TABLE_READS).format(
            scans=sql.SQL(scans.strip()), schemas=self._schemas("t.schema")
        )
        return [_table_reads(r) for r in self._fetch(conn, query)]

    def _read_wlm_peaks(self, conn: psycopg.Connection[Row]) -> list[RsWlmPeakHour]:
        if self._has("stl_wlm_query"):
            events = WLM_EVENTS_STL
        elif self._has("sys_query_history"):
            self._note(
                "stl_wlm_query missing: WLM slot peaks from sys_query_history "
                "(one slot per query, queue time included)"
            )
            events = WLM_EVENTS_SYS
        else:
            self._note("no WLM history (stl_wlm_query, sys_query_history): slot peaks not read")
            return []
        self.progress("wlm slot peaks")
        query = sql.SQL(WLM_PEAKS).format(events=sql.SQL(events.strip()))
        return [_wlm_peak(r) for r in self._fetch(conn, query, limit=5000)]

    def _read_database_hours(self, conn: psycopg.Connection[Row]) -> list[RsDatabaseHour]:
        if self._has("sys_query_history"):
            text = DATABASE_HOURS_SYS
        elif self._has("stl_query"):
            text = DATABASE_HOURS_STL
        else:
            return []
        self.progress("databases")
        return [_database_hour(r) for r in self._fetch(conn, text, limit=5000)]

    def _read_usage(self, conn: psycopg.Connection[Row]) -> None:
        """INSERT...SELECT key pairs, QMR metric percentiles, burst hours, busy days, datashares."""
        workload = self.snapshot.workload or RsWorkload()
        changes: dict[str, Any] = {}
        if self._has("stl_insert") and self._has("stl_scan"):
            self.progress("inserts")
            parts = {
                "target": "NULL::text",
                "target_style": "NULL::text",
                "source": "NULL::text",
                "source_style": "NULL::text",
            }
            join = sql.SQL("")
            if self._has("svv_table_info"):
                parts = {
                    "target": _qualified("t"),
                    "target_style": "trim(t.diststyle)",
                    "source": _qualified("u"),
                    "source_style": "trim(u.diststyle)",
                }
                join = sql.SQL(
                    "LEFT JOIN svv_table_info t ON t.table_id = p.target_id\n"
                    "LEFT JOIN svv_table_info u ON u.table_id = p.source_id"
                )
            query = sql.SQL(INSERT_SOURCES).format(
                join=join, **{k: sql.SQL(v) for k, v in parts.items()}
            )
            changes["insert_sources"] = tuple(_insert(r) for r in self._fetch(conn, query))
        else:
            self._note("stl_insert or stl_scan missing: no INSERT ... SELECT sources read")
        if self._has("svl_query_metrics_summary"):
            self.progress("query metrics")
            branches = [
                sql.SQL(METRIC_PERCENTILES_BRANCH).format(
                    name=sql.Literal(m), column=sql.Identifier(m)
                )
                for m in QMR_METRICS
            ]
            query = sql.SQL("UNION ALL").join(branches) + sql.SQL("ORDER BY 1, 2")
            rows = self._fetch(conn, query)
            changes["metric_percentiles"] = tuple(_percentiles(r) for r in rows)
        else:
            self._note("svl_query_metrics_summary missing: no query metric percentiles read")
        if self._has("sys_query_history"):
            self.progress("cluster usage")
            rows = self._fetch(conn, BURST_HOURS, limit=1000)
            changes["burst_hours"] = tuple(_burst(r) for r in rows)
            starts = [
                self.since + timedelta(days=n) for n in range(max(1, self.source.history_days))
            ]
            days = sql.SQL(" UNION ALL ").join(
                sql.SQL("SELECT {} AS day_start, {} AS day_end").format(
                    sql.Literal(start), sql.Literal(start + timedelta(days=1))
                )
                for start in starts
            )
            rows = self._fetch(conn, sql.SQL(BUSY_DAYS).format(days=days))
            changes["busy_days"] = tuple(_busy(r) for r in rows)
        if self._has("sys_datashare_usage_consumer"):
            self.progress("datashares")
            rows = self._fetch(conn, DATASHARE_CONSUMERS)
            changes["datashare_consumers"] = tuple(_datashare(r) for r in rows)
        else:
            self._note("sys_datashare_usage_consumer missing: no data-sharing requests read")
        self._update(workload=replace(workload, **changes))

    def _read_shape(self, conn: psycopg.Connection[Row]) -> None:
        """Nodes and slices (stv_slices): COPY file counts and skew estimates are judged by them."""
        if self._has("stv_slices"):
            shape = self._fetch(conn, CLUSTER_SHAPE)
            if shape and _int(shape[0]["slices"]) > 0:
                self._update(nodes=_int(shape[0]["nodes"]), slices=_int(shape[0]["slices"]))
        else:
            self._note(
                "stv_slices missing: COPY file counts not compared with the slice count, and"
                " skew estimates assume a small cluster's slice count"
            )

    def _read_loads(self, conn: psycopg.Connection[Row]) -> None:
        """Loads: trickle INSERTs, COPY file splits, uncompressed COPY input, COPY analysis."""
        if self.snapshot.workload is None:
            return
        self.progress("loads")
        inserts: list[RsInsertHour] = []
        query = self._inserts_query()
        if query is not None:
            inserts = [_insert_hour(r) for r in self._fetch(conn, query)]
        copies: list[RsCopyGroup] = []
        if self._has("sys_load_history"):
            split, join = sql.SQL("0"), sql.SQL("")
            if self._has("sys_load_detail"):
                split = sql.SQL("CASE WHEN d.splits > h.source_file_count THEN 1 ELSE 0 END")
                join = sql.SQL(
                    "LEFT JOIN (SELECT query_id, sum(splits_scanned) AS splits"
                    " FROM sys_load_detail GROUP BY query_id) d ON d.query_id = h.query_id"
                )
            else:
                self._note("sys_load_detail missing: COPY splits of single files not read")
            copies = [
                _copy_group(r)
                for r in self._fetch(conn, sql.SQL(COPIES).format(split=split, join=join))
            ]
        else:
            self._note("sys_load_history missing: no COPY file counts read")
        uncompressed: list[RsUncompressedCopy] = []
        if self._has("stl_s3client"):
            text, join = sql.SQL("NULL::text"), sql.SQL("")
            if self._has("stl_query"):
                text = sql.SQL("min(trim(q.querytxt))")
                join = sql.SQL("LEFT JOIN stl_query q ON q.query = c.query")
            read = sql.SQL(UNCOMPRESSED_COPIES).format(text=text, join=join)
            uncompressed = [_uncompressed(r) for r in self._fetch(conn, read)]
        else:
            self._note("stl_s3client missing (Serverless): COPY input compression not read")
        analyses: list[RsCompressionAnalysis] = []
        if self._has("sys_query_history"):
            analyses = [_analysis(r) for r in self._fetch(conn, ANALYSES_SYS)]
        elif self._has("stl_query"):
            analyses = [_analysis(r) for r in self._fetch(conn, ANALYSES_STL)]
        self._update(
            workload=replace(
                self.snapshot.workload,
                inserts=tuple(inserts),
                copies=tuple(copies),
                uncompressed_copies=tuple(uncompressed),
                compression_analyses=tuple(analyses),
            )
        )

    def _inserts_query(self) -> sql.Composable | None:
        if self._has("sys_query_history") and self._has("sys_query_detail"):
            return sql.SQL(INSERTS_SYS)
        if self._has("stl_insert") and self._has("stl_query"):
            if not self._has("sys_query_detail"):
                self._note("sys_query_detail missing: INSERT row counts from stl_insert")
            table: sql.Composable = sql.SQL("'table id ' || CAST(i.tbl AS varchar)")
            join: sql.Composable = sql.SQL("")
            if self._has("svv_table_info"):
                table = sql.SQL(
                    f"coalesce({_qualified('t')}, 'table id ' || CAST(i.tbl AS varchar))"
                )
                join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = i.tbl")
            return sql.SQL(INSERTS_STL).format(table=table, join=join)
        self._note("no INSERT step view (sys_query_detail, stl_insert) is readable")
        return None

    def _read_column_values(self, conn: psycopg.Connection[Row]) -> None:
        """The value spread of the columns the workload joins on (skew estimate)."""
        workload = self.snapshot.workload
        if workload is None or not self.snapshot.tables:
            return
        candidates = _join_columns(self.snapshot)[: max(self.source.value_columns, 0)]
        if not candidates:
            return
        self.progress("column values")
        measured: list[RsColumnValues] = []
        denied: list[str] = []
        for stats, column in candidates:
            query = sql.SQL(COLUMN_VALUES).format(
                column=sql.Identifier(column),
                table=sql.Identifier(stats.schema, stats.table),
            )
            try:
                rows = self._fetch(conn, query)
            except (
                errors.InsufficientPrivilege,
                errors.UndefinedColumn,
                errors.UndefinedTable,
                errors.QueryCanceled,
            ):
                conn.rollback()
                denied.append(f"{stats.qualified_name}.{column}")
                continue
            if rows:
                measured.append(_values(stats.qualified_name, column, rows[0]))
        if denied:
            self._note(f"column values not measured (no SELECT, or timed out): {', '.join(denied)}")
        self._update(column_values=tuple(measured))


def _join_columns(snapshot: RsSnapshot) -> list[tuple[RsTableStats, str]]:
    """(table, column) pairs the workload's equi-joins use, the largest tables first."""

    def resolve(name: str) -> str | None:
        stats = snapshot.table(name)
        return stats.qualified_name if stats else None

    found: dict[tuple[str, str], RsTableStats] = {}
    for group in snapshot.workload.queries if snapshot.workload else ():
        shape = query_shape(group.query_text, resolve)
        for pair in shape.joins if shape else ():
            for table, column in ((pair.left, pair.left_column), (pair.right, pair.right_column)):
                stats = snapshot.table(table)
                if stats is not None:
                    found[(table, column.lower())] = stats
    ranked = sorted(found.items(), key=lambda kv: (-kv[1].size_mb, -kv[1].tbl_rows, kv[0]))
    return [(stats, column) for (_, column), stats in ranked]


def _only_in(text: str, others: set[str]) -> bool:
    """Whether a statement names tables of the other local schemas only (not read: --schema
    leaves them out); statements naming no schema (search_path) or an external one stay."""
    named = schemas_named(text)
    return bool(named) and named is not None and named <= others


def read_redshift(source: RedshiftSource, *, progress: Progress | None = None) -> RsSnapshot:
    return RedshiftReader(source, progress).read()


def _qualified(alias: str) -> str:
    """`schema.table` of the svv_table_info row joined as `alias`, in Redshift SQL."""
    return f"trim({alias}.schema) || '.' || trim({alias}.\"table\")"


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
        spilled_blocks=_int(r["spilled_blocks"]),
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


def _partition_column(r: Row) -> RsExternalColumn:
    return RsExternalColumn(
        schema=r["schema"],
        table=r["name"],
        column=r["column_name"],
        external_type=r["external_type"] or "",
        part_key=_int(r["part_key"]),
    )


def _key_column(r: Row) -> RsKeyColumn:
    return RsKeyColumn(
        schema=r["schema"],
        table=r["name"],
        column=r["column_name"],
        distkey=_flag(r["distkey"]),
        sortkey=_int(r["sortkey"]),
    )


def _when(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def _auto_action(r: Row) -> RsAutoAction:
    return RsAutoAction(
        table_id=_int(r["table_id"]),
        alter_type=(r["alter_type"] or "").lower(),
        status=r["status"] or "",
        event_time=_when(r["event_time"]),
        table=r["table_name"],
        alter_from=r["alter_from"] or "",
    )


def _table_reads(r: Row) -> RsTableReads:
    return RsTableReads(
        schema=r["schema"],
        table=r["name"],
        queries=_int(r["queries"]),
        last_scan=_when(r["last_scan"]) if r["last_scan"] is not None else None,
    )


def _function(r: Row) -> RsFunction:
    return RsFunction(
        schema=r["schema"],
        name=r["name"],
        language=r["language"] or "",
        arguments=r["arguments"] or "",
        returns=r["returns"] or "",
    )


def _wlm_peak(r: Row) -> RsWlmPeakHour:
    return RsWlmPeakHour(
        service_class=_int(r["service_class"]),
        hour=_when(r["hour"]),
        peak_slots=_int(r["peak_slots"]),
        queries=_int(r["queries"]),
    )


def _database_hour(r: Row) -> RsDatabaseHour:
    return RsDatabaseHour(
        database=r["database"] or "", hour=_when(r["hour"]), queries=_int(r["queries"])
    )


def _segments(rows: list[Row]) -> list[RsSlowSegment]:
    """The rows of SLOW_SEGMENTS (one per step of each query's slowest segment), per query."""
    segments: list[RsSlowSegment] = []
    for r in rows:
        step = RsQueryStep(
            segment=_int(r["seg"]),
            step=_int(r["step"]),
            label=r["label"] or "",
            rows=_int(r["rows"]),
            bytes=_int(r["bytes"]),
        )
        query_id = _int(r["query"])
        if segments and segments[-1].query_id == query_id:
            segments[-1] = replace(segments[-1], steps=(*segments[-1].steps, step))
            continue
        segments.append(
            RsSlowSegment(
                query_id=query_id,
                segment=step.segment,
                max_time_us=_int(r["seg_time"]),
                return_rows=_opt_int(r["return_rows"]),
                steps=(step,),
                widest_label=r["widest_label"] or "",
                widest_width=_opt_float(r["widest_width"]),
                widest_bytes=_int(r["widest_bytes"]),
                median_width=_opt_float(r["median_width"]),
                width_steps=_int(r["width_steps"]),
            )
        )
    return segments


def _insert(r: Row) -> RsInsertSource:
    return RsInsertSource(
        target_id=_int(r["target_id"]),
        source_id=_int(r["source_id"]),
        target=r["target"],
        target_diststyle=r["target_diststyle"] or "",
        source=r["source"],
        source_diststyle=r["source_diststyle"] or "",
        queries=_int(r["queries"]),
        rows=_int(r["rows"]),
        sample_query_id=_opt_int(r["sample_query_id"]),
    )


def _percentiles(r: Row) -> RsMetricPercentiles:
    return RsMetricPercentiles(
        service_class=_int(r["service_class"]),
        metric=str(r["metric"]).strip(),
        queries=_int(r["queries"]),
        p50=_opt_float(r["p50"]),
        p99=_opt_float(r["p99"]),
        max=_opt_float(r["pmax"]),
    )


def _burst(r: Row) -> RsBurstHour:
    hour = r["hour"]
    return RsBurstHour(
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=_int(r["queries"]),
        burst_queries=_int(r["burst_queries"]),
        burst_us=_int(r["burst_us"]),
    )


def _busy(r: Row) -> RsBusyDay:
    day = r["day_start"]
    return RsBusyDay(
        day=day.isoformat(timespec="minutes") if hasattr(day, "isoformat") else str(day),
        busy_minutes=round(float(r["busy_minutes"] or 0)),
    )


def _datashare(r: Row) -> RsDatashareConsumer:
    return RsDatashareConsumer(
        database=r["database_name"] or "",
        transactions=_int(r["transactions"]),
        requests=_int(r["requests"]),
        avg_seconds=round(float(r["avg_seconds"] or 0), 3),
        max_seconds=round(float(r["max_seconds"] or 0), 3),
    )


def _stamp(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _insert_hour(r: Row) -> RsInsertHour:
    return RsInsertHour(
        hour=_stamp(r["hour"]),
        table=r["table_name"] or "",
        inserts=_int(r["inserts"]),
        small_inserts=_int(r["small_inserts"]),
        rows=_int(r["inserted"]),
        hour_small_inserts=_int(r["hour_small_inserts"]),
    )


def _copy_group(r: Row) -> RsCopyGroup:
    return RsCopyGroup(
        day=_stamp(r["day"])[:10],
        table=r["table_name"] or "",
        bucket=r["bucket"] or "",
        file_format=r["file_format"] or "",
        copies=_int(r["copies"]),
        files=_int(r["files"]),
        min_files=_int(r["min_files"]),
        max_files=_int(r["max_files"]),
        bytes=_int(r["bytes"]),
        split_copies=_int(r["split_copies"]),
        data_source=r["data_source"] or "",
        duration_us=_int(r["duration"]),
        sample_query_id=_opt_int(r["sample_query_id"]),
    )


def _uncompressed(r: Row) -> RsUncompressedCopy:
    return RsUncompressedCopy(
        query_id=_int(r["query"]),
        query_text=r["query_text"] or "",
        bucket=r["bucket"] or "",
        key=r["key"] or "",
        files=_int(r["files"]),
        transfer_bytes=_int(r["transfer_bytes"]),
        data_bytes=_int(r["data_bytes"]),
    )


def _analysis(r: Row) -> RsCompressionAnalysis:
    return RsCompressionAnalysis(
        xid=_int(r["xid"]),
        copy_text=r["copy_text"] or "",
        statements=_int(r["statements"]),
        analysis_us=_int(r["analysis"]),
        elapsed_us=_int(r["elapsed"]),
    )


def _values(table: str, column: str, r: Row) -> RsColumnValues:
    return RsColumnValues(
        table=table,
        column=column,
        rows=_int(r["rows"]),
        distinct_values=_int(r["distinct_values"]),
        top_rows=_int(r["top_rows"]),
        null_rows=_int(r["null_rows"]),
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
