"""The demo tables: created from their Redshift DDL (keys parsed by the advisor's dialect),
filled by generators, then analysed, updated, deleted from or vacuumed as the scenario says,
so that PostgreSQL's own counters become svv_table_info's rows, sizes and staleness."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg

from advisor.model import TableInfo
from advisor.sql.catalog import table_info
from advisor.sql.dialect import parse_one
from rs_emulation.rows import Row, Spec, write

# Redshift's encodings for columns whose DDL names none (sort-key columns are RAW as well).
RAW_TYPES = ("BOOL", "REAL", "DOUBLE", "FLOAT")
AZ64_TYPES = ("SMALLINT", "INT", "BIGINT", "DECIMAL", "NUMERIC", "DATE", "TIMESTAMP")


def value(column: str, type_: str) -> str:
    """A generated value for row number g of a column of this Redshift type."""
    t = type_.upper()
    if t.startswith(("VARCHAR", "CHAR", "TEXT", "CHARACTER")):
        return f"'{column}-' || (g % 5000)"
    if t.startswith(("TIMESTAMP", "DATE")):
        return "timestamp '2026-01-01' + g * interval '1 minute'"
    if t.startswith("BOOL"):
        return "g % 2 = 0"
    if t.startswith(("DECIMAL", "NUMERIC", "REAL", "DOUBLE", "FLOAT")):
        return "(g % 1000) * 1.5"
    return "g"


def pg_ddl(info: TableInfo) -> str:
    columns = ", ".join(f'"{c.name}" {c.type}' for c in info.columns)
    return f"CREATE TABLE {info.qualified_name} ({columns}) WITH (autovacuum_enabled = false)"


def _diststyle(info: TableInfo) -> str:
    if info.distkey:
        return f"KEY({info.distkey})"
    diststyle = info.diststyle or "AUTO"
    return "AUTO(EVEN)" if diststyle == "AUTO" else diststyle


def declared(info: TableInfo) -> dict[str, Any]:
    """The table's keys as svv_table_info shows them."""
    sortkey1 = info.sortkey[0] if info.sortkey else ""
    if info.sortkey_style == "INTERLEAVED":
        sortkey1 = "INTERLEAVED"
    first = info.column(info.sortkey[0]) if info.sortkey else None
    widths = [
        int(c.type.split("(")[1].rstrip(")"))
        for c in info.columns
        if c.type.upper().startswith("VARCHAR(")
    ]
    return {
        "schema": info.schema,
        "table": info.name,
        "diststyle": _diststyle(info),
        "sortkey1": sortkey1,
        "sortkey_num": len(info.sortkey),
        "sortkey1_enc": (first.encoding or "none").lower() if first else "none",
        "encoded": "Y" if any(c.encoding for c in info.columns) else "N",
        "max_varchar": max(widths, default=0),
    }


def _encoding(declared_as: str | None, type_: str, position: int) -> str:
    kind = type_.upper()
    if declared_as:
        encoding = declared_as.lower()
    elif position or kind.startswith(RAW_TYPES):
        encoding = "none"
    elif kind.startswith(AZ64_TYPES):
        encoding = "az64"
    else:
        encoding = "lzo"
    return "none" if encoding == "raw" else encoding


def declared_columns(info: TableInfo) -> Iterator[dict[str, Any]]:
    """Each column's encoding as the catalog shows it ('none' for RAW), its DISTKEY flag and
    sort-key position (interleaved keys alternate signs, as pg_table_def shows them)."""
    for column in info.columns:
        position = next(
            (i for i, name in enumerate(info.sortkey, 1) if name.lower() == column.name.lower()),
            0,
        )
        if info.sortkey_style == "INTERLEAVED" and position % 2 == 0:
            position = -position
        yield {
            "schema": info.schema,
            "table": info.name,
            "column": column.name,
            "encoding": _encoding(column.encoding, column.type, position),
            "distkey": bool(info.distkey and info.distkey.lower() == column.name.lower()),
            "sortkey": position,
        }


def layout_rows(info: TableInfo, spec: Spec) -> Iterator[Row]:
    """What the DDL declared, and the planted block and slice layouts."""
    # `shown`: what svv_table_info shows instead of the DDL's keys (the keys Redshift chose).
    yield "declared_keys", {**declared(info), **spec.get("shown", {})}
    for column in declared_columns(info):
        yield "declared_columns", column
    for layout in spec.get("blocks", []):
        yield (
            "block_layout",
            {
                "schema": info.schema,
                "table": info.name,
                "slice": layout["slice"],
                "blocks": layout["blocks"],
                "num_values": layout["num_values"],
            },
        )
    slices = spec.get("slices") or {}
    if slices:
        yield (
            "slice_layout",
            {
                "schema": info.schema,
                "table": info.name,
                "skew_rows": slices.get("skew_rows"),
                "skew_sortkey1": slices.get("skew_sortkey1"),
                "unsorted": slices.get("unsorted"),
                "vacuum_sort_benefit": slices.get("vacuum_sort_benefit"),
            },
        )


def _step_sql(step: str | dict[str, Any], name: str, first: str) -> str:
    if step == "analyze":
        return f"ANALYZE {name}"
    if step == "vacuum":
        return f"VACUUM {name}"
    if step == "vacuum_analyze":
        return f"VACUUM (ANALYZE) {name}"
    assert isinstance(step, dict), step
    if "update_pct" in step:
        cut = int(step["update_pct"])
        return f"UPDATE {name} SET {first} = {first} WHERE {first} % 100 < {cut}"
    cut = int(step["delete_pct"])
    return f"DELETE FROM {name} WHERE {first} % 100 < {cut}"


def load_tables(dsn: str, tables: list[dict[str, Any]]) -> list[str]:
    """Create, fill and age the tables; returns their qualified names."""
    names = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for spec in tables:
            info = table_info(parse_one(spec["ddl"]))  # type: ignore[arg-type]
            assert info is not None, spec["ddl"]
            names.append(info.qualified_name)
            conn.execute(pg_ddl(info))
            given = spec.get("values") or {}
            values = ", ".join(given.get(c.name) or value(c.name, c.type) for c in info.columns)
            conn.execute(
                f"INSERT INTO {info.qualified_name} SELECT {values} "
                f"FROM generate_series(1, {int(spec['rows'])}) AS g"
            )
            write(conn, layout_rows(info, spec))
    # Each step in its own session, so its counters reach the statistics system before the next.
    for spec, name in zip(tables, names, strict=True):
        first = spec["ddl"].split("(")[1].split()[0]
        for step in spec.get("steps", []):
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(_step_sql(step, name, first))
    return names
