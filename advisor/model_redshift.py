"""Plain data of Redshift: EXPLAIN plans, and what the connector reads from a cluster's system
views (tables, history, WLM, loads, storage), already aggregated on the server. The RS plan,
catalog and workload rules read it. Like `advisor.model`, nothing here imports from the rest
of the project; `advisor lint` never imports it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from advisor.model import Location, TargetKind
from advisor.model_live import LiveContext

# --- Redshift: EXPLAIN plans, system-view reads and the live rules that look at them ----------


@dataclass(frozen=True, slots=True)
class RsPlanNode:
    """One operator line of a Redshift EXPLAIN, with the detail lines printed under it.

    `operator` is the name without the `XN` prefix and the distribution attribute (`Hash Join`,
    `Seq Scan`, `S3 Query Scan`); `line` is the 1-based line of the operator in the plan's file.
    """

    operator: str
    label: str = ""
    compute_node: bool = False
    distribution: str | None = None
    relation: str | None = None
    alias: str | None = None
    startup_cost: float | None = None
    total_cost: float | None = None
    rows: int | None = None
    width: int | None = None
    details: tuple[str, ...] = ()
    line: int = 1
    children: tuple[RsPlanNode, ...] = ()

    def walk(self) -> Iterator[RsPlanNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def detail(self, name: str) -> str | None:
        """The text after `name:` of the first detail line that starts with it."""
        prefix = name.lower() + ":"
        for text in self.details:
            if text.lower().startswith(prefix):
                return text[len(prefix) :].strip()
        return None

    @property
    def is_join(self) -> bool:
        return "Join" in self.operator or self.operator.startswith("Nested Loop")


@dataclass(frozen=True, slots=True)
class RsPlan:
    """A Redshift EXPLAIN plan: its tree, its trailer notes and where it came from."""

    root: RsPlanNode
    notes: tuple[str, ...] = ()
    statement: str = ""
    path: str | None = None
    line: int = 1
    query_id: int | None = None

    def nodes(self) -> Iterator[RsPlanNode]:
        return self.root.walk()

    def location_of(self, node: RsPlanNode) -> Location | None:
        if self.path is None:
            return None
        return Location(self.path, node.line, 1, node.line, 1)


@dataclass(frozen=True, slots=True)
class RsTableStats:
    """One svv_table_info row, with the declared keys and the table's ghost/scan counters."""

    schema: str
    table: str
    table_id: int = 0
    diststyle: str = ""
    sortkey1: str = ""
    sortkey1_enc: str = ""
    sortkey_num: int = 0
    encoded: str = ""
    max_varchar: int = 0
    size_mb: int = 0
    pct_used: float = 0.0
    unsorted: float | None = None
    stats_off: float | None = None
    tbl_rows: int = 0
    skew_rows: float | None = None
    estimated_visible_rows: int | None = None
    vacuum_sort_benefit: float | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"


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
class RsMaterializedView:
    """One stv_mv_info (or svv_mv_info) row."""

    schema: str
    name: str
    is_stale: bool = False
    state: int = 1
    autorefresh: bool = False

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class RsRecommendation:
    """One svv_alter_table_recommendations row, with the table it names when known."""

    type: str
    table_id: int
    group_id: int
    ddl: str
    auto_eligible: bool = False
    table: str | None = None


@dataclass(frozen=True, slots=True)
class RsQueueHour:
    """Queue and elapsed time of one service class in one hour (microseconds)."""

    service_class: int
    hour: str
    queries: int = 0
    queue_us: int = 0
    elapsed_us: int = 0


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
class RsChurnHour:
    """One hour of statements: how many compiled, and how many were DDL or CTAS."""

    hour: str
    queries: int = 0
    compiled: int = 0
    ddl: int = 0
    ctas: int = 0


@dataclass(frozen=True, slots=True)
class RsExternalTable:
    """One svv_external_tables row (Spectrum): where the files are and how they are read."""

    schema: str
    table: str
    location: str = ""
    input_format: str = ""
    serialization_lib: str = ""
    parameters: str = ""

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True, slots=True)
class RsWlmQueue:
    """One stv_wlm_service_class_config row: a WLM service class and its slots and memory."""

    service_class: int
    name: str = ""
    num_query_tasks: int = 0
    query_working_mem: int = 0
    max_execution_time: int = 0
    concurrency_scaling: str = ""
    query_priority: str = ""


