-- Redshift system views emulated on PostgreSQL, for the Redshift connector's tests and demo.
--
-- Schema redshift_emul holds the views and tables with Redshift's names, columns and types
-- (rulebook section 3). The role rs_reader has redshift_emul first on its search_path, so the
-- connector's unqualified `svv_table_info` resolves here exactly as on a cluster.
-- svv_table_info, svv_redshift_columns and stv_blocklist are plain tables, as a cluster's
-- leader answers them from its catalog without recomputing anything: the loader fills each
-- from its `*_source` view once the demo tables are loaded (rs_emulation.catalog.refresh).
-- svv_table_info_source is over pg_class and pg_stat_user_tables (real row counts, sizes,
-- modification and dead-row counters) joined with the keys declared in each table's Redshift
-- DDL; what PostgreSQL has no notion of (slices, sorted regions) comes from the scenario
-- table redshift_emul.slice_layout. History views are tables filled from scenario files,
-- indexed on what a cluster's zone maps make cheap to find (start times, query ids).
-- Run by services/redshift_emulation.py, which drops and recreates everything.

DROP SCHEMA IF EXISTS redshift_emul CASCADE;
DROP SCHEMA IF EXISTS rs_demo CASCADE;
CREATE SCHEMA redshift_emul;
CREATE SCHEMA rs_demo;

-- What the DDL declared (filled by the loader from examples/redshift/scenarios/tables.json).
CREATE TABLE redshift_emul.declared_keys (
    schema text, "table" text, diststyle text, sortkey1 text, sortkey_num integer,
    sortkey1_enc character(32), encoded text, max_varchar integer
);

-- Per-slice facts PostgreSQL cannot have: planted by the scenario.
CREATE TABLE redshift_emul.slice_layout (
    schema text, "table" text, skew_rows numeric(19,2), skew_sortkey1 numeric(19,2),
    unsorted numeric(5,2), vacuum_sort_benefit numeric(12,2)
);

CREATE VIEW redshift_emul.svv_table_info_source AS
SELECT current_database()::text AS database,
       n.nspname::text AS schema,
       c.oid AS table_id,
       c.relname::text AS "table",
       coalesce(k.encoded, 'N') AS encoded,
       coalesce(k.diststyle, 'AUTO(EVEN)') AS diststyle,
       coalesce(k.sortkey1, '') AS sortkey1,
       coalesce(k.max_varchar, 0) AS max_varchar,
       coalesce(k.sortkey1_enc, 'none')::character(32) AS sortkey1_enc,
       coalesce(k.sortkey_num, 0) AS sortkey_num,
       greatest(1, ceil(pg_relation_size(c.oid) / 1048576.0))::bigint AS size,
       0::numeric(10,4) AS pct_used,
       0::bigint AS empty,
       coalesce(l.unsorted, 0)::numeric(5,2) AS unsorted,
       CASE WHEN coalesce(s.last_analyze, s.last_autoanalyze) IS NULL THEN NULL
            ELSE least(100, round(100.0 * s.n_mod_since_analyze / greatest(s.n_live_tup, 1), 2))
       END::numeric(5,2) AS stats_off,
       (s.n_live_tup + s.n_dead_tup)::numeric(38,0) AS tbl_rows,
       coalesce(l.skew_sortkey1, 1)::numeric(19,2) AS skew_sortkey1,
       coalesce(l.skew_rows, 1)::numeric(19,2) AS skew_rows,
       s.n_live_tup::numeric(38,0) AS estimated_visible_rows,
       NULL::text AS risk_event,
       coalesce(l.vacuum_sort_benefit, 0)::numeric(12,2) AS vacuum_sort_benefit,
       NULL::timestamp without time zone AS create_time
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_stat_user_tables s ON s.relid = c.oid
JOIN redshift_emul.declared_keys k ON k.schema = n.nspname AND k."table" = c.relname
LEFT JOIN redshift_emul.slice_layout l ON l.schema = n.nspname AND l."table" = c.relname
WHERE c.relkind = 'r' AND s.n_live_tup + s.n_dead_tup > 0;  -- empty tables are not listed

