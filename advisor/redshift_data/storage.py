"""Storage: blocks per slice, column encodings, interleaved sort-key skew, VACUUM runs and
the cluster's disk space."""

from __future__ import annotations

from dataclasses import dataclass


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
