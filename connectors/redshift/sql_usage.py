"""The SQL of the usage step: the tables INSERT ... SELECT writes and reads, the query
monitoring metrics' percentiles, busy days, datashare consumers, inserts, loads and the
analyses COPY and ANALYZE run. Like the history's (`sql_history`), every read is an aggregate
over the `%(since)s` window, ranked and cut on the server."""

from __future__ import annotations

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
