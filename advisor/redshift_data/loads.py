"""How data got into the cluster: INSERT ... SELECT pairs, trickle INSERTs, COPY groups, COPY
input compression and COPY's compression analysis."""

from __future__ import annotations

from dataclasses import dataclass


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
