"""Plain data read from a live OpenSearch cluster: indices, shards, nodes, profiles, top queries.

The connector fills these from the REST APIs (shapes in the rulebook, section 2); the cluster
and profile rules read them, and a snapshot stores them field by field. Like `advisor.model`,
nothing here imports from the rest of the project.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.model import Location, TargetKind
from advisor.model_live import LiveContext


@dataclass(frozen=True, slots=True)
class OsCluster:
    """`GET /`, `_cluster/health` and `_cluster/settings?include_defaults=true&flat_settings`.

    `settings` holds the effective value of every cluster setting: defaults overlaid by
    persistent, then transient settings (as the cluster applies them).
    """

    name: str = ""
    version: str = ""
    status: str = ""
    number_of_nodes: int = 0
    number_of_data_nodes: int = 0
    active_shards: int = 0
    unassigned_shards: int = 0
    settings: Mapping[str, str] = field(default_factory=dict)
    # Cluster settings somebody set (persistent or transient), to tell them from defaults.
    explicit: tuple[str, ...] = ()

    def setting(self, name: str) -> str | None:
        return self.settings.get(name)


@dataclass(frozen=True, slots=True)
class OsIndex:
    """One index: `_cat/indices` numbers, its flat settings (defaults included) and mapping."""

    name: str
    health: str = ""
    status: str = "open"
    primaries: int = 1
    replicas: int = 0
    docs_count: int = 0
    docs_deleted: int = 0
    store_bytes: int = 0
    pri_store_bytes: int = 0
    settings: Mapping[str, str] = field(default_factory=dict)
    # Settings given explicitly on the index (not defaults), by flat name.
    explicit: tuple[str, ...] = ()
    # The `mappings` object of `GET <index>/_mapping` (`{"properties": ...}`).
    mapping: Mapping[str, Any] = field(default_factory=dict)

    def setting(self, name: str) -> str | None:
        return self.settings.get(name)

    @property
    def is_system(self) -> bool:
        """Dot-prefixed indices belong to the cluster or its plugins."""
        return self.name.startswith(".")


@dataclass(frozen=True, slots=True)
class OsShard:
    """One shard copy from `_cat/shards`, with its `_cat/segments` summed up."""

    index: str
    shard: int
    primary: bool
    state: str
    docs: int | None = None
    store_bytes: int | None = None
    node: str | None = None
    unassigned_reason: str | None = None
    segments: int = 0
    segments_bytes: int = 0


@dataclass(frozen=True, slots=True)
class OsAllocation:
    """Disk use and shard count of one node from `_cat/allocation`."""

    node: str
    shards: int = 0
    disk_used_bytes: int | None = None
    disk_total_bytes: int | None = None
    disk_percent: float | None = None


@dataclass(frozen=True, slots=True)
class OsBreaker:
    name: str
    limit_bytes: int = 0
    estimated_bytes: int = 0
    tripped: int = 0


@dataclass(frozen=True, slots=True)
class OsNodeStats:
    """The parts of `_nodes/stats` the rules read, for one node."""

    node_id: str
    name: str = ""
    roles: tuple[str, ...] = ()
    heap_used_percent: float = 0.0
    heap_max_bytes: int = 0
    breakers: tuple[OsBreaker, ...] = ()
    query_cache_hits: int = 0
    query_cache_misses: int = 0
    query_cache_evictions: int = 0
    query_cache_bytes: int = 0
    request_cache_hits: int = 0
    request_cache_misses: int = 0
    request_cache_evictions: int = 0
    request_cache_bytes: int = 0
    fielddata_bytes: int = 0
    fielddata_evictions: int = 0
    search_queries: int = 0
    search_rejected: int = 0
    search_queue: int = 0

    def breaker(self, name: str) -> OsBreaker | None:
        return next((b for b in self.breakers if b.name == name), None)

    @property
    def is_data(self) -> bool:
        return not self.roles or any(r.startswith("data") for r in self.roles)


@dataclass(frozen=True, slots=True)
class OsProfileNode:
    """A node of a profiled query tree (or an aggregation): Lucene type, timings, children."""

    type: str
    description: str = ""
    time_ns: int = 0
    breakdown: Mapping[str, int] = field(default_factory=dict)
    children: tuple[OsProfileNode, ...] = ()
    max_slice_ns: int | None = None
    avg_slice_ns: int | None = None

    @property
    def self_ns(self) -> int:
        """Time spent in this node itself: its time minus its children's."""
        return max(0, self.time_ns - sum(c.time_ns for c in self.children))

    def walk(self) -> Iterator[OsProfileNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class OsCollector:
    name: str
    reason: str = ""
    time_ns: int = 0
    children: tuple[OsCollector, ...] = ()

    def walk(self) -> Iterator[OsCollector]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class OsSearchProfile:
    query: tuple[OsProfileNode, ...] = ()
    rewrite_ns: int = 0
    collectors: tuple[OsCollector, ...] = ()

    @property
    def query_ns(self) -> int:
        return sum(q.time_ns for q in self.query)


@dataclass(frozen=True, slots=True)
class OsShardProfile:
    """`profile.shards[]`: `id` is `[node][index][shard]`."""

    id: str
    searches: tuple[OsSearchProfile, ...] = ()
    aggregations: tuple[OsProfileNode, ...] = ()

    @property
    def query_ns(self) -> int:
        return sum(s.query_ns for s in self.searches)

    @property
    def aggregation_ns(self) -> int:
        return sum(a.time_ns for a in self.aggregations)


@dataclass(frozen=True, slots=True)
class OsProfile:
    """The profile of one request file's search, run with `"profile": true` when asked."""

    index: str
    body: str
    path: str | None = None
    line: int = 1
    took_ms: int = 0
    hits: int | None = None
    shards: tuple[OsShardProfile, ...] = ()
    error: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}" if self.path else self.index

    @property
    def location(self) -> Location | None:
        if self.path is None:
            return None
        return Location(self.path, self.line, 1, self.line, 1)