CREATE TABLE redshift_emul.stl_alert_event_log (
    userid integer, query integer, slice integer, segment integer, step integer, pid integer,
    xid bigint, event character(1024), solution character(1024), event_time timestamp
);

CREATE TABLE redshift_emul.stl_scan (
    userid integer, query integer, slice integer, segment integer, step integer,
    starttime timestamp, endtime timestamp, tasknum integer, rows bigint, bytes bigint,
    fetches bigint, type integer, tbl integer, is_rrscan character(1),
    is_delayed_scan character(1), rows_pre_filter bigint, rows_pre_user_filter bigint,
    perm_table_name character(136), is_rlf_scan character(1), is_rlf_scan_reason integer
);

CREATE TABLE redshift_emul.sys_query_history (
    user_id integer, query_id bigint, query_label character(320), transaction_id bigint,
    session_id integer, database_name character(128), query_type character(32),
    status character(10), result_cache_hit boolean, start_time timestamp, end_time timestamp,
    elapsed_time bigint, queue_time bigint, execution_time bigint, error_message character(512),
    returned_rows bigint, returned_bytes bigint, query_text character(4000),
    redshift_version character(256), usage_limit character(150), compute_type varchar(32),
    compile_time bigint, planning_time bigint, lock_wait_time bigint, service_class_id integer,
    service_class_name character(64), query_priority character(20),
    short_query_accelerated character(10), user_query_hash character(40),
    generic_query_hash character(40), query_hash_version integer,
    result_cache_query_id integer, username character(128)
);

CREATE TABLE redshift_emul.stl_explain (
    userid integer, query integer, nodeid integer, parentid integer, plannode character(400),
    info character(400)
);

CREATE TABLE redshift_emul.sys_query_explain (
    user_id integer, query_id bigint, child_query_sequence integer, plan_node_id integer,
    plan_parent_id integer, plan_node character(400), node_info character(400)
);

CREATE TABLE redshift_emul.svl_s3query_summary (
    userid integer, query integer, xid bigint, pid integer, segment integer, step integer,
    starttime timestamp, endtime timestamp, elapsed integer, aborted integer,
    external_table_name character(136), file_format character(16), is_partitioned character(1),
    is_rrscan character(1), is_nested character(1), s3_scanned_rows bigint,
    s3_scanned_bytes bigint, s3query_returned_rows bigint, s3query_returned_bytes bigint,
    files integer, files_max integer, files_avg integer, splits integer, splits_max integer,
    splits_avg bigint, total_split_size bigint, max_split_size bigint, avg_split_size bigint,
    total_retries bigint, max_retries integer, max_request_duration integer,
    avg_request_duration bigint, max_request_parallelism integer,
    avg_request_parallelism double precision
);

CREATE TABLE redshift_emul.svl_s3partition (
    query integer, segment integer, node integer, slice integer, starttime timestamp,
    endtime timestamp, duration bigint, total_partitions integer, qualified_partitions integer,
    assigned_partitions integer, assignment character(1)
);

CREATE TABLE redshift_emul.svl_federated_query (
    userid integer, xid bigint, pid integer, query integer, sourcetype character(32),
    recordtime timestamp, querytext character(4000), num_rows bigint, num_bytes bigint,
    duration bigint
);

CREATE TABLE redshift_emul.stv_mv_info (
    db_name character(128), schema character(128), name character(128),
    updated_upto_xid bigint, is_stale character(1), owner_user_name character(128),
    state integer, autorewrite character(1), autorefresh character(1)
);

-- The Serverless-safe view of the same materialized views (rulebook section 3).
CREATE VIEW redshift_emul.svv_mv_info AS
SELECT db_name AS database_name, schema AS schema_name, owner_user_name AS user_name, name,
       is_stale, state, autorewrite, autorefresh
FROM redshift_emul.stv_mv_info;

CREATE TABLE redshift_emul.svv_alter_table_recommendations (
    type character(30), database character(128), table_id integer, group_id integer,
    ddl character(1024), auto_eligible character(1)
);

