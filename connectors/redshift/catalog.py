"""Steps of the read over the catalog: tables, cluster shape, objects, key columns, storage,
automatic optimisation, Python UDFs and the value spread of join columns."""

from __future__ import annotations

from dataclasses import replace

import psycopg
from psycopg import errors, sql

from advisor.model_redshift import (
    RsColumnValues,
    RsDiskSpace,
    RsSnapshot,
    RsTableStats,
)
from advisor.sql.joins import query_shape
from connectors.redshift import mapping as to
from connectors.redshift.session import Row, Session, qualified
from connectors.redshift.sql_catalog import (
    AUTO_ACTIONS_SVL,
    AUTO_ACTIONS_SYS,
    BLOCKS,
    CLUSTER_SHAPE,
    COLUMN_VALUES,
    DISK,
    ENCODINGS,
    EXTERNAL_TABLES,
    FRAGMENTATION,
    INTERLEAVED,
    KEY_COLUMNS,
    LARGEST_TABLE,
    MV_STV,
    MV_SVV,
    PARTITION_COLUMNS,
    QMR_RULES,
    RAW_COLUMNS,
    READABLE_COLUMNS,
    RECOMMENDATIONS,
    TABLE_INFO,
    UNENCODED,
    VACUUMS,
    WLM_QUEUES,
)


def read_tables(s: Session, conn: psycopg.Connection[Row]) -> None:
    if not s.has("svv_table_info"):
        s.note("svv_table_info is not readable (it needs superuser or sys:monitor)")
        return
    s.progress("svv_table_info")
    rows = s.fetch(conn, sql.SQL(TABLE_INFO).format(schemas=s.schemas("schema")))
    s.update(tables=tuple(to.table_stats(r) for r in rows))


def read_shape(s: Session, conn: psycopg.Connection[Row]) -> None:
    """Nodes and slices (stv_slices): COPY file counts and skew estimates are judged by them."""
    if s.has("stv_slices"):
        shape = s.fetch(conn, CLUSTER_SHAPE)
        if shape and to.as_int(shape[0]["slices"]) > 0:
            s.update(nodes=to.as_int(shape[0]["nodes"]), slices=to.as_int(shape[0]["slices"]))
    else:
        s.note(
            "stv_slices missing: COPY file counts not compared with the slice count, and"
            " skew estimates assume a small cluster's slice count"
        )


def read_objects(s: Session, conn: psycopg.Connection[Row]) -> None:
    view = next((v for v in ("stv_mv_info", "svv_mv_info") if s.has(v)), None)
    if view is not None:
        s.progress(view)
        rows = s.fetch(conn, MV_STV if view == "stv_mv_info" else MV_SVV)
        s.update(materialized_views=tuple(to.materialized_view(r) for r in rows))
    else:
        s.note("no materialized view information (stv_mv_info, svv_mv_info)")
    if s.has("svv_alter_table_recommendations"):
        s.progress("recommendations")
        table, join = sql.SQL("NULL::text"), sql.SQL("")
        if s.has("svv_table_info"):
            table = sql.SQL(qualified("t"))
            join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = r.table_id")
        rows = s.fetch(conn, sql.SQL(RECOMMENDATIONS).format(table=table, join=join))
        s.update(recommendations=tuple(to.recommendation(r) for r in rows))
    if s.has("svv_external_tables"):
        s.progress("external tables")
        rows = s.fetch(conn, EXTERNAL_TABLES)
        s.update(external_tables=tuple(to.external_table(r) for r in rows))
    if s.has("stv_wlm_service_class_config"):
        s.progress("wlm")
        rows = s.fetch(conn, WLM_QUEUES)
        s.update(wlm_queues=tuple(to.wlm_queue(r) for r in rows))
    else:
        s.note("stv_wlm_service_class_config missing (Serverless): no WLM queues read")
    if s.has("stv_wlm_qmr_config"):
        rows = s.fetch(conn, QMR_RULES)
        s.update(qmr_rules=tuple(to.qmr_rule(r) for r in rows))
    else:
        s.note("stv_wlm_qmr_config missing (Serverless): no query monitoring rules read")


