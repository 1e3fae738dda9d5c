"""The objects family: ALTER TABLE recommendations, external tables and their partition
columns, WLM queues and query monitoring rules, materialized views; all from history.json."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from rs_emulation.rows import DATABASE, Conn, Row, Spec, feed, table_id, write


def _recommendation_rows(rec: Spec) -> Iterator[Row]:
    yield (
        "svv_alter_table_recommendations",
        {
            "type": rec["type"],
            "database": DATABASE,
            "table_id": table_id(rec["table"]),
            "group_id": rec["group_id"],
            "ddl": rec["ddl"],
            "auto_eligible": rec["auto_eligible"],
        },
    )


def _external_table_rows(ext: Spec) -> Iterator[Row]:
    yield (
        "svv_external_tables",
        {
            "redshift_database_name": DATABASE,
            "schemaname": ext["schemaname"],
            "tablename": ext["tablename"],
            "tabletype": "EXTERNAL_TABLE",
            "location": ext["location"],
            "input_format": ext["input_format"],
            "output_format": ext["output_format"],
            "serialization_lib": ext["serialization_lib"],
            "serde_parameters": "{}",
            "compressed": 0,
            "parameters": ext["parameters"],
        },
    )


def _queue_rows(queue: Spec) -> Iterator[Row]:
    yield (
        "stv_wlm_service_class_config",
        {
            "service_class": queue["service_class"],
            "queueing_strategy": "FIFO",
            "num_query_tasks": queue["num_query_tasks"],
            "target_num_query_tasks": queue["num_query_tasks"],
            "evictable": "false",
            "query_working_mem": queue["query_working_mem"],
            "target_query_working_mem": queue["query_working_mem"],
            "name": queue["name"],
            "max_execution_time": queue["max_execution_time"],
            "concurrency_scaling": queue["concurrency_scaling"],
            "query_priority": queue["query_priority"],
        },
    )


def _qmr_rows(rule: Spec) -> Iterator[Row]:
    yield (
        "stv_wlm_qmr_config",
        {
            "service_class": rule["service_class"],
            "action": rule["action"],
            "rule_name": rule["rule_name"],
            "metric_name": rule["metric_name"],
            "metric_operator": rule["metric_operator"],
            "metric_value": rule["metric_value"],
            "action_value": "",
        },
    )


def _external_column_rows(col: Spec) -> Iterator[Row]:
    yield (
        "svv_external_columns",
        {
            "redshift_database_name": DATABASE,
            "schemaname": col["schemaname"],
            "tablename": col["tablename"],
            "columnname": col["columnname"],
            "external_type": col["external_type"],
            "columnnum": col["columnnum"],
            "part_key": col["part_key"],
            "is_nullable": "true",
        },
    )


def _mv_rows(mv: Spec) -> Iterator[Row]:
    yield (
        "stv_mv_info",
        {
            "db_name": DATABASE,
            "schema": mv["schema"],
            "name": mv["name"],
            "updated_upto_xid": 0,
            "is_stale": mv["is_stale"],
            "owner_user_name": "advisor",
            "state": mv["state"],
            "autorewrite": "t",
            "autorefresh": mv["autorefresh"],
        },
    )


def load(conn: Conn, history: Spec) -> None:
    write(
        conn,
        chain(
            feed(history, "recommendations", _recommendation_rows),
            feed(history, "external_tables", _external_table_rows),
            feed(history, "wlm_queues", _queue_rows),
            feed(history, "qmr_rules", _qmr_rows),
            feed(history, "external_columns", _external_column_rows),
            feed(history, "materialized_views", _mv_rows),
        ),
    )
