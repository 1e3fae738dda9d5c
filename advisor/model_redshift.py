"""Plain data of Redshift: what one read of a cluster's system views holds (`RsSnapshot`, its
history part `RsWorkload`) and what a Redshift rule gets beside its target (`RsContext`).

The parts live in `advisor.redshift_data`, one subject a module (plans, tables, WLM, history,
loads, storage); this module re-exports them, so `from advisor.model_redshift import ...`
names every Redshift type. Like `advisor.model`, nothing here imports from the rest of the
project; `advisor lint` never imports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from advisor.model import TargetKind
from advisor.model_live import LiveContext
from advisor.redshift_data.history import (
    RsAlert,
    RsBurstHour,
    RsBusyDay,
    RsChurnHour,
    RsDatabaseHour,
    RsDatashareConsumer,
    RsFederatedQuery,
    RsMetricPercentiles,
    RsQueryGroup,
    RsQueryStep,
    RsQueueHour,
    RsSlowSegment,
    RsSpectrumScan,
    RsSpilledQuery,
    RsTableReads,
    RsTableScan,
    RsWlmPeakHour,
)
from advisor.redshift_data.loads import (
    RsCompressionAnalysis,
    RsCopyGroup,
    RsInsertHour,
    RsInsertSource,
    RsUncompressedCopy,
)
from advisor.redshift_data.plan import (
    RsPlan,
    RsPlanNode,
)
from advisor.redshift_data.storage import (
    RsColumnEncoding,
    RsDiskNode,
    RsDiskSpace,
    RsInterleavedSkew,
    RsTableBlocks,
    RsVacuumSummary,
)
from advisor.redshift_data.tables import (
    RsAutoAction,
    RsColumnValues,
    RsExternalColumn,
    RsExternalTable,
    RsFunction,
    RsKeyColumn,
    RsMaterializedView,
    RsRecommendation,
    RsTableStats,
)
from advisor.redshift_data.wlm import (
    RsQmrRule,
    RsWlmQueue,
)

__all__ = [
    "RsAlert",
    "RsAutoAction",
    "RsBurstHour",
    "RsBusyDay",
    "RsChurnHour",
    "RsColumnEncoding",
    "RsColumnValues",
    "RsCompressionAnalysis",
    "RsContext",
    "RsCopyGroup",
    "RsDatabaseHour",
    "RsDatashareConsumer",
    "RsDiskNode",
    "RsDiskSpace",
    "RsExternalColumn",
    "RsExternalTable",
    "RsFederatedQuery",
    "RsFunction",
    "RsInsertHour",
    "RsInsertSource",
    "RsInterleavedSkew",
    "RsKeyColumn",
    "RsMaterializedView",
    "RsMetricPercentiles",
    "RsPlan",
    "RsPlanNode",
    "RsQmrRule",
    "RsQueryGroup",
    "RsQueryStep",
    "RsQueueHour",
    "RsRecommendation",
    "RsSlowSegment",
    "RsSnapshot",
    "RsSpectrumScan",
    "RsSpilledQuery",
    "RsTableBlocks",
    "RsTableReads",
    "RsTableScan",
    "RsTableStats",
    "RsUncompressedCopy",
    "RsVacuumSummary",
    "RsWlmPeakHour",
    "RsWlmQueue",
    "RsWorkload",
]


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
    # The history window read: its start (ISO 8601, the reader's clock) and its length in
    # days; every history aggregate covers only what started within it.
    history_since: str = ""
    history_days: float = 0.0

    def table(self, name: str) -> RsTableStats | None:
        """A table by qualified name, or by bare name when only one table has it."""
        key = name.lower()
        exact, bare = _table_index(self.tables)
        found = exact.get(key)
        return found if found is not None else bare.get(key)

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


TableIndex = tuple[dict[str, RsTableStats], dict[str, RsTableStats | None]]

# The tables of the snapshots last looked in, by lower-case qualified name (the first table
# of each) and by bare name (None where several tables have it): rules look tables up by name
# many times a snapshot, and a scan of the tables each time grows with tables times lookups.
_INDEXES: dict[int, tuple[tuple[RsTableStats, ...], TableIndex]] = {}


def _table_index(tables: tuple[RsTableStats, ...]) -> TableIndex:
    known = _INDEXES.get(id(tables))
    if known is not None and known[0] is tables:
        return known[1]
    exact: dict[str, RsTableStats] = {}
    bare: dict[str, RsTableStats | None] = {}
    for stats in tables:
        exact.setdefault(stats.qualified_name.lower(), stats)
        name = stats.table.lower()
        bare[name] = None if name in bare else stats
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(tables)] = (tables, (exact, bare))
    return exact, bare