def read_columns(s: Session, conn: psycopg.Connection[Row]) -> None:
    if s.has("svv_external_columns"):
        s.progress("external columns")
        rows = s.fetch(conn, PARTITION_COLUMNS)
        s.update(partition_columns=tuple(to.partition_column(r) for r in rows))
    else:
        s.note("svv_external_columns missing: partition columns of external tables unknown")
    if s.has("svv_redshift_columns"):
        s.progress("key columns")
        query = sql.SQL(KEY_COLUMNS).format(schemas=s.schemas("schema_name"))
        rows = s.fetch(conn, query)
        s.update(key_columns=tuple(to.key_column(r) for r in rows))
    else:
        s.note("svv_redshift_columns missing: only the first sort-key column is known")


def read_storage(s: Session, conn: psycopg.Connection[Row]) -> None:
    """Blocks, encodings, interleaved skew, vacuum runs and disk space (provisioned only)."""
    if not s.has("svv_table_info"):
        return
    schemas = s.schemas("t.schema")
    if s.has("stv_blocklist"):
        s.progress("stv_blocklist")
        blocks = {
            int(r["table_id"]): to.table_blocks(r)
            for r in s.fetch(conn, sql.SQL(BLOCKS).format(schemas=schemas))
        }
        for r in s.fetch(conn, sql.SQL(FRAGMENTATION).format(schemas=schemas)):
            table_id = int(r["table_id"])
            if table_id in blocks:
                gain = to.as_int(r["est_space_gain"])
                blocks[table_id] = replace(blocks[table_id], est_space_gain=gain)
        s.update(blocks=tuple(blocks[k] for k in sorted(blocks)))
    else:
        s.note("stv_blocklist missing (Serverless): no block layout per slice read")
    if s.has("svv_redshift_columns"):
        s.progress("column encodings")
        unencoded = sql.SQL(UNENCODED)
        raw: dict[int, list[str]] = {}
        query = sql.SQL(RAW_COLUMNS).format(unencoded=unencoded, schemas=schemas)
        for r in s.fetch(conn, query):
            raw.setdefault(int(r["table_id"]), []).append(r["column_name"])
        query = sql.SQL(ENCODINGS).format(unencoded=unencoded, schemas=schemas)
        encodings = [
            to.column_encoding(r, raw.get(int(r["table_id"]), [])) for r in s.fetch(conn, query)
        ]
        s.update(encodings=tuple(sorted(encodings, key=lambda e: e.table_id)))
    else:
        s.note("svv_redshift_columns missing: no column encodings read")
    if s.has("svv_interleaved_columns"):
        rows = s.fetch(conn, sql.SQL(INTERLEAVED).format(schemas=schemas))
        skews = sorted((to.interleaved_skew(r) for r in rows), key=lambda i: i.table_id)
        s.update(interleaved=tuple(skews))
    else:
        s.note("svv_interleaved_columns missing: interleaved sort-key skew not read")
    if s.has("svv_vacuum_summary"):
        s.progress("vacuum runs")
        s.update(vacuums=tuple(to.vacuum_summary(r) for r in s.fetch(conn, VACUUMS)))
    else:
        s.note("svv_vacuum_summary missing (Serverless): no VACUUM runs read")
    if s.has("stv_partitions"):
        s.progress("disk space")
        nodes = tuple(to.disk_node(r) for r in s.fetch(conn, DISK))
        largest = s.fetch(conn, LARGEST_TABLE)
        s.update(
            disk=RsDiskSpace(
                nodes=nodes,
                largest_table=largest[0]["name"] if largest else "",
                largest_table_mb=to.as_int(largest[0]["size"]) if largest else 0,
            )
        )
    else:
        s.note("stv_partitions missing (Serverless): disk space not read")


