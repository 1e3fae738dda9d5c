"""Impact figures in words, for every human-readable format (`advisor.impact` computes them)."""

from __future__ import annotations

from advisor.model import Finding, Impact, Report, cost_order


def describe(impact: Impact) -> str:
    """One line for people: `42 runs in 7 days: 1.2 min/day, 384 GB/day scanned, $1.75/day
    (measured)`."""
    if not impact.known:
        return impact.note
    runs = f"{_runs(impact.executions)} in {_days(impact.window_days)}"
    if impact.table:
        runs = f"queries reading {impact.table}: {runs}"
    figures: list[str] = []
    if impact.seconds_per_day is not None:
        figures.append(f"{_duration(impact.seconds_per_day)}/day")
    if impact.queue_seconds_per_day:
        figures.append(f"{_duration(impact.queue_seconds_per_day)}/day queued")
    if impact.bytes_per_day is not None:
        figures.append(f"{_size(impact.bytes_per_day)}/day scanned")
    if impact.dollars_per_day is not None:
        figures.append(f"{money(impact.dollars_per_day)}/day")
    return f"{runs}: {', '.join(figures)} ({impact.confidence})"


def money(dollars: float) -> str:
    if dollars >= 100:
        return f"${dollars:,.0f}"
    if dollars >= 0.01:
        return f"${dollars:,.2f}"
    return "<$0.01" if dollars > 0 else "$0"


def _runs(n: int) -> str:
    return f"{n:,} run" + ("" if n == 1 else "s")


def _days(days: float) -> str:
    if days >= 1:
        return f"{days:g} day" + ("" if days == 1 else "s")
    minutes = days * 24 * 60
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _size(n: float) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f} B"


TOP = 10


def top_by_cost(report: Report, n: int = TOP) -> list[Finding]:
    """The `n` costliest findings whose cost is known, costliest first."""
    known = [f for f in report.findings if f.impact is not None and f.impact.known]
    return sorted(known, key=cost_order)[:n]


def short(impact: Impact) -> str:
    """The figures alone, for a table cell: `$0.27/day · 38.6 s/day · 54.9 GB/day`."""
    figures: list[str] = []
    if impact.dollars_per_day is not None:
        figures.append(f"{money(impact.dollars_per_day)}/day")
    if impact.seconds_per_day is not None:
        figures.append(f"{_duration(impact.seconds_per_day)}/day")
    if impact.bytes_per_day is not None:
        figures.append(f"{_size(impact.bytes_per_day)}/day")
    return " · ".join(figures) or impact.confidence
