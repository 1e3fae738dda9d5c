"""Per-table storage facts of a snapshot (blocks, encodings, interleaved skew), by table id."""

from __future__ import annotations

from advisor.model_redshift import (
    RsColumnEncoding,
    RsInterleavedSkew,
    RsSnapshot,
    RsTableBlocks,
    RsTableStats,
)


def blocks_of(table: RsTableStats, snapshot: RsSnapshot) -> RsTableBlocks | None:
    return next((b for b in snapshot.blocks if b.table_id == table.table_id), None)


def encoding_of(table: RsTableStats, snapshot: RsSnapshot) -> RsColumnEncoding | None:
    return next((e for e in snapshot.encodings if e.table_id == table.table_id), None)


def interleaved_of(table: RsTableStats, snapshot: RsSnapshot) -> RsInterleavedSkew | None:
    return next((i for i in snapshot.interleaved if i.table_id == table.table_id), None)


def is_all(table: RsTableStats) -> bool:
    """DISTSTYLE ALL (or AUTO(ALL)): one copy per node, on its first slice only."""
    return "ALL" in table.diststyle.upper()
