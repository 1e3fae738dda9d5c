"""The SQL of the history step (the usage step's is in `sql_usage`): every history read is
an aggregate over the `%(since)s` window, ranked and cut to `%(limit)s` rows on the server.
The views without a time column (svl_query_summary, svl_query_metrics_summary) are cut to the
window by query id: ids grow with time, so the window's queries are those after `%(before)s`,
the last query that started before it (WINDOW_STL)."""

from __future__ import annotations

# The last query that started before the window (0: none), from the STL query log.
WINDOW_STL = """
SELECT query FROM stl_query WHERE starttime < %(since)s ORDER BY starttime DESC, query DESC LIMIT 1
"""

# Ranked and cut on the server: one row per query hash, ties by hash. The texts (up to 4,000
# characters a row) are read only for the rows of the top groups, not for the whole history,
# and trimmed once per distinct text (as stored) of a group rather than once per run.
QUERY_GROUPS_SYS = """
WITH top AS (
    SELECT coalesce(generic_query_hash, '') AS hash, count(*) AS runs,
           sum(elapsed_time) AS elapsed, sum(queue_time) AS queued,
           sum(execution_time) AS executed, sum(returned_rows) AS returned_rows,
           min(service_class_id) AS service_class, max(query_id) AS sample_query_id
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s
    GROUP BY 1
    ORDER BY sum(elapsed_time) DESC, 1
    LIMIT %(limit)s
), texts AS (
    SELECT hash, min(trim(query_text)) AS query_text, min(trim(query_type)) AS query_type
    FROM (SELECT coalesce(h.generic_query_hash, '') AS hash, h.query_text, h.query_type
          FROM sys_query_history h
          JOIN top t ON t.hash = coalesce(h.generic_query_hash, '')
          WHERE h.user_id > 1 AND h.start_time >= %(since)s
          GROUP BY 1, 2, 3) d
    GROUP BY 1
)
SELECT nullif(trim(t.hash), '') AS query_hash, x.query_text, x.query_type, t.runs,
       t.elapsed, t.queued, t.executed, t.returned_rows, t.service_class, t.sample_query_id
FROM top t
JOIN texts x ON x.hash = t.hash
ORDER BY t.elapsed DESC, t.hash
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

# The hourly aggregates of sys_query_history in one pass over the window: counted per hour,
# service class and the raw columns the kinds test (a few rows an hour, so that trim and CASE
# run on those rows, not on every query), then per hour, service class and database, and
# grouped three ways from those (GROUPING SETS): per service class and hour (queue time), per
# hour (compilations, DDL and CTAS; burst queries and their execution time on
# concurrency-scaling clusters, compute_type other than primary) and per database and hour;
# each kind ranked and cut on the server (`%(hours)s` rows, `%(databases)s` for the
# databases). Redshift has no FILTER clause: conditional counts are sums of CASE.
HOURS_SYS = """
WITH r AS (
    SELECT date_trunc('hour', start_time) AS hour, service_class_id AS service_class,
           database_name, query_type, compute_type, compile_time > 0 AS compiled,
           count(*) AS queries, sum(queue_time) AS queued, sum(elapsed_time) AS elapsed,
           sum(execution_time) AS executed
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s
    GROUP BY 1, 2, 3, 4, 5, 6
), q AS (
    SELECT hour, service_class, trim(database_name) AS database, sum(queries) AS queries,
           sum(queued) AS queued, sum(elapsed) AS elapsed,
           sum(CASE WHEN compiled THEN queries ELSE 0 END) AS compiled,
           sum(CASE WHEN trim(query_type) = 'DDL' THEN queries ELSE 0 END) AS ddl,
           sum(CASE WHEN trim(query_type) = 'CTAS' THEN queries ELSE 0 END) AS ctas,
           sum(CASE WHEN trim(compute_type) <> 'primary' THEN queries ELSE 0 END)
               AS burst_queries,
           sum(CASE WHEN trim(compute_type) <> 'primary' THEN executed ELSE 0 END) AS burst_us
    FROM r
    GROUP BY 1, 2, 3
), sets AS (
    SELECT CASE WHEN GROUPING(service_class) = 0 THEN 'queue'
                WHEN GROUPING(database) = 0 THEN 'database' ELSE 'hour' END AS kind,
           hour, service_class, database, sum(queries) AS queries, sum(queued) AS queued,
           sum(elapsed) AS elapsed, sum(compiled) AS compiled, sum(ddl) AS ddl,
           sum(ctas) AS ctas, sum(burst_queries) AS burst_queries, sum(burst_us) AS burst_us
    FROM q
    GROUP BY GROUPING SETS ((hour, service_class), (hour), (hour, database))
), ranked AS (
    SELECT kind, hour, service_class, database, queries, queued, elapsed, compiled, ddl, ctas,
           burst_queries, burst_us,
           row_number() OVER (PARTITION BY kind ORDER BY queued DESC, hour, service_class)
               AS queue_rank,
           row_number() OVER (PARTITION BY kind ORDER BY ddl DESC, compiled DESC, hour)
               AS churn_rank,
           row_number() OVER (
               PARTITION BY kind, CASE WHEN burst_queries > 0 THEN 1 ELSE 0 END
               ORDER BY burst_us DESC, hour
           ) AS burst_rank,
           row_number() OVER (PARTITION BY kind ORDER BY hour, database) AS database_rank
    FROM sets
    WHERE kind <> 'queue' OR service_class >= 5
)
SELECT * FROM ranked
WHERE (kind = 'queue' AND queue_rank <= %(hours)s)
   OR (kind = 'hour' AND (churn_rank <= %(hours)s
                          OR (burst_queries > 0 AND burst_rank <= %(hours)s)))
   OR (kind = 'database' AND database_rank <= %(databases)s)