@dataclass(frozen=True, slots=True)
class RsQmrRule:
    """One stv_wlm_qmr_config row: a query monitoring rule's predicate on one WLM queue."""

    service_class: int
    rule_name: str = ""
    action: str = ""
    metric_name: str = ""
    metric_operator: str = ""
    metric_value: float = 0.0


@dataclass(frozen=True, slots=True)
class RsExternalColumn:
    """One svv_external_columns row of a partition column (`part_key` > 0: its place in the
    external table's partition key)."""

    schema: str
    table: str
    column: str
    external_type: str = ""
    part_key: int = 0

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True, slots=True)
class RsKeyColumn:
    """A column in a table's distribution or sort key: from svv_redshift_columns, or from the
    table's DDL. `sortkey` is its place in the sort key (negative for interleaved, 0 for none)."""

    schema: str
    table: str
    column: str
    distkey: bool = False
    sortkey: int = 0

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True, slots=True)
class RsColumnValues:
    """How one column's values spread, aggregated on the server (one row per column).

    `top_rows` is the row count of the most frequent value (NULL included: all NULLs land on
    one slice); `distinct_values` counts non-NULL values.
    """

    table: str
    column: str
    rows: int = 0
    distinct_values: int = 0
    top_rows: int = 0
    null_rows: int = 0

    def skew_estimate(self, slices: int) -> float | None:
        """Rows on the fullest slice over rows on the emptiest, were the table KEY(column).

        The most frequent value lands whole on one slice; the other values are hashed to
        slices at random, so each slice gets about values/slices of them, give or take the
        spread of that count (the largest and smallest of `slices` draws lie about
        sqrt(2 ln slices) standard deviations out). None when the emptiest slice would be
        left (nearly) empty: fewer values than slices, or one value holding every row.
        """
        slices = max(slices, 2)
        rest = self.rows - self.top_rows
        if self.rows <= 0:
            return 1.0
        others = self.distinct_values + (1 if self.null_rows else 0) - 1
        if others <= 0 or rest <= 0:
            return None
        share = 1 / slices
        spread = math.sqrt(2 * math.log(slices)) * math.sqrt(others * share * (1 - share))
        low = rest * (share - spread / others)
        if low <= 0:
            return None
        return (self.top_rows + rest * (share + spread / others)) / low


@dataclass(frozen=True, slots=True)
class RsWorkload:
    """What the history views hold, already aggregated on the server."""

    queries: tuple[RsQueryGroup, ...] = ()
    queue_hours: tuple[RsQueueHour, ...] = ()
    alerts: tuple[RsAlert, ...] = ()
    spectrum: tuple[RsSpectrumScan, ...] = ()
    federated: tuple[RsFederatedQuery, ...] = ()
    scans: tuple[RsTableScan, ...] = ()
    churn_hours: tuple[RsChurnHour, ...] = ()
    spills: tuple[RsSpilledQuery, ...] = ()
    table_reads: tuple[RsTableReads, ...] = ()
    wlm_peak_hours: tuple[RsWlmPeakHour, ...] = ()
    database_hours: tuple[RsDatabaseHour, ...] = ()
    slow_segments: tuple[RsSlowSegment, ...] = ()
    insert_sources: tuple[RsInsertSource, ...] = ()
    metric_percentiles: tuple[RsMetricPercentiles, ...] = ()
    burst_hours: tuple[RsBurstHour, ...] = ()
    busy_days: tuple[RsBusyDay, ...] = ()
    datashare_consumers: tuple[RsDatashareConsumer, ...] = ()
    inserts: tuple[RsInsertHour, ...] = ()
    copies: tuple[RsCopyGroup, ...] = ()
    uncompressed_copies: tuple[RsUncompressedCopy, ...] = ()
    compression_analyses: tuple[RsCompressionAnalysis, ...] = ()