@dataclass(frozen=True, slots=True)
class OsMeasuredSearch:
    """One search body run a few times with `"profile": true` (to compare two forms of it).

    `took_ms` and `query_ns` hold one figure per run: the search's `took`, and the profile's
    query time summed over the shards' top-level queries. `hits` is the total hit count
    (`hits_relation` "eq" when exact), `top_ids` the ids of the hits returned, in order;
    `total_shards` 0 means that no index matched (a pattern matching none is no error).
    `error` (with its HTTP `status`) says why the search was refused; then the figures are
    empty.
    """

    index: str
    took_ms: tuple[int, ...] = ()
    query_ns: tuple[int, ...] = ()
    hits: int | None = None
    hits_relation: str = "eq"
    top_ids: tuple[str, ...] = ()
    timed_out: bool = False
    total_shards: int = 0
    failed_shards: int = 0
    error: str | None = None
    status: int = 0


@dataclass(frozen=True, slots=True)
class OsValidation:
    """`_validate/query?explain=true&rewrite=true` of one request file's query."""

    index: str
    valid: bool
    explanation: str = ""
    error: str = ""
    path: str | None = None
    line: int = 1


@dataclass(frozen=True, slots=True)
class OsTopQuery:
    """One record of Query Insights `_insights/top_queries`."""

    id: str = ""
    timestamp: int = 0
    indices: tuple[str, ...] = ()
    source: str = ""
    search_type: str = ""
    total_shards: int = 0
    group_by: str = ""
    node_id: str = ""
    latency_ms: float | None = None
    cpu_ns: float | None = None
    memory_bytes: float | None = None
    count: int = 1
    phase_expand_ms: float | None = None
    phase_query_ms: float | None = None
    phase_fetch_ms: float | None = None


@dataclass(frozen=True, slots=True)
class OsInsights:
    """What Query Insights returned, or why nothing (`available` false and a note)."""

    available: bool = False
    note: str = ""
    top_queries: tuple[OsTopQuery, ...] = ()


@dataclass(frozen=True, slots=True)
class OsSnapshot:
    """Everything one read of a cluster returned; the target of the OpenSearch live rules."""

    url: str = ""
    cluster: OsCluster = field(default_factory=OsCluster)
    indices: tuple[OsIndex, ...] = ()
    shards: tuple[OsShard, ...] = ()
    allocations: tuple[OsAllocation, ...] = ()
    nodes: tuple[OsNodeStats, ...] = ()
    validations: tuple[OsValidation, ...] = ()
    profiles: tuple[OsProfile, ...] = ()
    insights: OsInsights = field(default_factory=OsInsights)

    def index(self, name: str) -> OsIndex | None:
        return next((i for i in self.indices if i.name == name), None)

    def shards_of(self, name: str) -> tuple[OsShard, ...]:
        return tuple(s for s in self.shards if s.index == name)

    @property
    def data_nodes(self) -> tuple[OsNodeStats, ...]:
        return tuple(n for n in self.nodes if n.is_data)

    def targets(self, kind: TargetKind) -> Iterator[object]:
        """What the OpenSearch live rules of each kind look at in this snapshot. Query
        Insights is a target only once it was asked (it answered, or said why not): a read
        that failed before that has no workload to judge."""
        if kind is TargetKind.INDEX:
            yield from self.indices
        elif kind is TargetKind.PLAN:
            yield from self.profiles
        elif kind is TargetKind.WORKLOAD:
            if self.insights.available or self.insights.note:
                yield self.insights
        elif kind is TargetKind.CLUSTER:
            yield self


# What an OpenSearch live rule gets beside its target (`ctx.snapshot`, the options).
OsContext = LiveContext[OsSnapshot]
