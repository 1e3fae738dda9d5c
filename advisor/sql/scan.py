"""Bytes an Athena or Redshift Spectrum query scans, estimated from the external table's DDL.

Both bill by the bytes read from S3. What a query reads depends on the table's files:

- **Format.** Parquet and ORC are columnar: a query reads only the columns it names (the share
  is taken by column count). Text, CSV, JSON and Avro files are read whole whatever the query
  names.
- **Partitions.** A query with no predicate on a partition column reads every partition; one
  with such a predicate reads the partitions it selects (a share the DDL cannot tell).
- **Size.** The table's bytes come from its TABLE PROPERTIES / TBLPROPERTIES when declared:
  `totalSize` (Hive statistics) or `sizeKey` (an AWS Glue crawler) are the files' bytes;
  `rawDataSize` is the uncompressed size (an upper bound for compressed or columnar files);
  `numRows` or `recordCount` times `averageRecordSize` (Glue) is next; `numRows` alone is
  multiplied by a width taken from the declared column types (a rough figure). Without any of
  them the size is unknown and only the share of the table read is given.

The estimate is carried in a finding's evidence (`evidence`), so that `advisor.impact` can
turn it into an Impact with confidence "estimated from the catalog" and price it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp

from advisor.model import ColumnInfo, EvidenceValue, TableInfo
from advisor.sql.external import COLUMNAR_FORMATS

# Properties that give the files' bytes, best first, with what they measure.
_SIZE_KEYS: tuple[tuple[str, str], ...] = (
    ("totalsize", "totalSize"),
    ("sizekey", "sizeKey"),
    ("rawdatasize", "rawDataSize (uncompressed)"),
)
_ROW_KEYS = (("numrows", "numRows"), ("recordcount", "recordCount"))

# Bytes a value of each declared type takes, roughly (text forms for row formats are of the
# same order); used only when the DDL gives a row count and no size.
_TYPE_WIDTHS: tuple[tuple[str, int], ...] = (
    ("BOOLEAN", 1),
    ("SMALLINT", 2),
    ("TINYINT", 1),
    ("BIGINT", 8),
    ("INT", 4),
    ("DATE", 4),
    ("TIMESTAMP", 8),
    ("DOUBLE", 8),
    ("FLOAT", 4),
    ("REAL", 4),
    ("DECIMAL", 8),
    ("NUMERIC", 8),
)
_DEFAULT_WIDTH = 16
_VARCHAR = re.compile(r"(?:VAR)?CHAR(?:ACTER)?(?:\s+VARYING)?\s*\((\d+)\)")
_WIDE_TEXT = 32  # VARCHAR(MAX), STRING: an average, not the maximum


def _width(column: ColumnInfo) -> int:
    kind = column.type.upper()
    m = _VARCHAR.search(kind)
    if m:
        return min(int(m.group(1)), 256) // 2 or 1
    if "CHAR" in kind or "STRING" in kind or "TEXT" in kind:
        return _WIDE_TEXT
    return next((w for name, w in _TYPE_WIDTHS if name in kind), _DEFAULT_WIDTH)


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip().replace(",", "").replace("_", ""))
    except ValueError:
        return None
    return value if value >= 0 and value == value and value != float("inf") else None


def table_size(info: TableInfo) -> tuple[float | None, str]:
    """The table's bytes from its properties and where they came from ("" when unknown)."""
    for key, label in _SIZE_KEYS:
        size = _number(info.table_property(key))
        if size is not None and size > 0:
            return size, label
    rows, rows_label = next(
        (
            (n, label)
            for key, label in _ROW_KEYS
            if (n := _number(info.table_property(key))) is not None and n > 0
        ),
        (None, ""),
    )
    if rows is None:
        return None, ""
    average = _number(info.table_property("averagerecordsize"))
    if average is not None and average > 0:
        return rows * average, f"{rows_label} x averageRecordSize"
    if not info.columns:
        return None, ""
    width = sum(_width(c) for c in info.columns)
    return rows * width, f"{rows_label} x {width} B per row from the declared types (rough)"