@dataclass(frozen=True, slots=True)
class RsSnapshot:
    """Everything one read of a Redshift cluster (or a plan file) gave; rules see only this.

    `views` lists the system views that were found and read; `notes` says what was missing
    and what was used instead.
    """

    server: str = ""
    database: str = ""
    views: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    tables: tuple[RsTableStats, ...] = ()
    materialized_views: tuple[RsMaterializedView, ...] = ()
    recommendations: tuple[RsRecommendation, ...] = ()
    external_tables: tuple[RsExternalTable, ...] = ()
    wlm_queues: tuple[RsWlmQueue, ...] = ()
    qmr_rules: tuple[RsQmrRule, ...] = ()
    workload: RsWorkload | None = None
    plans: tuple[RsPlan, ...] = ()
    partition_columns: tuple[RsExternalColumn, ...] = ()
    key_columns: tuple[RsKeyColumn, ...] = ()
    auto_actions: tuple[RsAutoAction, ...] = ()
    python_udfs: tuple[RsFunction, ...] = ()
    # The cluster's shape from stv_slices (None where it is not readable, as on Serverless).
    nodes: int | None = None
    slices: int | None = None
    column_values: tuple[RsColumnValues, ...] = ()
    blocks: tuple[RsTableBlocks, ...] = ()
    encodings: tuple[RsColumnEncoding, ...] = ()
    interleaved: tuple[RsInterleavedSkew, ...] = ()
    vacuums: tuple[RsVacuumSummary, ...] = ()
    disk: RsDiskSpace | None = None

    def table(self, name: str) -> RsTableStats | None:
        """A table by qualified name, or by bare name when only one table has it."""
        key = name.lower()
        exact = [t for t in self.tables if t.qualified_name.lower() == key]
        if exact:
            return exact[0]
        bare = [t for t in self.tables if t.table.lower() == key]
        return bare[0] if len(bare) == 1 else None

    def targets(self, kind: TargetKind) -> Iterator[object]:
        """What the Redshift rules of each kind look at in this snapshot."""
        if kind is TargetKind.TABLE:
            yield from self.tables
        elif kind is TargetKind.PLAN:
            yield from self.plans
        elif kind is TargetKind.WORKLOAD:
            if self.workload is not None:
                yield self.workload
        elif kind is TargetKind.CLUSTER:
            yield self

    def keys_of(self, table: str) -> tuple[RsKeyColumn, ...]:
        """The key columns of a table by qualified name, or by bare name when only one table
        has it; empty when they were not read."""
        key = table.lower()
        rows = tuple(c for c in self.key_columns if c.qualified_name.lower() == key)
        if not rows and "." not in key:
            bare = tuple(c for c in self.key_columns if c.table.lower() == key)
            if len({c.qualified_name.lower() for c in bare}) == 1:
                rows = bare
        return rows

    def values(self, table: str, column: str) -> RsColumnValues | None:
        """The measured value spread of `table.column`, when the read measured it."""
        for found in self.column_values:
            if found.table == table and found.column.lower() == column.lower():
                return found
        return None


# What a Redshift live or plan rule gets beside its target (`ctx.snapshot`, the options).
RsContext = LiveContext[RsSnapshot]


@dataclass(frozen=True, slots=True)
class RsAutoAction:
    """The latest automatic table optimisation event of one table and one kind of change.

    From sys_auto_table_optimization (svl_auto_worker_action on older clusters); `alter_type`
    is distkey, sortkey or encode; `table` is the qualified name when svv_table_info knows it.
    """

    table_id: int
    alter_type: str
    status: str
    event_time: str = ""
    table: str | None = None
    alter_from: str = ""


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
class RsFunction:
    """A user-defined function from pg_proc, with its language, argument and return types."""

    schema: str
    name: str
    language: str = ""
    arguments: str = ""
    returns: str = ""

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"


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
class RsInsertSource:
    """INSERT ... SELECT target and source tables of the same queries (stl_insert, stl_scan)."""

    target_id: int
    source_id: int
    target: str | None = None
    target_diststyle: str = ""
    source: str | None = None
    source_diststyle: str = ""
    queries: int = 0
    rows: int = 0
    sample_query_id: int | None = None


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