ORDER BY kind, hour
"""

# Ghost rows (read, then dropped as deleted or uncommitted) and rows the user filter dropped,
# for the top tables: summed per table name as stored first (trimmed on the few rows that
# gives, not on every scan), then per trimmed name and ranked; the distinct queries are
# counted in a second pass over the scans of the top tables only (their names as stored).
SCANS = """
WITH raw AS (
    SELECT perm_table_name, sum(rows_pre_filter) AS rows_pre_filter,
           sum(rows_pre_user_filter) AS rows_pre_user_filter, sum(rows) AS rows,
           sum(rows_pre_filter - rows_pre_user_filter) AS dropped
    FROM stl_scan
    WHERE userid > 1 AND starttime >= %(since)s AND type = 2
      AND perm_table_name NOT LIKE 'Internal Worktable%%'
    GROUP BY perm_table_name
), top AS (
    SELECT trim(perm_table_name) AS table_name, sum(rows_pre_filter) AS rows_pre_filter,
           sum(rows_pre_user_filter) AS rows_pre_user_filter, sum(rows) AS rows,
           sum(dropped) AS dropped
    FROM raw
    GROUP BY 1
    ORDER BY sum(dropped) DESC, 1
    LIMIT %(limit)s
), queries AS (
    SELECT trim(perm_table_name) AS table_name, count(DISTINCT query) AS queries
    FROM stl_scan
    WHERE userid > 1 AND starttime >= %(since)s AND type = 2
      AND perm_table_name IN (SELECT perm_table_name FROM raw
                              WHERE trim(perm_table_name) IN (SELECT table_name FROM top))
    GROUP BY 1
)
SELECT t.table_name, q.queries, t.rows_pre_filter, t.rows_pre_user_filter, t.rows
FROM top t
JOIN queries q ON q.table_name = t.table_name
ORDER BY t.dropped DESC, t.table_name
"""

# Queries with steps that ran disk-based (hash, sort, aggregate spilled past their memory);
# is_diskbased is character(1), compared as it is in the scan of every step (no trim).
SPILLS = """
SELECT query, count(*) AS steps,
       sum(CASE WHEN trim(is_diskbased) = 't' THEN 1 ELSE 0 END) AS diskbased_steps,
       min(CASE WHEN trim(is_diskbased) = 't' THEN split_part(trim(label), ' ', 1) END)
           AS label,
       max(workmem) AS max_workmem, max(maxtime) AS max_time, 0 AS spilled_blocks
FROM svl_query_summary
WHERE userid > 1 AND query > %(before)s
  AND query IN (SELECT query FROM svl_query_summary
                WHERE userid > 1 AND query > %(before)s AND is_diskbased = 't')
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
ORDER BY count(*) DESC, 1, 4
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


# Slots in use per service class: +slots when a query starts executing, -slots when it ends,
# summed in time order; the hourly maximum of that running sum is the hour's peak. The events
# are ordered by their hour first (the same order, as the hour follows the time), so that the
# one sort the running sum needs also groups the hours.
WLM_PEAKS = """
SELECT service_class, hour, max(in_use) AS peak_slots,
       sum(CASE WHEN slots > 0 THEN 1 ELSE 0 END) AS queries
FROM (SELECT service_class, hour, slots,
             sum(slots) OVER (PARTITION BY service_class ORDER BY hour, event_at, slots
                              ROWS UNBOUNDED PRECEDING) AS in_use
      FROM (SELECT service_class, date_trunc('hour', event_at) AS hour, event_at, slots
            FROM ({events}) e) h) r
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

DATABASE_HOURS_STL = """
SELECT trim(database) AS database, date_trunc('hour', starttime) AS hour, count(*) AS queries
FROM stl_query
WHERE userid > 1 AND starttime >= %(since)s
GROUP BY 1, 2
ORDER BY 2, 1
LIMIT %(limit)s
"""

# Per query, the segment with the highest maxtime (the same for all its steps; the first such
# segment) and its steps; the rows of the query's last return step; the widest step (bytes per
# row) and the median width of the query's steps. Top queries by that segment's time, which is
# the query's highest step time: the segments are looked at only for the top queries. Those
# are the first queries met in the steps ranked by time, so the top `%(step_rows)s` steps are
# ranked (a bounded sort) instead of grouping every query of the window; should fewer queries
# than the limit own those steps, the slowest ones found are read.
SLOW_SEGMENTS = """
WITH top_rows AS (
    SELECT query, maxtime
    FROM svl_query_summary
    WHERE userid > 1 AND query > %(before)s
    ORDER BY maxtime DESC, query
    LIMIT %(step_rows)s
), slowest AS (
    SELECT query, max(maxtime) AS seg_time
    FROM top_rows
    GROUP BY query
    ORDER BY max(maxtime) DESC, query
    LIMIT %(limit)s
), top_queries AS (
    SELECT t.query, min(s.seg) AS seg, t.seg_time
    FROM slowest t
    JOIN svl_query_summary s ON s.query = t.query AND s.maxtime = t.seg_time
    GROUP BY t.query, t.seg_time
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
