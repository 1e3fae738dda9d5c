"""The query history of a Redshift cluster, aggregated on the server: query groups, hours of
queueing and churn, alert events, scans, disk-based steps, slow segments, Spectrum and
federated queries, table reads, WLM slot peaks, metric percentiles and cluster usage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RsQueryGroup:
    """Query history grouped by query hash on the server (times in microseconds)."""

    query_hash: str
    query_text: str
    query_type: str = ""
    runs: int = 0
    total_elapsed_us: int = 0
    total_queue_us: int = 0
    total_execution_us: int = 0
    returned_rows: int = 0
    service_class: int | None = None
    sample_query_id: int | None = None


@dataclass(frozen=True, slots=True)
class RsQueueHour:
    """Queue and elapsed time of one service class in one hour (microseconds)."""

    service_class: int
    hour: str
    queries: int = 0
    queue_us: int = 0
    elapsed_us: int = 0


@dataclass(frozen=True, slots=True)
class RsChurnHour:
    """One hour of statements: how many compiled, and how many were DDL or CTAS."""

    hour: str
    queries: int = 0
    compiled: int = 0
    ddl: int = 0
    ctas: int = 0


@dataclass(frozen=True, slots=True)
class RsAlert:
    """stl_alert_event_log summarised per query and event (first part of `event`)."""

    query_id: int
    event: str
    solution: str = ""
    table: str | None = None
    occurrences: int = 1
    rows: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class RsTableScan:
    """Scans of one table summed from stl_scan: rows read, after ghosts, after the filter."""

    table: str
    queries: int = 0
    rows_pre_filter: int = 0
    rows_pre_user_filter: int = 0
    rows: int = 0


@dataclass(frozen=True, slots=True)
class RsSpilledQuery:
    """A query whose steps went to disk (svl_query_summary.is_diskbased, or the spilled blocks
    of sys_query_detail), summed on the server."""

    query_id: int
    steps: int = 0
    diskbased_steps: int = 0
    label: str = ""
    max_workmem: int = 0
    max_time_us: int = 0
    spilled_blocks: int = 0  # 1 MB blocks, from sys_query_detail only


@dataclass(frozen=True, slots=True)
class RsQueryStep:
    """One step of svl_query_summary: its label (`hjoin tbl=...`), rows and bytes."""

    segment: int
    step: int
    label: str = ""
    rows: int = 0
    bytes: int = 0

    @property
    def operator(self) -> str:
        """The step's kind: the first word of its label (`scan`, `hjoin`, `return`...)."""
        return self.label.split(" ", 1)[0].lower() if self.label else ""

    @property
    def table(self) -> str | None:
        """The table a scan step reads (`name=` in its label), when the label names one."""
        _, found, rest = self.label.partition("name=")
        name = rest.strip().split(" ", 1)[0] if found else ""
        return name or None


@dataclass(frozen=True, slots=True)
class RsSlowSegment:
    """A query's slowest segment (highest maxtime) in svl_query_summary, cut on the server.

    `steps` are that segment's steps; `return_rows` is the rows of the query's final return
    step; the width fields cover all the query's steps with rows and bytes: the widest step's
    bytes per row and the median bytes per row of those steps.
    """

    query_id: int
    segment: int
    max_time_us: int = 0
    return_rows: int | None = None
    steps: tuple[RsQueryStep, ...] = ()
    widest_label: str = ""
    widest_width: float | None = None
    widest_bytes: int = 0
    median_width: float | None = None
    width_steps: int = 0


@dataclass(frozen=True, slots=True)
class RsSpectrumScan:
    """svl_s3query_summary summarised per external table."""

    table: str
    queries: int = 0
    is_partitioned: bool = False
    file_format: str = ""
    s3_scanned_rows: int = 0
    s3_scanned_bytes: int = 0
    returned_rows: int = 0
    returned_bytes: int = 0
    files: int = 0
    total_partitions: int | None = None
    qualified_partitions: int | None = None


@dataclass(frozen=True, slots=True)
class RsFederatedQuery:
    """svl_federated_query summarised per pushed-down remote statement."""

    query_text: str
    source_type: str = ""
    runs: int = 0
    num_rows: int = 0
    num_bytes: int = 0
    duration_us: int = 0


@dataclass(frozen=True, slots=True)
class RsTableReads:
    """How many user queries scanned one svv_table_info table in the history window."""

    schema: str
    table: str
    queries: int = 0
    last_scan: str | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True, slots=True)
class RsWlmPeakHour:
    """The most WLM slots one service class had in use at once in one hour."""

    service_class: int
    hour: str
    peak_slots: int = 0
    queries: int = 0


@dataclass(frozen=True, slots=True)
class RsDatabaseHour:
    """User queries of one database in one hour."""

    database: str
    hour: str
    queries: int = 0


@dataclass(frozen=True, slots=True)
class RsMetricPercentiles:
    """One query monitoring metric of one WLM service class: p50, p99 and maximum per query."""

    service_class: int
    metric: str
    queries: int = 0
    p50: float | None = None
    p99: float | None = None
    max: float | None = None


@dataclass(frozen=True, slots=True)
class RsBurstHour:
    """One hour of queries, and the execution time that ran on concurrency scaling clusters."""

    hour: str
    queries: int = 0
    burst_queries: int = 0
    burst_us: int = 0


@dataclass(frozen=True, slots=True)
class RsBusyDay:
    """One 24-hour window of the history: minutes in which at least one user query ran."""

    day: str
    busy_minutes: int = 0
    minutes: int = 1440


@dataclass(frozen=True, slots=True)
class RsDatashareConsumer:
    """Data-sharing requests of one consumer database, timed per transaction."""

    database: str
    transactions: int = 0
    requests: int = 0
    avg_seconds: float = 0.0
    max_seconds: float = 0.0
