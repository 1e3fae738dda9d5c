"""Rows of the system views, as the connector's SQL returns them, into model objects."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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
    RsQmrRule,
    RsQueryGroup,
    RsQueryStep,
    RsQueueHour,
    RsRecommendation,
    RsSlowSegment,
    RsSpilledQuery,
    RsTableBlocks,
    RsTableReads,
    RsTableScan,
    RsTableStats,
    RsUncompressedCopy,
    RsVacuumSummary,
    RsWlmPeakHour,
    RsWlmQueue,
)

Row = dict[str, Any]


def as_int(value: Any) -> int:
    return int(value) if value is not None else 0


def opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def flag(value: Any) -> bool:
    return str(value or "").strip().lower() in ("t", "y", "1", "true")


def table_stats(r: Row) -> RsTableStats:
    return RsTableStats(
        schema=r["schema"],
        table=r["name"],
        table_id=as_int(r["table_id"]),
        diststyle=r["diststyle"] or "",
        sortkey1=r["sortkey1"] or "",
        sortkey1_enc=r["sortkey1_enc"] or "",
        sortkey_num=as_int(r["sortkey_num"]),
        encoded=r["encoded"] or "",
        max_varchar=as_int(r["max_varchar"]),
        size_mb=as_int(r["size"]),
        pct_used=float(r["pct_used"] or 0),
        unsorted=opt_float(r["unsorted"]),
        stats_off=opt_float(r["stats_off"]),
        tbl_rows=as_int(r["tbl_rows"]),
        skew_rows=opt_float(r["skew_rows"]),
        estimated_visible_rows=opt_int(r["estimated_visible_rows"]),
        vacuum_sort_benefit=opt_float(r["vacuum_sort_benefit"]),
    )


def query_group(r: Row) -> RsQueryGroup:
    return RsQueryGroup(
        query_hash=str(r["query_hash"] or ""),
        query_text=r["query_text"] or "",
        query_type=r["query_type"] or "",
        runs=as_int(r["runs"]),
        total_elapsed_us=as_int(r["elapsed"]),
        total_queue_us=as_int(r["queued"]),
        total_execution_us=as_int(r["executed"]),
        returned_rows=as_int(r["returned_rows"]),
        service_class=opt_int(r["service_class"]),
        sample_query_id=opt_int(r["sample_query_id"]),
    )


def queue_hour(r: Row) -> RsQueueHour:
    hour = r["hour"]
    return RsQueueHour(
        service_class=as_int(r["service_class"]),
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=as_int(r["queries"]),
        queue_us=as_int(r["queued"]),
        elapsed_us=as_int(r["elapsed"]),
    )


def churn_hour(r: Row) -> RsChurnHour:
    hour = r["hour"]
    return RsChurnHour(
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=as_int(r["queries"]),
        compiled=as_int(r["compiled"]),
        ddl=as_int(r["ddl"]),
        ctas=as_int(r["ctas"]),
    )


def table_scan(r: Row) -> RsTableScan:
    return RsTableScan(
        table=r["table_name"] or "",
        queries=as_int(r["queries"]),
        rows_pre_filter=as_int(r["rows_pre_filter"]),
        rows_pre_user_filter=as_int(r["rows_pre_user_filter"]),
        rows=as_int(r["rows"]),
    )


def spilled_query(r: Row) -> RsSpilledQuery:
    return RsSpilledQuery(
        query_id=as_int(r["query"]),
        steps=as_int(r["steps"]),
        diskbased_steps=as_int(r["diskbased_steps"]),
        label=r["label"] or "",
        max_workmem=as_int(r["max_workmem"]),
        max_time_us=as_int(r["max_time"]),
        spilled_blocks=as_int(r["spilled_blocks"]),
    )


def alert(r: Row) -> RsAlert:
    return RsAlert(
        query_id=as_int(r["query_id"]),
        event=r["event"] or "",
        solution=r["solution"] or "",
        table=r["table_name"],
        occurrences=as_int(r["occurrences"]),
        rows=opt_int(r["rows"]),
        text=r["text"] or "",
    )


def federated_query(r: Row) -> RsFederatedQuery:
    return RsFederatedQuery(
        query_text=r["query_text"] or "",
        source_type=r["source_type"] or "",
        runs=as_int(r["runs"]),
        num_rows=as_int(r["num_rows"]),
        num_bytes=as_int(r["num_bytes"]),
        duration_us=as_int(r["duration"]),
    )


def materialized_view(r: Row) -> RsMaterializedView:
    return RsMaterializedView(
        schema=r["schema"],
        name=r["name"],
        is_stale=flag(r["is_stale"]),
        state=as_int(r["state"]),
        autorefresh=flag(r["autorefresh"]),
    )


def recommendation(r: Row) -> RsRecommendation:
    return RsRecommendation(
        type=r["type"] or "",
        table_id=as_int(r["table_id"]),
        group_id=as_int(r["group_id"]),
        ddl=r["ddl"] or "",
        auto_eligible=flag(r["auto_eligible"]),
        table=r["table_name"],
    )


def external_table(r: Row) -> RsExternalTable:
    return RsExternalTable(
        schema=r["schema"],
        table=r["name"],
        location=r["location"] or "",
        input_format=r["input_format"] or "",
        serialization_lib=r["serialization_lib"] or "",
        parameters=r["parameters"] or "",
    )


def wlm_queue(r: Row) -> RsWlmQueue:
    return RsWlmQueue(
        service_class=as_int(r["service_class"]),
        name=r["name"] or "",
        num_query_tasks=as_int(r["num_query_tasks"]),
        query_working_mem=as_int(r["query_working_mem"]),
        max_execution_time=as_int(r["max_execution_time"]),
        concurrency_scaling=r["concurrency_scaling"] or "",
        query_priority=r["query_priority"] or "",
    )


def qmr_rule(r: Row) -> RsQmrRule:
    return RsQmrRule(
        service_class=as_int(r["service_class"]),
        rule_name=r["rule_name"] or "",
        action=r["action"] or "",
        metric_name=r["metric_name"] or "",
        metric_operator=r["metric_operator"] or "",
        metric_value=float(r["metric_value"] or 0),
    )


def partition_column(r: Row) -> RsExternalColumn:
    return RsExternalColumn(
        schema=r["schema"],
        table=r["name"],
        column=r["column_name"],
        external_type=r["external_type"] or "",
        part_key=as_int(r["part_key"]),
    )


def key_column(r: Row) -> RsKeyColumn:
    return RsKeyColumn(
        schema=r["schema"],
        table=r["name"],
        column=r["column_name"],
        distkey=flag(r["distkey"]),
        sortkey=as_int(r["sortkey"]),
    )


def when(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def auto_action(r: Row) -> RsAutoAction:
    return RsAutoAction(
        table_id=as_int(r["table_id"]),
        alter_type=(r["alter_type"] or "").lower(),
        status=r["status"] or "",
        event_time=when(r["event_time"]),
        table=r["table_name"],
        alter_from=r["alter_from"] or "",
    )


def table_reads(r: Row) -> RsTableReads:
    return RsTableReads(
        schema=r["schema"],
        table=r["name"],
        queries=as_int(r["queries"]),
        last_scan=when(r["last_scan"]) if r["last_scan"] is not None else None,
    )


def function(r: Row) -> RsFunction:
    return RsFunction(
        schema=r["schema"],
        name=r["name"],
        language=r["language"] or "",
        arguments=r["arguments"] or "",
        returns=r["returns"] or "",
    )


def wlm_peak_hour(r: Row) -> RsWlmPeakHour:
    return RsWlmPeakHour(
        service_class=as_int(r["service_class"]),
        hour=when(r["hour"]),
        peak_slots=as_int(r["peak_slots"]),
        queries=as_int(r["queries"]),
    )


def database_hour(r: Row) -> RsDatabaseHour:
    return RsDatabaseHour(
        database=r["database"] or "", hour=when(r["hour"]), queries=as_int(r["queries"])
    )


def slow_segments(rows: list[Row]) -> list[RsSlowSegment]:
    """The rows of SLOW_SEGMENTS (one per step of each query's slowest segment), per query."""
    segments: list[RsSlowSegment] = []
    for r in rows:
        step = RsQueryStep(
            segment=as_int(r["seg"]),
            step=as_int(r["step"]),
            label=r["label"] or "",
            rows=as_int(r["rows"]),
            bytes=as_int(r["bytes"]),
        )
        query_id = as_int(r["query"])
        if segments and segments[-1].query_id == query_id:
            segments[-1] = replace(segments[-1], steps=(*segments[-1].steps, step))
            continue
        segments.append(
            RsSlowSegment(
                query_id=query_id,
                segment=step.segment,
                max_time_us=as_int(r["seg_time"]),
                return_rows=opt_int(r["return_rows"]),
                steps=(step,),
                widest_label=r["widest_label"] or "",
                widest_width=opt_float(r["widest_width"]),
                widest_bytes=as_int(r["widest_bytes"]),
                median_width=opt_float(r["median_width"]),
                width_steps=as_int(r["width_steps"]),
            )
        )
    return segments


def insert_source(r: Row) -> RsInsertSource:
    return RsInsertSource(
        target_id=as_int(r["target_id"]),
        source_id=as_int(r["source_id"]),
        target=r["target"],
        target_diststyle=r["target_diststyle"] or "",
        source=r["source"],
        source_diststyle=r["source_diststyle"] or "",
        queries=as_int(r["queries"]),
        rows=as_int(r["rows"]),
        sample_query_id=opt_int(r["sample_query_id"]),
    )


def metric_percentiles(r: Row) -> RsMetricPercentiles:
    return RsMetricPercentiles(
        service_class=as_int(r["service_class"]),
        metric=str(r["metric"]).strip(),
        queries=as_int(r["queries"]),
        p50=opt_float(r["p50"]),
        p99=opt_float(r["p99"]),
        max=opt_float(r["pmax"]),
    )


def burst_hour(r: Row) -> RsBurstHour:
    hour = r["hour"]
    return RsBurstHour(
        hour=hour.isoformat() if hasattr(hour, "isoformat") else str(hour),
        queries=as_int(r["queries"]),
        burst_queries=as_int(r["burst_queries"]),
        burst_us=as_int(r["burst_us"]),
    )


def busy_day(r: Row) -> RsBusyDay:
    day = r["day_start"]
    return RsBusyDay(
        day=day.isoformat(timespec="minutes") if hasattr(day, "isoformat") else str(day),
        busy_minutes=round(float(r["busy_minutes"] or 0)),
    )


def datashare_consumer(r: Row) -> RsDatashareConsumer:
    return RsDatashareConsumer(
        database=r["database_name"] or "",
        transactions=as_int(r["transactions"]),
        requests=as_int(r["requests"]),
        avg_seconds=round(float(r["avg_seconds"] or 0), 3),
        max_seconds=round(float(r["max_seconds"] or 0), 3),
    )


def stamp(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def insert_hour(r: Row) -> RsInsertHour:
    return RsInsertHour(
        hour=stamp(r["hour"]),
        table=r["table_name"] or "",
        inserts=as_int(r["inserts"]),
        small_inserts=as_int(r["small_inserts"]),
        rows=as_int(r["inserted"]),
        hour_small_inserts=as_int(r["hour_small_inserts"]),
    )


def copy_group(r: Row) -> RsCopyGroup:
    return RsCopyGroup(
        day=stamp(r["day"])[:10],
        table=r["table_name"] or "",
        bucket=r["bucket"] or "",
        file_format=r["file_format"] or "",
        copies=as_int(r["copies"]),
        files=as_int(r["files"]),
        min_files=as_int(r["min_files"]),
        max_files=as_int(r["max_files"]),
        bytes=as_int(r["bytes"]),
        split_copies=as_int(r["split_copies"]),
        data_source=r["data_source"] or "",
        duration_us=as_int(r["duration"]),
        sample_query_id=opt_int(r["sample_query_id"]),
    )


def uncompressed_copy(r: Row) -> RsUncompressedCopy:
    return RsUncompressedCopy(
        query_id=as_int(r["query"]),
        query_text=r["query_text"] or "",
        bucket=r["bucket"] or "",
        key=r["key"] or "",
        files=as_int(r["files"]),
        transfer_bytes=as_int(r["transfer_bytes"]),
        data_bytes=as_int(r["data_bytes"]),
    )


def compression_analysis(r: Row) -> RsCompressionAnalysis:
    return RsCompressionAnalysis(
        xid=as_int(r["xid"]),
        copy_text=r["copy_text"] or "",
        statements=as_int(r["statements"]),
        analysis_us=as_int(r["analysis"]),
        elapsed_us=as_int(r["elapsed"]),
    )


def column_values(table: str, column: str, r: Row) -> RsColumnValues:
    return RsColumnValues(
        table=table,
        column=column,
        rows=as_int(r["rows"]),
        distinct_values=as_int(r["distinct_values"]),
        top_rows=as_int(r["top_rows"]),
        null_rows=as_int(r["null_rows"]),
    )


def table_blocks(r: Row) -> RsTableBlocks:
    return RsTableBlocks(
        table_id=as_int(r["table_id"]),
        slices=as_int(r["slices"]),
        min_slice_blocks=as_int(r["min_blocks"]),
        max_slice_blocks=as_int(r["max_blocks"]),
        blocks=as_int(r["blocks"]),
    )


def column_encoding(r: Row, raw: list[str]) -> RsColumnEncoding:
    return RsColumnEncoding(
        table_id=as_int(r["table_id"]),
        columns=as_int(r["columns"]),
        encoded_columns=as_int(r["encoded_columns"]),
        raw_columns=tuple(raw),
    )


def interleaved_skew(r: Row) -> RsInterleavedSkew:
    last = r["last_reindex"]
    return RsInterleavedSkew(
        table_id=as_int(r["table_id"]),
        columns=as_int(r["columns"]),
        max_skew=opt_float(r["max_skew"]),
        last_reindex=last.isoformat(sep=" ") if hasattr(last, "isoformat") else last,
    )


def vacuum_summary(r: Row) -> RsVacuumSummary:
    return RsVacuumSummary(
        table=r["table_name"] or "",
        vacuums=as_int(r["vacuums"]),
        sort_partitions=as_int(r["sort_partitions"]),
        merge_increments=as_int(r["merge_increments"]),
        max_merge_partitions=as_int(r["max_merge_partitions"]),
    )


def disk_node(r: Row) -> RsDiskNode:
    return RsDiskNode(
        node=as_int(r["node"]), capacity_mb=as_int(r["capacity"]), used_mb=as_int(r["used"])
    )
