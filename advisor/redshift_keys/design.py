"""Distribution and sort keys from the workload (rulebook section 2.3, a greedy approximation).

The workload's query texts are parsed into equi-join pairs `(t1.c1, t2.c2)` and filter columns,
each counted once per query. Join pairs become the edges of a join multigraph (networkx) whose
vertices are tables, each edge weighted by the runs of the queries that join that way times the
smaller table's size (the data a non-collocated join would move). Keys are then fixed greedily,
heaviest edge first: an edge is satisfied when both of its tables are distributed on its
columns, or when one of them is DISTSTYLE ALL. A small table (`all_max_rows`) that joins a
large one is left to become ALL rather than spending the large table's DISTKEY on it; its
joins with other small tables are then collocated by the ALL too (joins among small tables
alone are keyed like any other). A candidate
DISTKEY is rejected when it is today's DISTKEY of a skewed table (skew_rows of 4 or more) or
when the value spread measured on the cluster gives an estimated skew of 4 or more (few values,
or one value holding many rows). Small tables left without a collocated join become ALL; the
sort key is the column filtered most often by a date or time range, then by any range, then by
anything. What Redshift tunes itself stays as it is (`aws.py`): AUTO tables keep their
distribution, AUTO and multidimensional-layout sort keys get no proposal, and Redshift's own
recommendation for a table is named beside the proposal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from advisor.model_redshift import RsQueryGroup, RsSnapshot, RsTableStats
from advisor.redshift_keys.aws import (
    advisor_note,
    distribution_note,
    distribution_of,
    recommended,
    sortkey_note,
)
from advisor.sql.joins import query_shape

if TYPE_CHECKING:  # networkx comes with the `live` extra; `lint` loads this module for its docs
    import networkx as nx

ALL = "ALL"
# Slices assumed for a skew estimate when the read could not count them (the smallest cluster).
DEFAULT_SLICES = 2


@dataclass(frozen=True, slots=True)
class JoinEdge:
    """One equi-join pair, tables and columns in a fixed order, with its weight."""

    left: str
    left_column: str
    right: str
    right_column: str
    weight: float
    runs: int = 0

    def describe(self) -> str:
        return f"{self.left}.{self.left_column} = {self.right}.{self.right_column}"


@dataclass(slots=True)
class Workload:
    """Join pairs and filter counts of a set of queries (runs of the queries using each)."""

    edges: list[JoinEdge] = field(default_factory=list)
    filters: Counter[tuple[str, str]] = field(default_factory=Counter)
    ranges: Counter[tuple[str, str]] = field(default_factory=Counter)
    temporal: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """The key design proposed for one table and why."""

    table: str
    distkey: str | None  # a column, ALL, or None (EVEN/AUTO)
    sortkey: str | None
    reason: str
    # Candidate columns of this table set aside, with why (e.g. "estimated skew 5.3").
    rejected: tuple[tuple[str, str], ...] = ()
    # What AWS's own tuning decided for the table, and what this design left to it (aws.py).
    aws: tuple[str, ...] = ()


def _resolve(snapshot: RsSnapshot, name: str) -> RsTableStats | None:
    return snapshot.table(name)


def read_workload(queries: Iterable[RsQueryGroup], snapshot: RsSnapshot) -> Workload:
    """The join pairs and filter columns of the queries, weighted by runs and table size."""

    def resolve(name: str) -> str | None:
        stats = _resolve(snapshot, name)
        return stats.qualified_name if stats else None

    out = Workload()
    for query in queries:
        shape = query_shape(query.query_text, resolve)
        if shape is None:
            continue
        runs = max(query.runs, 1)
        for pair in shape.joins:
            size = min(_size(snapshot, pair.left), _size(snapshot, pair.right))
            out.edges.append(
                JoinEdge(
                    pair.left,
                    pair.left_column,
                    pair.right,
                    pair.right_column,
                    float(runs * max(size, 1)),
                    runs,
                )
            )
        for use in shape.filters:
            key = (use.table, use.column)
            out.filters[key] += runs
            if use.is_range:
                out.ranges[key] += runs
            if use.temporal:
                out.temporal[key] += runs
    return out


def _size(snapshot: RsSnapshot, table: str) -> int:
    stats = snapshot.table(table)
    return stats.size_mb if stats else 1


def join_graph(edges: Iterable[JoinEdge]) -> nx.MultiGraph:
    import networkx as nx

    graph = nx.MultiGraph()
    for edge in edges:
        graph.add_edge(
            edge.left,
            edge.right,
            columns={edge.left: edge.left_column, edge.right: edge.right_column},
            weight=edge.weight,
        )
    return graph


def current_keys(snapshot: RsSnapshot) -> dict[str, str | None]:
    """Today's DISTKEY column (or ALL, or None) of every table, from svv_table_info.diststyle."""
    keys: dict[str, str | None] = {}
    for table in snapshot.tables:
        style = table.diststyle.upper()
        inner = style.removeprefix("AUTO(").rstrip(")")
        if inner.startswith("KEY("):
            keys[table.qualified_name] = table.diststyle.split("(")[-1].rstrip(")").strip()
        elif inner == ALL:
            keys[table.qualified_name] = ALL
        else:
            keys[table.qualified_name] = None
    return keys


