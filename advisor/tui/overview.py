"""The overview's charts as plain data: finding counts, the worst tables and indices, the top
queries. Built from the report and the snapshots the live sources read; each chart names what
it measures, so a chart with no data is left out rather than shown empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from advisor.model import Report, Severity
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsSnapshot
from advisor.tui.live_sources import Snapshots
from advisor.tui.widgets.styles import SEVERITY_STYLE

TOP = 8
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A titled list of bars; `scale` is the value of a full bar (the largest when None)."""

    title: str
    bars: tuple[Bar, ...]
    scale: float | None = None

    @property
    def full(self) -> float:
        top = max((bar.value for bar in self.bars), default=0.0)
        return self.scale if self.scale is not None else top


def _size(n_bytes: float) -> str:
    value = float(n_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"  # pragma: no cover


def _short(text: str, width: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _worst(
    title: str,
    items: Iterable[T],
    label: Callable[[T], str],
    value: Callable[[T], float | None],
    fmt: Callable[[float], str],
    scale: float | None = None,
) -> Chart | None:
    scored = [(v, label(item)) for item in items if (v := value(item)) is not None and v > 0]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if not scored:
        return None
    bars = tuple(Bar(name, v, fmt(v)) for v, name in scored[:TOP])
    return Chart(title, bars, scale)


def finding_charts(report: Report) -> list[Chart]:
    by_severity = dict.fromkeys(Severity, 0)
    by_family: dict[str, int] = {}
    for finding in report.findings:
        by_severity[finding.severity] += 1
        meta = report.rules.get(finding.rule_id)
        family = meta.family if meta else finding.rule_id.rsplit("-", 1)[0]
        by_family[family] = by_family.get(family, 0) + 1
    severities = tuple(
        Bar(s.label, by_severity[s], str(by_severity[s]), SEVERITY_STYLE[s])
        for s in sorted(Severity, reverse=True)
    )
    families = tuple(
        Bar(name, count, str(count))
        for name, count in sorted(by_family.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    charts = [Chart("Findings by severity", severities)]
    if families:
        charts.append(Chart("Findings by family", families))
    return charts


def _pct(value: float) -> str:
    return f"{value:.1f} %"


def _ratio(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole > 0 else None


def table_charts(snapshots: Snapshots) -> list[Chart]:
    """The worst Redshift and PostgreSQL tables, and the largest OpenSearch shards."""
    charts: list[Chart | None] = []
    if snapshots.redshift is not None:
        charts += _redshift_charts(snapshots.redshift)
    if snapshots.postgres is not None:
        charts += _postgres_charts(snapshots.postgres)
    if snapshots.opensearch is not None:
        charts += _opensearch_charts(snapshots.opensearch)
    return [chart for chart in charts if chart is not None]


def _redshift_charts(rs: RsSnapshot) -> list[Chart | None]:
    """The Redshift tables with the most skew, unsorted rows and stale statistics."""
    tables = rs.tables
    return [
        _worst(
            "Redshift: row skew (largest slice / smallest)",
            tables,
            lambda t: t.qualified_name,
            lambda t: t.skew_rows,
            lambda v: f"{v:.2f}",
        ),
        _worst(
            "Redshift: unsorted share",
            tables,
            lambda t: t.qualified_name,
            lambda t: t.unsorted,
            _pct,
            100.0,
        ),
        _worst(
            "Redshift: stale statistics (stats_off)",
            tables,
            lambda t: t.qualified_name,
            lambda t: t.stats_off,
            _pct,
            100.0,
        ),
    ]


def _postgres_charts(pg: PgSnapshot) -> list[Chart | None]:
    """The PostgreSQL tables with the most dead tuples and stale statistics, the largest."""
    with_stats = [t for t in pg.tables if t.stats is not None]
    return [
        _worst(
            "PostgreSQL: dead tuples (share of rows)",
            with_stats,
            lambda t: f"{t.schema}.{t.name}",
            lambda t: (
                _ratio(t.stats.n_dead_tup, t.stats.n_live_tup + t.stats.n_dead_tup)
                if t.stats
                else None
            ),
            _pct,
            100.0,
        ),
        _worst(
            "PostgreSQL: stale statistics (rows changed since ANALYZE)",
            with_stats,
            lambda t: f"{t.schema}.{t.name}",
            lambda t: (
                _ratio(t.stats.n_mod_since_analyze, max(t.stats.n_live_tup, 1)) if t.stats else None
            ),
            _pct,
        ),
        _worst(
            "PostgreSQL: largest tables",
            pg.tables,
            lambda t: f"{t.schema}.{t.name}",
            lambda t: float(t.total_bytes),
            _size,
        ),
    ]


def _opensearch_charts(os_snap: OsSnapshot) -> list[Chart | None]:
    """The largest OpenSearch shards, and the indices with the most primary store per shard."""
    return [
        _worst(
            "OpenSearch: largest shards",
            os_snap.shards,
            lambda s: f"{s.index}[{s.shard}]{'p' if s.primary else 'r'}",
            lambda s: float(s.store_bytes) if s.store_bytes is not None else None,
            _size,
        ),
        _worst(
            "OpenSearch: primary store per shard",
            [i for i in os_snap.indices if not i.is_system],
            lambda i: f"{i.name} ({i.primaries}p/{i.replicas}r)",
            lambda i: i.pri_store_bytes / max(i.primaries, 1),
            _size,
        ),
    ]


def query_charts(snapshots: Snapshots) -> list[Chart]:
    """Top queries by total time, from whichever workload was read."""
    charts: list[Chart | None] = []
    pg = snapshots.postgres
    if pg is not None and pg.workload is not None:
        charts.append(
            _worst(
                "PostgreSQL: top statements by total time (pg_stat_statements)",
                pg.workload.statements,
                lambda s: _short(s.query),
                lambda s: s.total_exec_time,
                lambda v: f"{v / 1000:.2f} s",
            )
        )
    rs = snapshots.redshift
    if rs is not None and rs.workload is not None:
        charts.append(
            _worst(
                "Redshift: top queries by elapsed time (query history)",
                rs.workload.queries,
                lambda q: _short(q.query_text),
                lambda q: float(q.total_elapsed_us),
                lambda v: f"{v / 1e6:.2f} s",
            )
        )
    os_snap = snapshots.opensearch
    if os_snap is not None and os_snap.insights.top_queries:
        charts.append(
            _worst(
                "OpenSearch: top queries by latency (Query Insights)",
                os_snap.insights.top_queries,
                lambda q: _short(f"{','.join(q.indices) or '_all'} {q.source}"),
                lambda q: q.latency_ms * q.count if q.latency_ms is not None else None,
                lambda v: f"{v:.0f} ms",
            )
        )
    return [chart for chart in charts if chart is not None]


def charts(report: Report, snapshots: Snapshots) -> list[Chart]:
    return finding_charts(report) + table_charts(snapshots) + query_charts(snapshots)


def render_bar(bar: Bar, full: float, label_width: int, width: int) -> Sequence[tuple[str, str]]:
    """The pieces of one bar line: (text, style)."""
    filled = 0 if full <= 0 else round(width * min(bar.value, full) / full)
    if bar.value > 0 and filled == 0:
        filled = 1
    label = bar.label if len(bar.label) <= label_width else bar.label[: label_width - 1] + "…"
    return (
        (f"{label:<{label_width}} ", "bold" if not bar.style else bar.style),
        ("█" * filled, bar.style or "cyan"),
        ("░" * (width - filled), "dim"),
        (f" {bar.text}", ""),
    )
