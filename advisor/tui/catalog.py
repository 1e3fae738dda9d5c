"""The Catalog view's rows as plain data: every table and index a live source read, with its
size, rows, health figures and how many findings name it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from advisor.model import Finding
from advisor.tui.live_sources import Snapshots
from advisor.tui.overview import _size

CATALOG_COLUMNS = ("Source", "Object", "Size", "Rows", "Health", "Findings")


@dataclass(frozen=True, slots=True)
class CatalogRow:
    source: str
    name: str
    size_bytes: int
    rows: int
    health: str
    names: frozenset[str]
    findings: int = 0

    @property
    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.source,
            self.name,
            _size(self.size_bytes),
            f"{self.rows:,}",
            self.health,
            str(self.findings) if self.findings else "",
        )


def _names(*names: str) -> frozenset[str]:
    return frozenset(name.lower() for name in names if name)


def _figures(*pairs: tuple[str, float | None]) -> str:
    return "  ".join(f"{name} {value:.1f}%" for name, value in pairs if value is not None)


def catalog_rows(snapshots: Snapshots, findings: Iterable[Finding] = ()) -> list[CatalogRow]:
    """Tables and indices, those with most findings first, each with its finding count."""
    rows: list[CatalogRow] = []
    pg = snapshots.postgres
    if pg is not None:
        for t in pg.tables:
            s = t.stats
            dead = live_share = None
            if s is not None:
                total = s.n_live_tup + s.n_dead_tup
                dead = 100.0 * s.n_dead_tup / total if total else None
                live_share = 100.0 * s.n_mod_since_analyze / max(s.n_live_tup, 1)
            health = _figures(("dead", dead), ("changed since analyze", live_share))
            if s is not None:
                health += f"  seq scans {s.seq_scan:,}"
            qualified = f"{t.schema}.{t.name}"
            rows_count = s.n_live_tup if s is not None else int(t.reltuples)
            rows.append(
                CatalogRow(
                    "postgres",
                    qualified,
                    t.total_bytes,
                    rows_count,
                    health.strip(),
                    _names(qualified, t.name),
                )
            )
    rs = snapshots.redshift
    if rs is not None:
        for r in rs.tables:
            skew = f"skew {r.skew_rows:.2f}  " if r.skew_rows is not None else ""
            health = skew + _figures(("unsorted", r.unsorted), ("stats off", r.stats_off))
            rows.append(
                CatalogRow(
                    "redshift",
                    r.qualified_name,
                    r.size_mb * 1024 * 1024,
                    r.tbl_rows,
                    health.strip(),
                    _names(r.qualified_name, r.table),
                )
            )
    os_snap = snapshots.opensearch
    if os_snap is not None:
        for i in os_snap.indices:
            if i.is_system:
                continue
            shards = os_snap.shards_of(i.name)
            largest = max((s.store_bytes or 0 for s in shards), default=0)
            health = f"{i.health or '?'}  {i.primaries}p/{i.replicas}r"
            if largest:
                health += f"  largest shard {_size(largest)}"
            if i.docs_deleted:
                health += f"  deleted {i.docs_deleted:,}"
            rows.append(
                CatalogRow(
                    "opensearch", i.name, i.store_bytes, i.docs_count, health, _names(i.name)
                )
            )
    counts = Counter((f.object or "").lower() for f in findings if f.object)
    counted = [
        CatalogRow(
            r.source,
            r.name,
            r.size_bytes,
            r.rows,
            r.health,
            r.names,
            sum(counts[name] for name in r.names),
        )
        for r in rows
    ]
    # The objects with most findings first.
    return sorted(counted, key=lambda r: (-r.findings, r.source, r.name))