def satisfied(graph: nx.MultiGraph, keys: Mapping[str, str | None]) -> tuple[float, float]:
    """(weight of collocated joins, total join weight) under a key assignment."""
    done = total = 0.0
    for left, right, data in graph.edges(data=True):
        total += data["weight"]
        lk, rk = keys.get(left), keys.get(right)
        cols = data["columns"]
        if ALL in (lk, rk) or (lk == cols[left] and rk == cols[right]):
            done += data["weight"]
    return done, total


def rejected_columns(snapshot: RsSnapshot, *, max_skew: float = 4.0) -> dict[tuple[str, str], str]:
    """(table, column) -> why it must not be a DISTKEY: today's key of a skewed table, or a
    column whose value spread, measured on the cluster, gives an estimated skew of max_skew."""
    today = current_keys(snapshot)
    out: dict[tuple[str, str], str] = {}
    for t in snapshot.tables:
        key = today.get(t.qualified_name)
        if key and key != ALL and t.skew_rows is not None and t.skew_rows >= max_skew:
            out[(t.qualified_name, key)] = (
                f"skews rows {t.skew_rows:g}x today (svv_table_info.skew_rows)"
            )
    slices = snapshot.slices or DEFAULT_SLICES
    for values in snapshot.column_values:
        skew = values.skew_estimate(slices)
        top = values.top_rows / values.rows if values.rows else 0.0
        detail = (
            f"{values.distinct_values:,} values, the commonest holds {top:.0%} of "
            f"{values.rows:,} rows, {slices} slices"
        )
        if skew is None:
            out.setdefault((values.table, values.column), f"would leave slices empty ({detail})")
        elif skew >= max_skew:
            out.setdefault((values.table, values.column), f"estimated skew {skew:.1f} ({detail})")
    return out


