"""The SQL of the history, loads and usage steps: every history read is an aggregate over
the `%(since)s` window, ranked and cut to `%(limit)s` rows on the server."""

from __future__ import annotations

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
