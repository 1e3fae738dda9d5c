"""The catalog of a lint run: tables and columns as declared by DDL (or read from a live
catalog), and how the run's statements use them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from advisor.model_finding import Location


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    name: str
    type: str
    encoding: str | None = None
    distkey: bool = False
    sortkey_position: int = 0
    not_null: bool = False
    identity: bool = False


@dataclass(frozen=True, slots=True)
class TableInfo:
    """A table as declared (from DDL in the lint run) or as read from a live catalog."""

    schema: str | None
    name: str
    columns: tuple[ColumnInfo, ...] = ()
    diststyle: str | None = None
    distkey: str | None = None
    sortkey: tuple[str, ...] = ()
    sortkey_style: str | None = None
    external: bool = False
    partition_keys: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    location: Location | None = None
    foreign_key: bool = False
    # External tables: the files' format as declared (upper case: PARQUET, ORC, TEXTFILE,
    # JSON, CSV...) and the TABLE PROPERTIES / TBLPROPERTIES entries (key lower case, value).
    storage_format: str | None = None
    properties: tuple[tuple[str, str], ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def column(self, name: str) -> ColumnInfo | None:
        key = name.lower()
        return next((c for c in self.columns if c.name.lower() == key), None)

    def table_property(self, key: str) -> str | None:
        """A table property's value by key (case-insensitive), None when not declared."""
        wanted = key.lower()
        return next((v for k, v in self.properties if k == wanted), None)


@dataclass(slots=True)
class Catalog:
    """Tables known to a run, keyed by lower-case qualified and bare name."""

    tables: dict[str, TableInfo] = field(default_factory=dict)
    external_schemas: dict[str, str] = field(default_factory=dict)
    # How often the run's statements write to (INSERT/UPDATE/DELETE/MERGE) or join each table,
    # keyed like `tables` by the name as referenced (lower case, schema-qualified when written so).
    dml_writes: dict[str, int] = field(default_factory=dict)
    # The same writes by file: key -> path -> count (for tables several files each create).
    dml_writes_in: dict[str, dict[str, int]] = field(default_factory=dict)
    # Paths of the files that create each table (lower-case qualified name).
    created_in: dict[str, set[str]] = field(default_factory=dict)
    joins: dict[str, int] = field(default_factory=dict)
    # Relations other than tables declared in the run: name -> "VIEW", "MATERIALIZED VIEW",
    # "TEMPORARY TABLE" (keyed like `tables`).
    relation_kinds: dict[str, str] = field(default_factory=dict)
    # Every table by lower-case bare name, and the schemas each file's `SET search_path` names
    # (keyed by path): what an unqualified name is resolved with.
    named: dict[str, list[TableInfo]] = field(default_factory=dict)
    search_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Paths of the files that run ANALYZE, by the table analyzed ("" for a database-wide one).
    analyzed_in: dict[str, set[str]] = field(default_factory=dict)

    def usage(self, counts: Mapping[str, int], schema: str | None, name: str) -> int:
        """References counted in `counts` that may mean schema.name (unqualified ones too)."""
        total = counts.get(name.lower(), 0)
        if schema:
            total += counts.get(f"{schema}.{name}".lower(), 0)
        return total

    def relation_kind(self, schema: str | None, name: str) -> str | None:
        if schema:
            return self.relation_kinds.get(f"{schema}.{name}".lower())
        return self.relation_kinds.get(name.lower())

    def add(self, table: TableInfo) -> None:
        self.tables[table.qualified_name.lower()] = table
        self.tables.setdefault(table.name.lower(), table)
        same_name = self.named.setdefault(table.name.lower(), [])
        key = table.qualified_name.lower()
        same_name[:] = [t for t in same_name if t.qualified_name.lower() != key] + [table]

    def lookup(self, schema: str | None, name: str, path: str | None = None) -> TableInfo | None:
        """The table a reference means; an unqualified one only when that is certain enough.

        An unqualified name means the table declared without a schema; else the one in the
        first schema of the file's `SET search_path`; else the only table of that name declared
        in the same file (`path`); else `public.name`. A table of that name in some other schema
        of some other file is not assumed.
        """
        if schema:
            return self.tables.get(f"{schema}.{name}".lower())
        candidates = self.named.get(name.lower(), [])
        if not candidates:
            return None
        bare = next((t for t in candidates if not t.schema), None)
        if bare is not None:
            return bare
        if path is not None:
            for wanted in self.search_paths.get(path, ()):
                hit = next((t for t in candidates if (t.schema or "").lower() == wanted), None)
                if hit is not None:
                    return hit
            here = [t for t in candidates if t.location is not None and t.location.path == path]
            if len(here) == 1:
                return here[0]
        return next((t for t in candidates if (t.schema or "").lower() == "public"), None)

    def __iter__(self) -> Iterator[TableInfo]:
        seen: set[int] = set()
        for table in self.tables.values():
            if id(table) not in seen:
                seen.add(id(table))
                yield table
