"""The catalog of a Redshift cluster: tables and their keys, the value spread of columns,
materialized views, advisor recommendations, external (Spectrum) tables, automatic table
optimisation events and user-defined functions."""

from __future__ import annotations

import math
from dataclasses import dataclass

# svv_table_info.sortkey1 of a table Redshift sorts by a multidimensional data layout (a kind
# of AUTO sort key built from the workload's repeated predicates).
MDDL_SORTKEY = "padb_internal_mddl_key_col"


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

    @property
    def mddl(self) -> bool:
        """Sorted by a multidimensional data layout (sortkey1 padb_internal_mddl_key_col)."""
        return MDDL_SORTKEY in self.sortkey1.lower()

    @property
    def sortkey_auto(self) -> bool:
        """Redshift chooses the sort key: AUTO(SORTKEY), AUTO(SORTKEY(c)), or a layout."""
        return self.sortkey1.strip().upper().startswith("AUTO(") or self.mddl

    @property
    def diststyle_auto(self) -> bool:
        """Redshift chooses the distribution: AUTO(ALL), AUTO(EVEN) or AUTO(KEY(c))."""
        return self.diststyle.strip().upper().startswith("AUTO(")


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