CREATE TABLE redshift_emul.svv_external_tables (
    redshift_database_name text, schemaname text, tablename text, tabletype text, location text,
    input_format text, output_format text, serialization_lib text, serde_parameters text,
    compressed integer, parameters text
);

CREATE TABLE redshift_emul.stv_wlm_service_class_config (
    service_class integer, queueing_strategy character(32), num_query_tasks integer,
    target_num_query_tasks integer, evictable character(8), eviction_threshold bigint,
    query_working_mem integer, target_query_working_mem integer, min_step_mem integer,
    name character(64), max_execution_time bigint, user_group_wild_card boolean,
    query_group_wild_card boolean, concurrency_scaling character(20),
    query_priority character(20)
);

CREATE TABLE redshift_emul.svl_query_summary (
    userid integer, query integer, stm integer, seg integer, step integer, maxtime bigint,
    avgtime bigint, rows bigint, bytes bigint, rate_row double precision,
    rate_byte double precision, label text, is_diskbased character(1), workmem bigint,
    is_rrscan character(1), is_delayed_scan character(1), rows_pre_filter bigint
);

CREATE TABLE redshift_emul.stv_wlm_qmr_config (
    service_class integer, action character(256), rule_name character(256),
    metric_name character(256), metric_operator character(256), metric_value double precision,
    action_value character(256)
);

CREATE TABLE redshift_emul.svv_external_columns (
    redshift_database_name text, schemaname text, tablename text, columnname text,
    external_type text, columnnum integer, part_key integer, is_nullable text
);

-- Each demo table column's place in the keys its DDL declared (filled by the loader; an
-- interleaved key alternates signs as on Redshift).
CREATE TABLE redshift_emul.declared_columns (
    schema text, "table" text, "column" text, encoding text, distkey boolean, sortkey integer
);

-- The demo tables' real columns (pg_attribute) with the declared keys and encodings.
CREATE VIEW redshift_emul.svv_redshift_columns_source AS
SELECT current_database()::varchar(128) AS database_name,
       n.nspname::varchar(128) AS schema_name,
       c.relname::varchar(128) AS table_name,
       a.attname::varchar(128) AS column_name,
       a.attnum::integer AS ordinal_position,
       format_type(a.atttypid, a.atttypmod)::varchar(32) AS data_type,
       NULL::varchar(4000) AS column_default,
       (CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END)::varchar(3) AS is_nullable,
       coalesce(d.encoding, 'none')::varchar(128) AS encoding,
       coalesce(d.distkey, false) AS distkey,
       coalesce(d.sortkey, 0) AS sortkey,
       NULL::varchar(128) AS column_acl,
       NULL::varchar(256) AS remarks
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN redshift_emul.declared_keys k ON k.schema = n.nspname AND k."table" = c.relname
LEFT JOIN redshift_emul.declared_columns d
  ON d.schema = n.nspname AND d."table" = c.relname AND d."column" = a.attname
WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;

-- Automatic table optimisation logs (planted: PostgreSQL has no ATO).
CREATE TABLE redshift_emul.sys_auto_table_optimization (
    transaction_id bigint, session_id integer, table_id integer,
    alter_table_type character(32), status character(128), event_time timestamp,
    alter_from character(200), alter_to character(200)
);

CREATE TABLE redshift_emul.svl_auto_worker_action (
    table_id integer, type character(32), status character(128), eventtime timestamp,
    sequence integer, previous_state character(200)
);

CREATE TABLE redshift_emul.stl_wlm_query (
    userid integer, xid integer, task integer, query integer, service_class integer,
    slot_count integer, service_class_start_time timestamp, queue_start_time timestamp,
    queue_end_time timestamp, total_queue_time bigint, exec_start_time timestamp,
    exec_end_time timestamp, total_exec_time bigint, service_class_end_time timestamp,
    final_state character(16), est_peak_mem bigint, query_priority character(20),
    service_class_name character(64)
);

-- Python UDFs: PostgreSQL here has no plpythonu, and its real catalogs are left alone. The
-- role rs_reader's search_path is `redshift_emul, pg_catalog, public`: naming pg_catalog after
-- redshift_emul makes the unqualified pg_proc and pg_language below win over the real ones
-- (pg_catalog is searched first only when search_path leaves it out). Both views are the real
-- catalog's rows, in Redshift's column layout, plus the planted functions and their language.
CREATE TABLE redshift_emul.planted_functions (
    id serial, schema name, proname name, pronargs smallint, proargtypes oidvector,
    prorettype oid, provolatile "char", prosrc text
);

