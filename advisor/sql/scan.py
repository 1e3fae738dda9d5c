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
turn it into an Impact with confidence "estimated from the catalog" and price it. The rules
that are about the scan (RS-Q25, RS-Q31) give their own; every other finding on a statement
that reads a declared external table is given the statement's (`with_statement_scans`): the
sum of what each of its reads scans, when the DDL gives every one a size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlglot import exp

from advisor.model import (
    Catalog,
    ColumnInfo,
    Evidence,
    EvidenceValue,
    Finding,
    Location,
    SqlStatement,
    TableInfo,
)
from advisor.sql.external import COLUMNAR_FORMATS
from advisor.sql.query import cte_map, sources

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


Lookup = Callable[[exp.Table], TableInfo | None]


def _partition_named(select: exp.Select, alias: str, info: TableInfo) -> bool:
    """Whether the select's WHERE or JOIN ON names a partition column of the source `alias`
    (qualified with it, or unqualified)."""
    keys = {k.lower() for k in info.partition_keys}
    if not keys:
        return False
    clauses = [select.args.get("where")]
    clauses.extend(j.args.get("on") for j in select.args.get("joins") or ())
    return any(
        column.name.lower() in keys and column.table.lower() in (alias, "")
        for clause in clauses
        if clause is not None
        for column in clause.find_all(exp.Column)
    )


def statement_scans(tree: exp.Expr, lookup: Lookup) -> list[ScanEstimate] | None:
    """What each read of a declared external table in a statement scans per run (one entry
    per SELECT that reads it); None when a read's share cannot be told (a LIMIT that stops
    reading early, a table whose DDL does not say how its files are stored)."""
    out: list[ScanEstimate] = []
    for select in tree.find_all(exp.Select):
        ctes = cte_map(select)
        for source in sources(select):
            if not isinstance(source, exp.Table) or not source.name:
                continue
            if not source.db and source.name.lower() in ctes:
                continue
            info = lookup(source)
            if info is None or not info.external:
                continue
            alias = source.alias_or_name.lower()
            scan = estimate(
                info,
                columns_read(select, alias, info),
                all_partitions=not _partition_named(select, alias, info),
            )
            if scan is None or stops_early(select):
                return None
            out.append(scan)
    return out


def statement_evidence(scans: Sequence[ScanEstimate], engine: str) -> dict[str, EvidenceValue]:
    """The scan of a whole statement as evidence entries, as `ScanEstimate.evidence` gives
    them for one read; empty unless every read's bytes are known."""
    if not scans or any(s.bytes_per_run is None for s in scans):
        return {}
    if len(scans) == 1:
        return scans[0].evidence(engine)
    total = sum(s.bytes_per_run or 0.0 for s in scans)
    formulas = [f"{s.table}: {s.formula()}" for s in scans]
    parts = " + ".join(f"{s.bytes_per_run or 0.0:.0f} B" for s in scans)
    return {
        "scan_engine": engine,
        "scan_table": ", ".join(dict.fromkeys(s.table for s in scans)),
        "scan_reads": len(scans),
        "scan_bytes_per_run": round(total),
        "scan_formula": "; ".join([*formulas, f"bytes/run = {parts}"]),
    }


class _Places:
    """The statements of a file by the lines they cover, to find the one a finding is in."""

    def __init__(self, statements: Sequence[SqlStatement]) -> None:
        self.by_line: dict[int, list[tuple[Location, SqlStatement]]] = {}
        for stmt in statements:
            loc = stmt.location
            for line in range(loc.line, loc.end_line + 1):
                self.by_line.setdefault(line, []).append((loc, stmt))

    def innermost(self, at: Location) -> SqlStatement | None:
        point = (at.line, at.column)
        best: SqlStatement | None = None
        size = (0, 0)
        for loc, stmt in self.by_line.get(at.line, ()):
            if loc.path != at.path or not (loc.line, loc.column) <= point <= (
                loc.end_line,
                loc.end_column,
            ):
                continue
            span = (loc.end_line - loc.line, loc.end_column - loc.column)
            if best is None or span < size:
                best, size = stmt, span
        return best


def with_statement_scans(
    findings: list[Finding], statements: Sequence[SqlStatement], catalog: Catalog
) -> list[Finding]:
    """The findings, each one on a statement that reads declared external tables given the
    statement's scan estimate as evidence (unless it carries one of its own).

    `statements` are a file's statements with their procedures' bodies; a finding belongs to
    the innermost one holding its line.
    """
    if not findings or not catalog.tables:
        return findings
    known: dict[int, dict[str, EvidenceValue]] = {}
    places: _Places | None = None
    out: list[Finding] = []
    for finding in findings:
        loc = finding.location
        stmt = None
        own = any(key == "scan_formula" for key, _ in finding.evidence.items)
        if finding.source == "static" and loc is not None and not own:
            places = places or _Places(statements)
            stmt = places.innermost(loc)
        if stmt is None or stmt.tree is None:
            out.append(finding)
            continue
        if id(stmt) not in known:
            known[id(stmt)] = _scan_of(stmt, catalog)
        extra = known[id(stmt)]
        if extra:
            evidence = Evidence((*finding.evidence.items, *extra.items()))
            finding = replace(finding, evidence=evidence)
        out.append(finding)
    return out


def _scan_of(stmt: SqlStatement, catalog: Catalog) -> dict[str, EvidenceValue]:
    if stmt.tree is None:
        return {}
    path = stmt.source.path

    def lookup(table: exp.Table) -> TableInfo | None:
        return catalog.lookup(table.db or None, table.name, path)

    scans = statement_scans(stmt.tree, lookup)
    engine = "Athena" if stmt.dialect.lower() == "athena" else "Spectrum"
    return statement_evidence(scans, engine) if scans else {}