def read_auto_actions(s: Session, conn: psycopg.Connection[Row]) -> None:
    view = next(
        (v for v in ("sys_auto_table_optimization", "svl_auto_worker_action") if s.has(v)),
        None,
    )
    if view is None:
        s.note(
            "no automatic table optimisation log (sys_auto_table_optimization, "
            "svl_auto_worker_action) is readable"
        )
        return
    s.progress(view)
    table, join = sql.SQL("NULL::text"), sql.SQL("")
    schemas: sql.Composable = sql.SQL("TRUE")
    if s.has("svv_table_info"):
        table = sql.SQL(qualified("t"))
        join = sql.SQL("LEFT JOIN svv_table_info t ON t.table_id = a.table_id")
        schemas = s.schemas("t.schema")
    text = AUTO_ACTIONS_SYS if view == "sys_auto_table_optimization" else AUTO_ACTIONS_SVL
    query = sql.SQL(text).format(table=table, join=join, schemas=schemas)
    s.update(auto_actions=tuple(to.auto_action(r) for r in s.fetch(conn, query)))


def read_column_values(s: Session, conn: psycopg.Connection[Row]) -> None:
    """The value spread of the columns the workload joins on (skew estimate), set-based: one
    statement finds the candidates the reader may select from, one measures them all."""
    workload = s.snapshot.workload
    if workload is None or not s.snapshot.tables:
        return
    candidates = join_columns(s.snapshot)[: max(s.source.value_columns, 0)]
    if not candidates:
        return
    s.progress("column values")
    readable = readable_columns(s, conn, candidates)
    denied = [f"{t.qualified_name}.{c}" for n, (t, c) in enumerate(candidates) if n not in readable]
    measured: list[RsColumnValues] = []
    if readable:
        branches = [
            sql.SQL(COLUMN_VALUES).format(
                number=sql.Literal(n),
                column=sql.Identifier(candidates[n][1]),
                table=sql.Identifier(candidates[n][0].schema, candidates[n][0].table),
            )
            for n in sorted(readable)
        ]
        query = sql.SQL(" UNION ALL ").join(branches) + sql.SQL(" ORDER BY 1")
        try:
            rows = s.fetch(conn, query)
        except (
            errors.InsufficientPrivilege,
            errors.UndefinedColumn,
            errors.UndefinedTable,
            errors.QueryCanceled,
        ):
            conn.rollback()
            denied = [f"{t.qualified_name}.{c}" for t, c in candidates]
            rows = []
        for r in rows:
            stats, column = candidates[int(r["candidate"])]
            measured.append(to.column_values(stats.qualified_name, column, r))
    if denied:
        s.note(f"column values not measured (no SELECT, or timed out): {', '.join(denied)}")
    s.update(column_values=tuple(measured))


def readable_columns(
    s: Session, conn: psycopg.Connection[Row], candidates: list[tuple[RsTableStats, str]]
) -> set[int]:
    """The numbers of the candidates whose table the reader may select from and whose column
    exists (svv_redshift_columns, where it is readable), in one statement."""
    exists: sql.Composable = sql.SQL("TRUE")
    if s.has("svv_redshift_columns"):
        exists = sql.SQL(
            "EXISTS (SELECT 1 FROM svv_redshift_columns c WHERE c.schema_name = k.schema_name"
            " AND c.table_name = k.table_name AND c.column_name = k.column_name)"
        )
    listed = sql.SQL(" UNION ALL ").join(
        sql.SQL(
            "SELECT {} AS candidate, {} AS schema_name, {} AS table_name, {} AS column_name,"
            " {} AS qualified"
        ).format(
            sql.Literal(n),
            sql.Literal(stats.schema),
            sql.Literal(stats.table),
            sql.Literal(column),
            sql.Literal(sql.Identifier(stats.schema, stats.table).as_string(conn)),
        )
        for n, (stats, column) in enumerate(candidates)
    )
    query = sql.SQL(READABLE_COLUMNS).format(listed=listed, exists=exists)
    try:
        rows = s.fetch(conn, query)
    except (errors.InsufficientPrivilege, errors.UndefinedFunction, errors.QueryCanceled):
        conn.rollback()
        return set()
    return {int(r["candidate"]) for r in rows}


def join_columns(snapshot: RsSnapshot) -> list[tuple[RsTableStats, str]]:
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