CREATE VIEW redshift_emul.pg_language AS
SELECT oid, lanname, lanispl, lanpltrusted, lanplcallfoid, lanvalidator, lanacl
FROM pg_catalog.pg_language
UNION ALL
SELECT 4294967001::oid, 'plpythonu'::name, true, false, 0::oid, 0::oid, NULL::aclitem[];

CREATE VIEW redshift_emul.pg_proc AS
SELECT p.oid, p.proname, p.pronamespace, p.proowner, p.prolang, p.prokind = 'a' AS proisagg,
       p.prosecdef, p.proisstrict, p.proretset, p.provolatile, p.pronargs, p.prorettype,
       p.proargtypes, p.proallargtypes, p.proargmodes, p.proargnames, p.prosrc, p.probin,
       p.proacl
FROM pg_catalog.pg_proc p
UNION ALL
SELECT (4294966000 + f.id)::oid, f.proname, n.oid, 10::oid, 4294967001::oid, false, false,
       false, false, f.provolatile, f.pronargs, f.prorettype, f.proargtypes, NULL::oid[],
       NULL::"char"[], NULL::text[], f.prosrc, NULL::text, NULL::aclitem[]
FROM redshift_emul.planted_functions f
JOIN pg_catalog.pg_namespace n ON n.nspname = f.schema;

-- Loads: statement text per transaction, INSERT steps, COPY history, S3 transfers, slices.
CREATE TABLE redshift_emul.stl_query (
    userid integer, query integer, label character(320), xid bigint, pid integer,
    database character(32), querytxt character(4000), starttime timestamp, endtime timestamp,
    aborted integer, insert_pristine integer, concurrency_scaling_status integer
);

CREATE TABLE redshift_emul.sys_query_detail (
    user_id integer, query_id bigint, child_query_sequence integer, stream_id integer,
    segment_id integer, step_id integer, step_name text, table_id integer,
    table_name character(136), is_rrscan character, start_time timestamp, end_time timestamp,
    duration bigint, alert text, input_bytes bigint, input_rows bigint, output_bytes bigint,
    output_rows bigint, blocks_read bigint, blocks_write bigint, local_read_io bigint,
    remote_read_io bigint, source text, data_skewness integer, time_skewness integer,
    is_active character, spilled_block_local_disk bigint, spilled_block_remote_disk bigint,
    step_attribute character(64), metrics_level character(64), plan_parent_id integer,
    plan_node_id integer
);

CREATE TABLE redshift_emul.stl_insert (
    userid integer, query integer, slice integer, segment integer, step integer,
    starttime timestamp, endtime timestamp, tasknum integer, rows bigint, tbl integer,
    inserted_mega_value character(1)
);

CREATE TABLE redshift_emul.svl_query_metrics_summary (
    userid integer, query integer, service_class integer, query_cpu_time bigint,
    query_blocks_read bigint, query_execution_time bigint,
    query_cpu_usage_percent numeric(38,2), query_temp_blocks_to_disk bigint,
    segment_execution_time bigint, cpu_skew numeric(38,2), io_skew numeric(38,2),
    scan_row_count bigint, join_row_count bigint, nested_loop_join_row_count bigint,
    return_row_count bigint, spectrum_scan_row_count bigint, spectrum_scan_size_mb bigint,
    query_queue_time bigint
);

CREATE TABLE redshift_emul.sys_datashare_usage_consumer (
    user_id integer, session_id integer, transaction_id bigint, request_id varchar(50),
    request_type varchar(25), transaction_uid varchar(50), record_time timestamp,
    status integer, error_message varchar(512)
);

