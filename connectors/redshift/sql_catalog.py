"""The SQL of the catalog steps: what a real cluster gets, with `{schemas}` and the like filled
by the steps (psycopg `sql` composition) and `%(since)s`/`%(limit)s` bound at execution."""

from __future__ import annotations

TABLE_INFO = """
SELECT trim(schema) AS schema, trim("table") AS name, table_id, trim(diststyle) AS diststyle,
       trim(sortkey1) AS sortkey1, trim(sortkey1_enc) AS sortkey1_enc, sortkey_num,
       trim(encoded) AS encoded, max_varchar, size, pct_used, unsorted, stats_off, tbl_rows,
       skew_rows, estimated_visible_rows, vacuum_sort_benefit
FROM svv_table_info
WHERE {schemas}
ORDER BY 1, 2
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
LOCAL_SCHEMAS = "SELECT DISTINCT trim(schema) AS schema FROM svv_table_info ORDER BY 1 LIMIT 1000"

# How a candidate DISTKEY column's values spread: one row per candidate, the grouping done
# on the cluster (a scan of one column); the candidates' branches are one UNION ALL.
COLUMN_VALUES = """
SELECT {number} AS candidate, sum(n) AS rows, count(v) AS distinct_values, max(n) AS top_rows,
       sum(CASE WHEN v IS NULL THEN n ELSE 0 END) AS null_rows
FROM (SELECT {column} AS v, count(*) AS n FROM {table} GROUP BY 1) AS g
"""

# Which candidates the reader may read: SELECT on the table, and the column exists.
READABLE_COLUMNS = """
SELECT k.candidate
FROM ({listed}) AS k
WHERE has_table_privilege(k.qualified, 'SELECT') AND {exists}
ORDER BY 1
"""


CLUSTER_SHAPE = "SELECT count(DISTINCT node) AS nodes, count(*) AS slices FROM stv_slices"