@dataclass(frozen=True, slots=True)
class ScanEstimate:
    """What one query reads of one external table, per run."""

    table: str
    format: str
    columnar: bool
    columns_total: int
    columns_read: int
    partitioned: bool
    all_partitions: bool
    table_bytes: float | None
    size_source: str

    @property
    def column_share(self) -> float:
        if not self.columnar or self.columns_total <= 0:
            return 1.0
        return min(self.columns_read, self.columns_total) / self.columns_total

    @property
    def share(self) -> float | None:
        """The share of the table's bytes a run reads; None when partitions are selected."""
        return self.column_share if self.all_partitions else None

    @property
    def bytes_per_run(self) -> float | None:
        share = self.share
        return None if share is None or self.table_bytes is None else self.table_bytes * share

    def amount(self) -> str:
        """`about 2.0 TB per run`, `100% of the table per run, size unknown`, or ""."""
        size = self.bytes_per_run
        if size is not None:
            return f"about {_size(size)} per run"
        if self.share is not None:
            return f"{self.share:.0%} of the table per run, size unknown"
        return ""

    def columns_words(self) -> str:
        """`2 of 4 columns of PARQUET files` or `whole rows of TEXTFILE files`."""
        if self.columnar:
            return f"{self.columns_read} of {self.columns_total} columns of {self.format} files"
        return f"whole rows of {self.format} files"

    def words(self) -> str:
        """How much of the table a run reads, for a message."""
        parts = "every partition" if self.partitioned and self.all_partitions else ""
        if self.partitioned and not self.all_partitions:
            parts = "the partitions it selects"
        if self.columnar:
            cols = f"{self.columns_read} of {self.columns_total} columns"
        else:
            cols = f"whole rows ({self.format} is read in full)"
        reads = f"{cols} of {parts}" if parts else cols
        size = self.bytes_per_run
        if size is not None:
            return f"reads {reads}: about {_size(size)} per run"
        if self.share is not None:
            return f"reads {reads}: {self.share:.0%} of the table per run (size unknown)"
        return f"reads {reads}"

    def formula(self) -> str:
        share = (
            f"{self.columns_read}/{self.columns_total} columns ({self.format}, columnar)"
            if self.columnar
            else f"all columns ({self.format}, row format)"
        )
        parts = (
            "all partitions (no partition predicate)"
            if self.all_partitions
            else "the partitions selected (share unknown)"
        )
        if not self.partitioned:
            parts = "unpartitioned"
        size = (
            f"{self.table_bytes:.0f} B ({self.size_source})"
            if self.table_bytes is not None
            else "table size unknown (no totalSize, sizeKey, rawDataSize or numRows property)"
        )
        return f"bytes/run = {size} x {share} x {parts}"

    def evidence(self, engine: str) -> dict[str, EvidenceValue]:
        """The estimate as evidence entries (`advisor.impact.catalog_estimate` reads them);
        `engine` is "Athena" or "Spectrum"."""
        return {
            "scan_engine": engine,
            "scan_table": self.table,
            "scan_format": self.format,
            "scan_columns_read": self.columns_read if self.columnar else self.columns_total,
            "scan_columns_total": self.columns_total,
            "scan_partitions": "all" if self.all_partitions else "selected",
            "scan_share": None if self.share is None else round(self.share, 4),
            "scan_table_bytes": None if self.table_bytes is None else round(self.table_bytes),
            "scan_size_source": self.size_source or None,
            "scan_bytes_per_run": None if self.bytes_per_run is None else round(self.bytes_per_run),
            "scan_formula": self.formula(),
        }


def estimate(
    info: TableInfo, columns_read: int | None, all_partitions: bool
) -> ScanEstimate | None:
    """The scan of `info` by a query naming `columns_read` of its data columns (None: `*`)
    with (`all_partitions=False`) or without a partition predicate; None when the DDL does not
    say how the files are stored."""
    fmt = (info.storage_format or "").upper()
    if not fmt:
        return None
    columnar = fmt in COLUMNAR_FORMATS
    total = len(info.columns)
    size, source = table_size(info)
    return ScanEstimate(
        table=info.qualified_name,
        format=fmt,
        columnar=columnar,
        columns_total=total,
        columns_read=total if columns_read is None else min(columns_read, total),
        partitioned=bool(info.partition_keys),
        all_partitions=all_partitions or not info.partition_keys,
        table_bytes=size,
        size_source=source,
    )


def _size(n: float) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f} B"


def columns_read(select: exp.Select, alias: str, info: TableInfo) -> int | None:
    """How many of `info`'s data columns the select names (None: a star reads them all).

    A column counts when it is qualified with the source's alias, or unqualified and named
    like one of the table's columns; partition columns are not data columns (they are folder
    names) and are left out.
    """
    for item in select.expressions:
        star = isinstance(item, exp.Star) or (
            isinstance(item, exp.Column) and isinstance(item.this, exp.Star)
        )
        if star and (not isinstance(item, exp.Column) or item.table.lower() in ("", alias)):
            return None
    names = {c.name.lower() for c in info.columns}
    used = {
        column.name.lower()
        for column in select.find_all(exp.Column)
        if column.table.lower() in (alias, "") and column.name.lower() in names
    }
    return len(used)


def stops_early(select: exp.Select) -> bool:
    """A LIMIT with nothing that needs every row first (no ORDER BY, GROUP BY, aggregate or
    window): Athena and Spectrum stop reading files once the limit is met, so the query is a
    sample, not a scan of the table."""
    if select.args.get("limit") is None or select.args.get("order") or select.args.get("group"):
        return False
    if isinstance(select.parent, exp.Subquery | exp.CTE | exp.SetOperation):
        return False
    return not any(select.find(kind) is not None for kind in (exp.AggFunc, exp.Window, exp.Having))
