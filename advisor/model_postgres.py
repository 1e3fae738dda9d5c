"""Plain data read from a live PostgreSQL database: tables and their statistics, indexes,
settings, pg_stat_statements, EXPLAIN plans. The Postgres connector fills it and the PG rules
read it. Like `advisor.model`, nothing here imports from the rest of the project.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from advisor.model import Location, TargetKind
from advisor.model_live import LiveContext as _LiveContext

# --- Live PostgreSQL: what the connector reads and the live rules look at ---------------------


@dataclass(frozen=True, slots=True)
class PgColumn:
    """A table column with the planner's width estimate (pg_stats) when the table was analysed."""

    name: str
    type: str
    not_null: bool = False
    avg_width: int | None = None
    null_frac: float | None = None


@dataclass(frozen=True, slots=True)
class PgIndex:
    """An index with its key list (column names or expressions), predicate and usage counters."""

    schema: str
    table: str
    name: str
    definition: str
    method: str = "btree"
    keys: tuple[str, ...] = ()
    unique: bool = False
    primary: bool = False
    constraint: str | None = None
    predicate: str | None = None
    valid: bool = True
    size_bytes: int = 0
    idx_scan: int | None = None
    idx_tup_read: int | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def table_name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True, slots=True)
class PgForeignKey:
    name: str
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PgTableStats:
    """Counters of pg_stat_user_tables and pg_statio_user_tables; timestamps as ISO text."""

    seq_scan: int = 0
    seq_tup_read: int = 0
    idx_scan: int | None = None
    idx_tup_fetch: int | None = None
    n_live_tup: int = 0
    n_dead_tup: int = 0
    n_mod_since_analyze: int = 0
    last_vacuum: str | None = None
    last_autovacuum: str | None = None
    last_analyze: str | None = None
    last_autoanalyze: str | None = None
    heap_blks_read: int = 0
    heap_blks_hit: int = 0


@dataclass(frozen=True, slots=True)
class PgTable:
    """A table as pg_class sees it, with its columns, indexes, foreign keys and statistics."""

    schema: str
    name: str
    reltuples: float = 0.0
    relpages: int = 0
    table_bytes: int = 0
    total_bytes: int = 0
    reloptions: tuple[tuple[str, str], ...] = ()
    frozen_xid_age: int = 0
    primary_key: tuple[str, ...] = ()
    columns: tuple[PgColumn, ...] = ()
    indexes: tuple[PgIndex, ...] = ()
    foreign_keys: tuple[PgForeignKey, ...] = ()
    stats: PgTableStats | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    def option(self, name: str) -> str | None:
        """A storage parameter from reloptions (`autovacuum_enabled`, `fillfactor`, ...)."""
        return next((v for k, v in self.reloptions if k == name), None)


@dataclass(frozen=True, slots=True)
class PgSettings:
    """Server settings as pg_settings reports them (`setting` text, in the setting's unit)."""

    values: tuple[tuple[str, str], ...] = ()

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.values if k == name), None)

    def number(self, name: str, default: float) -> float:
        try:
            return float(self.get(name) or default)
        except ValueError:
            return default


@dataclass(frozen=True, slots=True)
class PgStatement:
    """One pg_stat_statements entry (times in milliseconds, blocks of 8 kB)."""

    queryid: int
    query: str
    calls: int
    total_exec_time: float
    mean_exec_time: float
    rows: int
    shared_blks_hit: int = 0
    shared_blks_read: int = 0
    temp_blks_read: int = 0
    temp_blks_written: int = 0


@dataclass(frozen=True, slots=True)
class PgWorkload:
    """The top statements by total execution time, as pg_stat_statements ranked them."""

    statements: tuple[PgStatement, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanNode:
    """One node of an `EXPLAIN (FORMAT JSON)` plan; actual_* are None without ANALYZE."""

    node_type: str
    relation: str | None = None
    alias: str | None = None
    index_name: str | None = None
    parent_relationship: str | None = None
    filter: str | None = None
    index_cond: str | None = None
    plan_rows: float = 0.0
    total_cost: float = 0.0
    actual_rows: float | None = None
    actual_loops: float | None = None
    rows_removed_by_filter: float | None = None
    sort_method: str | None = None
    sort_space_type: str | None = None
    hash_batches: int | None = None
    lossy_heap_blocks: int | None = None
    heap_fetches: int | None = None
    temp_written_blocks: int | None = None
    children: tuple[PlanNode, ...] = ()

    def walk(self) -> Iterator[PlanNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class PgPlan:
    """The plan of one statement, with where the statement came from (file and line)."""

    statement: str
    root: PlanNode
    analyzed: bool = False
    path: str | None = None
    line: int = 1

    @property
    def location(self) -> Location | None:
        if self.path is None:
            return None
        return Location(self.path, self.line, 1, self.line, 1)


@dataclass(frozen=True, slots=True)
class PgSnapshot:
    """Everything one live read of a PostgreSQL database returned; rules see only this."""

    server: str = ""
    database: str = ""
    server_version_num: int = 0
    settings: PgSettings = field(default_factory=PgSettings)
    tables: tuple[PgTable, ...] = ()
    workload: PgWorkload | None = None
    plans: tuple[PgPlan, ...] = ()

    def table(self, qualified_name: str) -> PgTable | None:
        return next((t for t in self.tables if t.qualified_name == qualified_name), None)

    def targets(self, kind: TargetKind) -> Iterator[object]:
        """What the PostgreSQL rules of each kind look at in this snapshot."""
        if kind is TargetKind.TABLE:
            yield from self.tables
        elif kind is TargetKind.INDEX:
            yield from (i for t in self.tables for i in t.indexes)
        elif kind is TargetKind.PLAN:
            yield from self.plans
        elif kind is TargetKind.WORKLOAD:
            if self.workload is not None:
                yield self.workload
        elif kind is TargetKind.CLUSTER:
            yield self


# What a PostgreSQL rule gets beside its target (`ctx.snapshot`, the options).
PgContext = _LiveContext[PgSnapshot]
LiveContext = PgContext


# --- Hypothetical indexes (HypoPG): what `--verify-fixes` asks the server and what it answers --


@dataclass(frozen=True, slots=True)
class WhatIfStatement:
    """A statement to plan before and after a hypothetical index. `label` says where it came
    from (a file and line, a pg_stat_statements queryid, the foreign key's lookup); `$n`
    parameters are planned generically, with NULL arguments of the types the server infers."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class WhatIfIndex:
    """One index to try: its `CREATE INDEX` text and the statements it should help."""

    key: str
    index_sql: str
    statements: tuple[WhatIfStatement, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanCost:
    """The planner's total cost of one statement without and with the hypothetical index;
    `error` says why it could not be planned (then both costs may be None)."""

    label: str
    before: float | None = None
    after: float | None = None
    uses_index: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class WhatIfResult:
    """What the server said about one `WhatIfIndex`: the hypothetical index's name and the
    costs of its statements, or why the index could not be created."""

    key: str
    index_name: str | None = None
    costs: tuple[PlanCost, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class WhatIfRun:
    """One session of hypothetical indexes, always rolled back. `extension` is "installed"
    (hypopg was there), "created" (created for the session and rolled back with it),
    "missing", "unavailable" (the server has no such extension) or "unknown" (the session
    ended before it looked); `error` says why nothing (or not everything) was checked."""

    extension: str
    results: tuple[WhatIfResult, ...] = ()
    error: str | None = None
    statements_sent: int = 0