CREATE TABLE redshift_emul.sys_load_history (
    user_id integer, query_id bigint, transaction_id bigint, session_id integer,
    database_name text, status text, table_name text, start_time timestamp,
    end_time timestamp, duration bigint, data_source text, file_format text,
    loaded_rows bigint, loaded_bytes bigint, source_file_count integer,
    source_file_bytes bigint, file_count_scanned integer, file_bytes_scanned bigint,
    error_count bigint, copy_job_id bigint
);

CREATE TABLE redshift_emul.sys_load_detail (
    user_id integer, query_id integer, file_name character(256), bytes_scanned integer,
    lines_scanned integer, record_time timestamp, splits_scanned integer,
    start_time timestamp, end_time timestamp
);

CREATE TABLE redshift_emul.stl_s3client (
    userid integer, query integer, slice integer, recordtime timestamp, pid integer,
    http_method character(64), bucket character(64), key character(256),
    transfer_size bigint, data_size bigint, start_time bigint, end_time bigint,
    transfer_time bigint, compression_time bigint, connect_time bigint,
    app_connect_time bigint, retries bigint, request_id character(32),
    extended_request_id character(128), ip_address character(64), is_partial integer,
    start_offset bigint
);

CREATE TABLE redshift_emul.stv_slices (
    node integer, slice integer, localslice integer, type character(1)
);

-- The TPC-H-shaped demo of the key recommender (tpch_tables in tables.json): its own schema,
-- read only when asked for (`--schema tpch`).
DROP SCHEMA IF EXISTS tpch CASCADE;
CREATE SCHEMA tpch;

-- Tables Redshift tunes itself (ato_tables in tables.json): AUTO distribution, an AUTO sort key
-- shown as a multidimensional data layout, and manual twins; read only when asked for
-- (`--schema ato`).
DROP SCHEMA IF EXISTS ato CASCADE;
CREATE SCHEMA ato;

-- Planted block layouts: per slice, how many 1 MB blocks each column of the table has and
-- how many values each block holds. Tables without a layout get the one a freshly loaded
-- table has: its real rows spread over every slice, one block per column per slice (ALL
-- tables: one copy on the first slice of each node).
CREATE TABLE redshift_emul.block_layout (
    schema text, "table" text, slice integer, blocks integer, num_values integer
);

-- 0..last, estimated at a few rows (generate_series is estimated at 1,000 rows a call, which
-- makes the planner JIT-compile every read of stv_blocklist).
CREATE FUNCTION redshift_emul.upto(last integer) RETURNS SETOF integer
LANGUAGE plpgsql IMMUTABLE ROWS 8 AS $$
BEGIN
    RETURN QUERY SELECT generate_series(0, last);
END $$;