@dataclass(frozen=True, slots=True)
class RsInsertHour:
    """INSERTs into one table in one hour, and how many of them wrote 1-100 rows.

    `hour_small_inserts` counts the small INSERTs of the whole hour, all tables together.
    """

    hour: str
    table: str
    inserts: int = 0
    small_inserts: int = 0
    rows: int = 0
    hour_small_inserts: int = 0


@dataclass(frozen=True, slots=True)
class RsCopyGroup:
    """COPYs of one day into one table from one S3 bucket in one file format (sys_load_history).

    `split_copies` counts the COPYs Redshift split into more ranges than files (auto-split).
    """

    day: str
    table: str
    bucket: str = ""
    file_format: str = ""
    copies: int = 0
    files: int = 0
    min_files: int = 0
    max_files: int = 0
    bytes: int = 0
    split_copies: int = 0
    data_source: str = ""
    duration_us: int = 0
    sample_query_id: int | None = None

    @property
    def avg_files(self) -> float:
        return self.files / self.copies if self.copies else 0.0

    @property
    def avg_file_mb(self) -> float:
        return self.bytes / self.files / 1048576 if self.files else 0.0


@dataclass(frozen=True, slots=True)
class RsUncompressedCopy:
    """One COPY whose S3 GETs moved as many bytes as the data held (stl_s3client): no codec."""

    query_id: int
    query_text: str = ""
    bucket: str = ""
    key: str = ""
    files: int = 0
    transfer_bytes: int = 0
    data_bytes: int = 0


@dataclass(frozen=True, slots=True)
class RsCompressionAnalysis:
    """One transaction whose COPY ran compression analysis (`COPY ANALYZE`, `analyze
    compression phase n` statements beside it)."""

    xid: int
    copy_text: str = ""
    statements: int = 0
    analysis_us: int = 0
    elapsed_us: int = 0


@dataclass(frozen=True, slots=True)
class RsTableBlocks:
    """stv_blocklist summed per table on the server: 1 MB blocks per slice, and the blocks a
    defragmenting VACUUM or deep copy would free (estimated from the row-id column's blocks)."""

    table_id: int
    slices: int = 0
    min_slice_blocks: int = 0
    max_slice_blocks: int = 0
    blocks: int = 0
    est_space_gain: int = 0


@dataclass(frozen=True, slots=True)
class RsColumnEncoding:
    """A table's column encodings from svv_redshift_columns: how many columns are compressed,
    and the unencoded ones outside the sort key."""

    table_id: int
    columns: int = 0
    encoded_columns: int = 0
    raw_columns: tuple[str, ...] = ()

    @property
    def encoded_pct(self) -> float:
        return 100.0 * self.encoded_columns / self.columns if self.columns else 100.0


@dataclass(frozen=True, slots=True)
class RsInterleavedSkew:
    """svv_interleaved_columns summed per table: the worst skew of its interleaved sort-key
    columns (None when never measured) and the last VACUUM REINDEX (None when not logged)."""

    table_id: int
    columns: int = 0
    max_skew: float | None = None
    last_reindex: str | None = None


@dataclass(frozen=True, slots=True)
class RsVacuumSummary:
    """svv_vacuum_summary per table: the most sort partitions and merge increments a VACUUM of
    it needed in the retention window."""

    table: str
    vacuums: int = 0
    sort_partitions: int = 0
    merge_increments: int = 0
    max_merge_partitions: int = 0


@dataclass(frozen=True, slots=True)
class RsDiskNode:
    """One node's own disk partitions from stv_partitions, in 1 MB blocks."""

    node: int
    capacity_mb: int = 0
    used_mb: int = 0


@dataclass(frozen=True, slots=True)
class RsDiskSpace:
    """The cluster's disk (stv_partitions per node) and its largest table (svv_table_info.size,
    every schema)."""

    nodes: tuple[RsDiskNode, ...] = ()
    largest_table: str = ""
    largest_table_mb: int = 0

    @property
    def capacity_mb(self) -> int:
        return sum(n.capacity_mb for n in self.nodes)

    @property
    def used_mb(self) -> int:
        return sum(n.used_mb for n in self.nodes)

    @property
    def free_mb(self) -> int:
        return self.capacity_mb - self.used_mb

    @property
    def node0_capacity_mb(self) -> int | None:
        return next((n.capacity_mb for n in self.nodes if n.node == 0), None)
