"""Distribution and sort keys from the workload (rulebook section 2.3, a greedy approximation).

The workload's query texts are parsed into equi-join pairs `(t1.c1, t2.c2)` and filter columns.
Join pairs become the edges of a join multigraph (networkx) whose vertices are tables, each
edge weighted by the runs of the queries that join that way times the smaller table's size (the
data a non-collocated join would move). Keys are then fixed greedily, heaviest edge first: an
edge is satisfied when both of its tables are distributed on its columns, or when one of them
is DISTSTYLE ALL. A candidate DISTKEY that is today's DISTKEY of a skewed table (skew_rows of
4 or more) is never proposed again; small tables left without a collocated join become ALL;
the sort key is the column filtered on most often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
from sqlglot import exp

from advisor.model import RsQueryGroup, RsSnapshot, RsTableStats
from advisor.sql.dialect import parse_one

ALL = "ALL"
_COMPARISONS = (exp.EQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between, exp.In)


@dataclass(frozen=True, slots=True)
class JoinEdge:
    """One equi-join pair, tables and columns in a fixed order, with its weight."""

    left: str
    left_column: str
    right: str
    right_column: str
    weight: float


@dataclass(slots=True)
class Workload:
    """Join pairs and filter counts of a set of queries."""

    edges: list[JoinEdge] = field(default_factory=list)
    filters: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """The key design proposed for one table and why."""

    table: str
    distkey: str | None  # a column, ALL, or None (EVEN/AUTO)
    sortkey: str | None
    reason: str


def _resolve(snapshot: RsSnapshot, name: str) -> RsTableStats | None:
    return snapshot.table(name)


def _tables(select: exp.Expression, snapshot: RsSnapshot) -> dict[str, str]:
    """Alias (and name) -> qualified table name, for the tables the snapshot knows."""
    out: dict[str, str] = {}
    for table in select.find_all(exp.Table):
        name = f"{table.db}.{table.name}" if table.db else table.name
        stats = _resolve(snapshot, name)
        if stats is None:
            continue
        out[table.alias_or_name.lower()] = stats.qualified_name
        out[table.name.lower()] = stats.qualified_name
    return out


def _column_table(column: exp.Column, tables: Mapping[str, str]) -> str | None:
    if column.table:
        return tables.get(column.table.lower())
    names = set(tables.values())
    return names.pop() if len(names) == 1 else None


def read_workload(queries: Iterable[RsQueryGroup], snapshot: RsSnapshot) -> Workload:
    """The join pairs and filter columns of the queries, weighted by runs and table size."""
    out = Workload()
    for query in queries:
        try:
            tree = parse_one(query.query_text)
        except Exception:  # an unparsable history entry is skipped, not fatal
            continue
        if tree is None:
            continue
        runs = max(query.runs, 1)
        for select in tree.find_all(exp.Select):
            tables = _tables(select, snapshot)
            if not tables:
                continue
            for eq in select.find_all(exp.EQ):
                left, right = eq.this, eq.expression
                if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
                    continue
                lt, rt = _column_table(left, tables), _column_table(right, tables)
                if lt is None or rt is None or lt == rt:
                    continue
                (a, ac), (b, bc) = sorted([(lt, left.name), (rt, right.name)])
                size = min(_size(snapshot, a), _size(snapshot, b))
                out.edges.append(JoinEdge(a, ac, b, bc, float(runs * max(size, 1))))
            where = select.args.get("where")
            if where is None:
                continue
            for predicate in where.find_all(*_COMPARISONS):
                column = predicate.this
                others = [v for k, v in predicate.args.items() if k != "this" and v is not None]
                if not isinstance(column, exp.Column) or any(
                    isinstance(o, exp.Column) for o in others
                ):
                    continue
                table = _column_table(column, tables)
                if table is not None:
                    out.filters[(table, column.name)] += runs
    return out


def _size(snapshot: RsSnapshot, table: str) -> int:
    stats = snapshot.table(table)
    return stats.size_mb if stats else 1


def join_graph(edges: Iterable[JoinEdge]) -> nx.MultiGraph:
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
    today = current_keys(snapshot)
    banned = {
        (t.qualified_name, today[t.qualified_name])
        for t in snapshot.tables
        if t.skew_rows is not None and t.skew_rows >= max_skew and today.get(t.qualified_name)
    }
    fixed: dict[str, str] = {}
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
    for left, right, data in edges:
        cols = data["columns"]
        if (left, cols[left]) in banned or (right, cols[right]) in banned:
            continue
        if (
            fixed.get(left, cols[left]) != cols[left]
            or fixed.get(right, cols[right]) != (cols[right])
        ):
            continue
        fixed[left], fixed[right] = cols[left], cols[right]
    choices: list[KeyChoice] = []
    tables = sorted(set(graph.nodes) | {t for t, _ in workload.filters})
    for table in tables:
        stats = snapshot.table(table)
        rows = stats.tbl_rows if stats else 0
        sort = _sortkey(workload.filters, table) if rows > sortkey_min_rows else None
        if table in fixed:
            choices.append(KeyChoice(table, fixed[table], sort, "collocates its heaviest joins"))
        elif table in graph.nodes and rows <= all_max_rows:
            choices.append(KeyChoice(table, ALL, sort, "small table joined on other columns"))
        else:
            choices.append(KeyChoice(table, None, sort, "no collocated join to win"))
    return choices


def _sortkey(filters: Counter[tuple[str, str]], table: str) -> str | None:
    ranked = sorted(((n, c) for (t, c), n in filters.items() if t == table), reverse=True)
    return ranked[0][1] if ranked else None


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

    def collocated(edge: JoinEdge, keys: Mapping[str, str | None]) -> bool:
        lk, rk = keys.get(edge.left), keys.get(edge.right)
        return ALL in (lk, rk) or (lk == edge.left_column and rk == edge.right_column)

    gained = tuple(e for e in edges if collocated(e, tomorrow) and not collocated(e, today))
    lost = tuple(e for e in edges if collocated(e, today) and not collocated(e, tomorrow))
    return WhatIf(before, after, total, gained, lost)