CREATE VIEW redshift_emul.stv_blocklist_source AS
WITH tables AS (
    SELECT c.oid, n.nspname AS schema, c.relname AS "table", k.diststyle,
           (s.n_live_tup + s.n_dead_tup) AS row_count,
           (SELECT count(*) FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_stat_user_tables s ON s.relid = c.oid
    JOIN redshift_emul.declared_keys k ON k.schema = n.nspname AND k."table" = c.relname
    WHERE c.relkind = 'r' AND s.n_live_tup + s.n_dead_tup > 0
), layout AS (
    SELECT t.oid, t.columns, l.slice, l.blocks, l.num_values
    FROM tables t
    JOIN redshift_emul.block_layout l ON l.schema = t.schema AND l."table" = t."table"
    UNION ALL
    SELECT t.oid, t.columns, sl.slice, 1,
           (CASE WHEN t.diststyle LIKE '%ALL%' THEN t.row_count
                 ELSE ceil(t.row_count::numeric / (SELECT count(*) FROM redshift_emul.stv_slices))
            END)::integer
    FROM tables t
    JOIN redshift_emul.stv_slices sl
      ON sl.localslice = 0 OR t.diststyle NOT LIKE '%ALL%'
    WHERE NOT EXISTS (SELECT 1 FROM redshift_emul.block_layout l
                      WHERE l.schema = t.schema AND l."table" = t."table")
)
SELECT l.slice, col.n AS col, l.oid::integer AS tbl, b.n AS blocknum, l.num_values,
       0 AS extended_limits, 0::bigint AS minvalue, 0::bigint AS maxvalue, 0 AS sb_pos,
       0 AS pinned, 1 AS on_disk, 0 AS modified, 0 AS hdr_modified, 0 AS unsorted,
       0 AS tombstone, 0 AS preferred_diskno, 0 AS temporary, 0 AS newblock,
       0 AS num_readers, 0 AS flags
FROM layout l
CROSS JOIN LATERAL redshift_emul.upto(l.columns::integer + 2) AS col(n)  -- + 3 hidden columns
CROSS JOIN LATERAL redshift_emul.upto(l.blocks - 1) AS b(n);

CREATE TABLE redshift_emul.svv_interleaved_columns (
    tbl integer, col integer, interleaved_skew numeric(19,2), last_reindex timestamp
);

CREATE TABLE redshift_emul.svv_vacuum_summary (
    table_name text, xid bigint, sort_partitions bigint, merge_increments bigint,
    elapsed_time bigint, row_delta bigint, sortedrow_delta bigint, block_delta integer,
    max_merge_partitions integer
);

CREATE TABLE redshift_emul.stv_partitions (
    owner integer, host integer, diskno integer, part_begin bigint, part_end bigint,
    used integer, tossed integer, capacity integer, reads bigint, writes bigint,
    seek_forward integer, seek_back integer, is_san integer, failed integer, mbps integer,
    mount character(256)
);

-- The catalog relations a cluster answers from its leader's catalog: plain tables with the
-- columns and types of their `*_source` views, filled by the loader.
CREATE TABLE redshift_emul.svv_table_info
    AS SELECT * FROM redshift_emul.svv_table_info_source WITH NO DATA;
CREATE UNIQUE INDEX ON redshift_emul.svv_table_info (table_id);
CREATE INDEX ON redshift_emul.svv_table_info (schema, "table");
CREATE TABLE redshift_emul.svv_redshift_columns
    AS SELECT * FROM redshift_emul.svv_redshift_columns_source WITH NO DATA;
CREATE INDEX ON redshift_emul.svv_redshift_columns (schema_name, table_name);
CREATE TABLE redshift_emul.stv_blocklist
    AS SELECT * FROM redshift_emul.stv_blocklist_source WITH NO DATA;
CREATE INDEX ON redshift_emul.stv_blocklist (tbl, slice, col);

-- What a cluster finds fast by its zone maps: history by start time and query id.
CREATE INDEX ON redshift_emul.sys_query_history (start_time);
CREATE INDEX ON redshift_emul.sys_query_history (query_id);
CREATE INDEX ON redshift_emul.stl_query (starttime, query);
CREATE INDEX ON redshift_emul.stl_query (query);
CREATE INDEX ON redshift_emul.stl_scan (query);
CREATE INDEX ON redshift_emul.svl_query_summary (query);
CREATE INDEX ON redshift_emul.svl_query_metrics_summary (query);
CREATE INDEX ON redshift_emul.stl_wlm_query (exec_start_time);
CREATE INDEX ON redshift_emul.sys_query_detail (query_id);

-- Zone maps: a cluster skips the blocks whose time range lies outside a history window. BRIN
-- indexes are PostgreSQL's equivalent (the minimum and maximum of each range of blocks), on
-- the time column each history table is cut to the window by; the tables are written in time
-- order, as a cluster's logs are.
CREATE INDEX ON redshift_emul.stl_scan USING brin (starttime);
CREATE INDEX ON redshift_emul.stl_alert_event_log USING brin (event_time);
CREATE INDEX ON redshift_emul.sys_query_detail USING brin (start_time);
CREATE INDEX ON redshift_emul.stl_insert USING brin (starttime);
CREATE INDEX ON redshift_emul.svl_s3query_summary USING brin (starttime);
CREATE INDEX ON redshift_emul.svl_federated_query USING brin (recordtime);
CREATE INDEX ON redshift_emul.sys_load_history USING brin (start_time);
CREATE INDEX ON redshift_emul.sys_load_detail USING brin (start_time);
CREATE INDEX ON redshift_emul.stl_s3client USING brin (recordtime);
CREATE INDEX ON redshift_emul.sys_datashare_usage_consumer USING brin (record_time);
