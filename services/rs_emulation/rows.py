"""Data-driven inserts: a family yields `(table, {column: value})` pairs and `write` stores
them, one `executemany` per run of rows of the same table and columns, each table's rows in the
order they were yielded."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

SCHEMA = "redshift_emul"
# History is dated relative to the load, inside the last hour, so per-hour groupings see it.
NOW = datetime.now().replace(microsecond=0)

Spec = Mapping[str, Any]
Row = tuple[str, dict[str, Any]]
Feed = Callable[[Spec], Iterator[Row]]
Conn = psycopg.Connection[Any]


@dataclass(frozen=True, slots=True)
class Expr:
    """A value the server computes: `template` is SQL with one `%s` per argument."""

    template: str
    args: tuple[Any, ...] = ()


DATABASE = Expr("current_database()")


def table_id(name: str) -> Expr:
    """The id of a demo table, as Redshift's integer table ids."""
    return Expr("%s::regclass::oid::integer", (name,))


def query_hash(text: str) -> str:
    """The 40-character hash the emulation gives a statement's text (case and spacing folded)."""
    return hashlib.sha1(" ".join(text.split()).lower().encode()).hexdigest()[:40]


def runs(spec: Spec, key: str = "runs") -> range:
    return range(int(spec[key]))


def feed(spec: Spec, key: str, rows: Callable[[Spec], Iterator[Row]]) -> Iterator[Row]:
    """The rows of every entry of `spec[key]`."""
    for entry in spec.get(key, []):
        yield from rows(entry)


@dataclass(slots=True)
class _Batch:
    columns: tuple[str, ...]
    templates: tuple[str, ...]
    params: list[tuple[Any, ...]]


def _shape(values: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Any, ...]]:
    templates: list[str] = []
    params: list[Any] = []
    for value in values.values():
        if isinstance(value, Expr):
            templates.append(value.template)
            params.extend(value.args)
        else:
            templates.append("%s")
            params.append(value)
    return tuple(values), tuple(templates), tuple(params)


def write(conn: Conn, rows: Iterable[Row]) -> int:
    """Insert the rows into the emulation's tables; returns how many were written."""
    batches: dict[str, list[_Batch]] = {}
    count = 0
    for table, values in rows:
        columns, templates, params = _shape(values)
        runs_of = batches.setdefault(table, [])
        if runs_of and runs_of[-1].columns == columns and runs_of[-1].templates == templates:
            runs_of[-1].params.append(params)
        else:
            runs_of.append(_Batch(columns, templates, [params]))
        count += 1
    with conn.cursor() as cur:
        for table, table_batches in batches.items():
            for batch in table_batches:
                statement = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                    sql.Identifier(SCHEMA, table),
                    sql.SQL(", ").join(sql.Identifier(c) for c in batch.columns),
                    sql.SQL(", ").join(sql.SQL(t) for t in batch.templates),
                )
                cur.executemany(statement, batch.params)
    return count
