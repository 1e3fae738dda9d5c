"""The SQL of the history, loads and usage steps: every history read is an aggregate over
the `%(since)s` window, ranked and cut to `%(limit)s` rows on the server. The views without a
time column (svl_query_summary, svl_query_metrics_summary) are cut to the window by query id:
ids grow with time, so the window's queries are those after `%(before)s`, the last query that
started before it (WINDOW_STL)."""

from __future__ import annotations

# The last query that started before the window (0: none), from the STL query log.
WINDOW_STL = """
SELECT query FROM stl_query WHERE starttime < %(since)s ORDER BY starttime DESC, query DESC LIMIT 1
"""

# Ranked and cut on the server: one row per query hash. The texts (up to 4,000 characters a
# row) are read only for the rows of the top groups, not for the whole history.
QUERY_GROUPS_SYS = """
WITH top AS (
    SELECT coalesce(generic_query_hash, '') AS hash, count(*) AS runs,
           sum(elapsed_time) AS elapsed, sum(queue_time) AS queued,
           sum(execution_time) AS executed, sum(returned_rows) AS returned_rows,
           min(service_class_id) AS service_class, max(query_id) AS sample_query_id
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s
    GROUP BY 1
    ORDER BY sum(elapsed_time) DESC
    LIMIT %(limit)s
), texts AS (
    SELECT coalesce(h.generic_query_hash, '') AS hash, min(trim(h.query_text)) AS query_text,
           min(trim(h.query_type)) AS query_type
    FROM sys_query_history h
    JOIN top t ON t.hash = coalesce(h.generic_query_hash, '')
    WHERE h.user_id > 1 AND h.start_time >= %(since)s
    GROUP BY 1
)
SELECT nullif(trim(t.hash), '') AS query_hash, x.query_text, x.query_type, t.runs,
       t.elapsed, t.queued, t.executed, t.returned_rows, t.service_class, t.sample_query_id
FROM top t
JOIN texts x ON x.hash = t.hash
ORDER BY t.elapsed DESC
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

# The hourly aggregates of sys_query_history in one pass over the window, grouped three ways
# (GROUPING SETS): per service class and hour (queue time), per hour (compilations, DDL and
# CTAS; burst queries and their execution time on concurrency-scaling clusters, compute_type
# other than primary) and per database and hour; each kind ranked and cut on the server
# (`%(hours)s` rows, `%(databases)s` for the databases). Redshift has no FILTER clause:
# conditional counts are sums of CASE.
HOURS_SYS = """
WITH q AS (
    SELECT date_trunc('hour', start_time) AS hour, service_class_id AS service_class,
           trim(database_name) AS database, queue_time, elapsed_time, execution_time,
           compile_time, trim(query_type) AS query_type, trim(compute_type) AS compute_type
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s
), sets AS (
    SELECT CASE WHEN GROUPING(service_class) = 0 THEN 'queue'
                WHEN GROUPING(database) = 0 THEN 'database' ELSE 'hour' END AS kind,
           hour, service_class, database, count(*) AS queries, sum(queue_time) AS queued,
           sum(elapsed_time) AS elapsed,
           sum(CASE WHEN compile_time > 0 THEN 1 ELSE 0 END) AS compiled,
           sum(CASE WHEN query_type = 'DDL' THEN 1 ELSE 0 END) AS ddl,
           sum(CASE WHEN query_type = 'CTAS' THEN 1 ELSE 0 END) AS ctas,
           sum(CASE WHEN compute_type <> 'primary' THEN 1 ELSE 0 END) AS burst_queries,
           sum(CASE WHEN compute_type <> 'primary' THEN execution_time ELSE 0 END) AS burst_us
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
# for the top tables; the distinct queries are counted for those tables only.
SCANS = """
WITH scans AS (
    SELECT trim(perm_table_name) AS table_name, query, rows_pre_filter, rows_pre_user_filter,
           rows
    FROM stl_scan
    WHERE userid > 1 AND starttime >= %(since)s AND type = 2
      AND perm_table_name NOT LIKE 'Internal Worktable%%'
), top AS (
    SELECT table_name, sum(rows_pre_filter) AS rows_pre_filter,
           sum(rows_pre_user_filter) AS rows_pre_user_filter, sum(rows) AS rows,
           sum(rows_pre_filter - rows_pre_user_filter) AS dropped
    FROM scans
    GROUP BY 1
    ORDER BY sum(rows_pre_filter - rows_pre_user_filter) DESC, 1
    LIMIT %(limit)s
), queries AS (
    SELECT table_name, count(DISTINCT query) AS queries
    FROM scans
    WHERE table_name IN (SELECT table_name FROM top)
    GROUP BY 1
)
SELECT t.table_name, q.queries, t.rows_pre_filter, t.rows_pre_user_filter, t.rows
FROM top t
JOIN queries q ON q.table_name = t.table_name
ORDER BY t.dropped DESC, t.table_name
"""

# Queries with steps that ran disk-based (hash, sort, aggregate spilled past their memory).
SPILLS = """
SELECT query, count(*) AS steps,
       sum(CASE WHEN trim(is_diskbased) = 't' THEN 1 ELSE 0 END) AS diskbased_steps,
       min(CASE WHEN trim(is_diskbased) = 't' THEN split_part(trim(label), ' ', 1) END)
           AS label,
       max(workmem) AS max_workmem, max(maxtime) AS max_time, 0 AS spilled_blocks
FROM svl_query_summary
WHERE userid > 1 AND query > %(before)s
  AND query IN (SELECT query FROM svl_query_summary
                WHERE userid > 1 AND query > %(before)s AND trim(is_diskbased) = 't')
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
      AND query IN (SELECT query FROM inserts)
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
# (amazon-redshift-utils wlm_qmr_rule_candidates.sql), exactly as percentile_cont computes
# them, in one pass: the rows are counted per service class and value of each metric
# (GROUPING SETS, one set per metric), and the percentiles are read off the running counts
# of those values, interpolated between the two values around the rank p * (n - 1) + 1.
# Sorting every metric's values (one percentile_cont per metric) costs far more.
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


def _percentiles() -> str:
    sets = ", ".join(f"(service_class, {m})" for m in QMR_METRICS)
    names = "\n".join(f"                WHEN GROUPING({m}) = 0 THEN '{m}'" for m in QMR_METRICS)
    values = "\n".join(
        f"                WHEN GROUPING({m}) = 0 THEN CAST({m} AS float8)" for m in QMR_METRICS
    )
    return f"""
WITH counts AS (
    SELECT service_class,
           CASE
{names}
           END AS metric,
           CASE
{values}
           END AS v,
           count(*) AS n
    FROM svl_query_metrics_summary
    WHERE userid > 1 AND service_class IS NOT NULL AND query > %(before)s
    GROUP BY GROUPING SETS ({sets})
), ranked AS (
    SELECT service_class, metric, v,
           sum(n) OVER (PARTITION BY service_class, metric ORDER BY v
                        ROWS UNBOUNDED PRECEDING) AS upto,
           sum(n) OVER (PARTITION BY service_class, metric) AS total
    FROM counts
    WHERE v IS NOT NULL
), bounds AS (
    SELECT service_class, metric, max(total) AS queries,
           min(CASE WHEN upto >= floor(1 + 0.5 * (total - 1)) THEN v END) AS p50_lo,
           min(CASE WHEN upto >= ceil(1 + 0.5 * (total - 1)) THEN v END) AS p50_hi,
           min(CASE WHEN upto >= floor(1 + 0.99 * (total - 1)) THEN v END) AS p99_lo,
           min(CASE WHEN upto >= ceil(1 + 0.99 * (total - 1)) THEN v END) AS p99_hi,
           max(0.5 * (total - 1)) AS p50_at, max(0.99 * (total - 1)) AS p99_at,
           max(v) AS pmax
    FROM ranked
    GROUP BY 1, 2
)
SELECT service_class, metric, queries,
       p50_lo + (p50_hi - p50_lo) * (p50_at - floor(p50_at)) AS p50,
       p99_lo + (p99_hi - p99_lo) * (p99_at - floor(p99_at)) AS p99, pmax
FROM bounds
ORDER BY 1, 2
"""


METRIC_PERCENTILES = _percentiles()

# Minutes with a user query running, per 24-hour window: each query covers the minutes it
# overlaps; overlapping spans are merged into islands (running maximum of the ends), and the
# islands are cut at the windows' edges. Only window functions: no minute table needed. The
# spans starting in the same minute are one span to the latest end (the same minutes covered),
# so the islands are found over at most one row per minute of the window.
BUSY_DAYS = """
WITH spans AS (
    SELECT date_trunc('minute', start_time) AS s,
           max(date_trunc('minute', end_time)) + interval '1 minute' AS e
    FROM sys_query_history
    WHERE user_id > 1 AND start_time >= %(since)s AND end_time IS NOT NULL
    GROUP BY 1
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
      FROM sys_query_detail
      WHERE trim(step_name) = 'insert' AND start_time >= %(since)s
      GROUP BY query_id) d
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

# Transactions holding the statements COPY runs for compression analysis: found first among
# the statements that are not queries or DML ({kinds}), so that the text of the whole history
# is not matched; then each such transaction's statements are summed.
_ANALYSIS = """
SELECT {xid} AS xid,
       min(CASE WHEN {analysis} THEN NULL
                WHEN lower(left(trim({text}), 5)) = 'copy ' THEN trim({text}) END) AS copy_text,
       sum(CASE WHEN {analysis} THEN 1 ELSE 0 END) AS statements,
       sum(CASE WHEN {analysis} THEN {elapsed} ELSE 0 END) AS analysis,
       sum({elapsed}) AS elapsed
FROM {view}
WHERE {user} > 1 AND {start} >= %(since)s
  AND {xid} IN (SELECT {xid} FROM {view}
                WHERE {user} > 1 AND {start} >= %(since)s AND {kinds} AND {analysis})
GROUP BY {xid}
HAVING sum(CASE WHEN {analysis} THEN 1 ELSE 0 END) > 0
ORDER BY 4 DESC, 1
LIMIT %(limit)s
"""


# The local schemas with tables, to tell the history of unread schemas from the rest.
def _analysis_query(
    view: str, xid: str, text: str, elapsed: str, user: str, start: str, kinds: str
) -> str:
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
        .replace("{kinds}", kinds)
    )


# Not the kinds of user queries and DML, which are most of a history.
_NOT_QUERIES = (
    "trim(query_type) NOT IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CTAS', 'UNLOAD', 'DDL')"
)

ANALYSES_SYS = _analysis_query(
    "sys_query_history",
    "transaction_id",
    "query_text",
    "elapsed_time",
    "user_id",
    "start_time",
    _NOT_QUERIES,
)
ANALYSES_STL = _analysis_query(
    "stl_query",
    "xid",
    "querytxt",
    "datediff(microsecond, starttime, endtime)",
    "userid",
    "starttime",
    "TRUE",
)
