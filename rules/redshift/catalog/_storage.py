"""Per-table storage facts of a snapshot (blocks, encodings, interleaved skew), by table id."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from advisor.model_redshift import (
    RsColumnEncoding,
    RsInterleavedSkew,
    RsSnapshot,
    RsTableBlocks,
    RsTableStats,
)


def blocks_of(table: RsTableStats, snapshot: RsSnapshot) -> RsTableBlocks | None:
    return _by_id(snapshot.blocks).get(table.table_id)


def encoding_of(table: RsTableStats, snapshot: RsSnapshot) -> RsColumnEncoding | None:
    return _by_id(snapshot.encodings).get(table.table_id)


def interleaved_of(table: RsTableStats, snapshot: RsSnapshot) -> RsInterleavedSkew | None:
    return _by_id(snapshot.interleaved).get(table.table_id)


class _HasTableId(Protocol):
    @property
    def table_id(self) -> int: ...


Fact = TypeVar("Fact", bound=_HasTableId)

# The facts of the snapshots last looked in, by table id (the first row of each): the rules
# ask once per table, and a scan of the facts each time grows with tables squared.
_INDEXES: dict[int, tuple[tuple[Any, ...], dict[int, Any]]] = {}


def _by_id(rows: tuple[Fact, ...]) -> dict[int, Fact]:
    known = _INDEXES.get(id(rows))
    if known is not None and known[0] is rows:
        return known[1]
    index: dict[int, Fact] = {}
    for row in rows:
        index.setdefault(row.table_id, row)
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    _INDEXES[id(rows)] = (rows, index)
    return index


def is_all(table: RsTableStats) -> bool:
    """DISTSTYLE ALL (or AUTO(ALL)): one copy per node, on its first slice only."""
    return "ALL" in table.diststyle.upper()