def recommend(
    snapshot: RsSnapshot,
    *,
    max_skew: float = 4.0,
    all_max_rows: int = 5_000_000,
    sortkey_min_rows: int = 5_000_000,
) -> list[KeyChoice]:
    """A key design for the tables the workload joins or filters."""
    queries = snapshot.workload.queries if snapshot.workload else ()
    workload = read_workload(queries, snapshot)
    graph = join_graph(workload.edges)
    banned = rejected_columns(snapshot, max_skew=max_skew)
    today = current_keys(snapshot)
    # Tables whose distribution Redshift chooses keep it: the design works around them.
    pinned = {t.qualified_name for t in snapshot.tables if t.diststyle_auto}

    def small(table: str) -> bool:
        stats = snapshot.table(table)
        return stats is not None and stats.tbl_rows <= all_max_rows

    # A small table joined to a large one becomes ALL (the large one keeps its DISTKEY for a
    # bigger join); being ALL, it collocates its joins with other small tables as well.
    going_all = {
        t
        for left, right in graph.edges()
        for t, other in ((left, right), (right, left))
        if small(t) and not small(other) and t not in pinned
    }
    fixed: dict[str, str] = {}
    set_aside: dict[str, dict[str, str]] = {}

    def agrees(table: str, column: str) -> bool:
        if table in pinned:
            return today.get(table) == column
        return fixed.get(table, column) == column

    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
    for left, right, data in edges:
        cols = data["columns"]
        if left in going_all or right in going_all:
            continue
        if ALL in (today.get(t) for t in (left, right) if t in pinned):
            continue  # collocated by the copy Redshift keeps on every node
        hit = [(t, cols[t]) for t in (left, right) if (t, cols[t]) in banned]
        if hit:
            for t, c in hit:
                set_aside.setdefault(t, {})[c] = banned[(t, c)]
            continue
        if not (agrees(left, cols[left]) and agrees(right, cols[right])):
            continue
        for t in (left, right):
            if t not in pinned:
                fixed[t] = cols[t]
    choices: list[KeyChoice] = []
    tables = sorted(set(graph.nodes) | {t for t, _ in workload.filters})
    for table in tables:
        stats = snapshot.table(table)
        rows = stats.tbl_rows if stats else 0
        sort = _sortkey(workload, table) if rows > sortkey_min_rows else None
        rejected = tuple(sorted(set_aside.get(table, {}).items()))
        notes: list[str] = []
        if sort and stats is not None and (note := sortkey_note(stats)):
            sort, notes = None, [note]
        if table in pinned and stats is not None:
            notes.append(distribution_note(stats) or "")
            reason = "Redshift chooses its distribution"
            choice = KeyChoice(table, today.get(table), sort, reason, rejected)
        elif table in fixed:
            reason = "collocates its heaviest joins"
            choice = KeyChoice(table, fixed[table], sort, reason, rejected)
        elif table in graph.nodes and rows <= all_max_rows:
            reason = "small table joined on other columns"
            choice = KeyChoice(table, ALL, sort, reason, rejected)
        else:
            choice = KeyChoice(table, None, sort, "no collocated join to win", rejected)
        advice = advisor_note(
            recommended(snapshot, table), distribution_of(choice.distkey), choice.sortkey
        )
        notes.extend([advice] if advice else [])
        choices.append(replace(choice, aws=tuple(notes)))
    return choices


def _sortkey(workload: Workload, table: str) -> str | None:
    """The column filtered most by a date/time range, then by any range, then at all."""
    ranked = sorted(
        (
            (workload.temporal[(t, c)], workload.ranges[(t, c)], n, c)
            for (t, c), n in workload.filters.items()
            if t == table
        ),
        reverse=True,
    )
    return ranked[0][3] if ranked else None


def apply_choices(
    keys: Mapping[str, str | None], choices: Iterable[KeyChoice]
) -> dict[str, str | None]:
    out = dict(keys)
    for choice in choices:
        out[choice.table] = choice.distkey
    return out


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Collocated join weight before and after a key change, and the joins that flip."""

    before: float
    after: float
    total: float
    gained: tuple[JoinEdge, ...] = ()
    lost: tuple[JoinEdge, ...] = ()


def what_if(snapshot: RsSnapshot, changes: Mapping[str, str | None]) -> WhatIf:
    """Score a key change (table -> column, ALL, or None for EVEN) on the workload's joins."""
    queries = snapshot.workload.queries if snapshot.workload else ()
    edges = read_workload(queries, snapshot).edges
    today = current_keys(snapshot)
    tomorrow = {**today, **changes}
    graph = join_graph(edges)
    before, total = satisfied(graph, today)
    after, _ = satisfied(graph, tomorrow)
    gained = tuple(e for e in edges if collocated(e, tomorrow) and not collocated(e, today))
    lost = tuple(e for e in edges if collocated(e, today) and not collocated(e, tomorrow))
    return WhatIf(before, after, total, gained, lost)


def collocated(edge: JoinEdge, keys: Mapping[str, str | None]) -> bool:
    """Whether a join is collocated under a key assignment (same key both sides, or an ALL)."""
    lk, rk = keys.get(edge.left), keys.get(edge.right)
    return ALL in (lk, rk) or (lk == edge.left_column and rk == edge.right_column)
