"""The equi-join pairs and filtered columns of one query, resolved to tables a caller knows.

Used twice for Redshift key design: by the connector, to know which columns to measure on the
server, and by the key recommender, to build its join graph. Each pair and each filtered
column is reported once per query, however often the query repeats it (a correlated subquery
that joins a table to itself again does not count twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp

from advisor.sql.dialect import parse_one

# A table reference as written (`s.t` or `t`) -> its qualified name, or None when unknown.
Resolve = Callable[[str], str | None]

_COMPARISONS = (exp.EQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between, exp.In)
_RANGES = (exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between)
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TEMPORAL_NODES = tuple(
    getattr(exp, name)
    for name in (
        "Interval",
        "CurrentDate",
        "CurrentTimestamp",
        "DateAdd",
        "DateSub",
        "TsOrDsAdd",
        "TimestampAdd",
        "DateTrunc",
        "TimestampTrunc",
    )
    if hasattr(exp, name)
)


@dataclass(frozen=True, slots=True)
class JoinPair:
    """`left.left_column = right.right_column`, sides ordered by (table, column)."""

    left: str
    left_column: str
    right: str
    right_column: str

    def describe(self) -> str:
        return f"{self.left}.{self.left_column} = {self.right}.{self.right_column}"


@dataclass(frozen=True, slots=True)
class FilterUse:
    """A column the query filters on against a value: by a range, and against a date or time."""

    table: str
    column: str
    is_range: bool = False
    temporal: bool = False


@dataclass(frozen=True, slots=True)
class QueryShape:
    joins: tuple[JoinPair, ...] = ()
    filters: tuple[FilterUse, ...] = ()

    def tables(self) -> set[str]:
        out = {f.table for f in self.filters}
        for pair in self.joins:
            out |= {pair.left, pair.right}
        return out


def query_shape(text: str, resolve: Resolve) -> QueryShape | None:
    """The joins and filters of one SQL statement; None when it does not parse."""
    try:
        tree = parse_one(text)
    except Exception:  # an unparsable history entry is skipped, not fatal
        return None
    joins: dict[JoinPair, None] = {}
    filters: dict[tuple[str, str], FilterUse] = {}
    for select in tree.find_all(exp.Select):
        own, scope = _tables(select, resolve)
        if not own:
            continue
        for eq in _own(select, select, exp.EQ):
            left, right = eq.this, eq.expression
            if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
                continue
            lt, rt = _column_table(left, own, scope), _column_table(right, own, scope)
            if lt is None or rt is None or lt == rt:
                continue
            (a, ac), (b, bc) = sorted([(lt, left.name), (rt, right.name)])
            joins[JoinPair(a, ac, b, bc)] = None
        where = select.args.get("where")
        if where is None:
            continue
        for predicate in _own(select, where, *_COMPARISONS):
            column, values = _sides(predicate)
            if column is None:
                continue
            table = _column_table(column, own, scope)
            if table is None:
                continue
            key = (table, column.name)
            seen = filters.get(key, FilterUse(table, column.name))
            is_range = isinstance(predicate, _RANGES)
            temporal = is_range and any(_temporal(v) for v in values)
            filters[key] = FilterUse(
                table, column.name, seen.is_range or is_range, seen.temporal or temporal
            )
    return QueryShape(tuple(joins), tuple(filters.values()))


def schemas_named(text: str) -> set[str] | None:
    """The schemas a statement's table names are qualified with; None when it does not parse."""
    try:
        tree = parse_one(text)
    except Exception:  # unparsable: the caller decides
        return None
    return {t.db.lower() for t in tree.find_all(exp.Table) if t.db}


def _own(
    select: exp.Select, node: exp.Expression, *kinds: type[exp.Expression]
) -> list[exp.Expression]:
    """Nodes of these kinds under `node` whose nearest SELECT is `select` (not a nested one)."""
    return [f for f in node.find_all(*kinds) if f.find_ancestor(exp.Select) is select]


def _sides(predicate: exp.Expression) -> tuple[exp.Column | None, list[exp.Expression]]:
    """The filtered column and the values it is compared with (either side of a comparison)."""
    others = [
        v
        for k, v in predicate.args.items()
        if k != "this" and v is not None and isinstance(v, exp.Expression)
    ]
    others += [v for v in predicate.args.get("expressions") or [] if isinstance(v, exp.Expression)]
    column = predicate.this
    if not isinstance(column, exp.Column) and isinstance(predicate, (exp.EQ, *_RANGES)):
        right = predicate.args.get("expression")
        if isinstance(right, exp.Column) and not isinstance(predicate, exp.Between):
            column, others = right, [predicate.this]
    if not isinstance(column, exp.Column):
        return None, []
    if any(isinstance(o, exp.Column) or o.find(exp.Column) for o in others):
        return None, []
    return column, others


def _temporal(value: exp.Expression) -> bool:
    for node in value.walk():
        if isinstance(node, _TEMPORAL_NODES):
            return True
        if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.TEMPORAL_TYPES):
            return True
        if isinstance(node, exp.Literal) and node.is_string and _DATE_TEXT.match(node.this):
            return True
    return False


def _tables(select: exp.Select, resolve: Resolve) -> tuple[dict[str, str], dict[str, str]]:
    """Alias (and name) -> qualified name of the tables the caller knows: those of this SELECT,
    and those in scope (the enclosing SELECTs' too, for correlated references)."""
    chain = [select]
    while (outer := chain[-1].find_ancestor(exp.Select)) is not None:
        chain.append(outer)
    own: dict[str, str] = {}
    scope: dict[str, str] = {}
    for level in reversed(chain):
        names: dict[str, str] = {}
        for table in level.find_all(exp.Table):
            if table.find_ancestor(exp.Select) is not level:
                continue
            name = f"{table.db}.{table.name}" if table.db else table.name
            qualified = resolve(name)
            if qualified is None:
                continue
            names[table.alias_or_name.lower()] = qualified
            names.setdefault(table.name.lower(), qualified)
        scope.update(names)
        own = names
    return own, scope


def _column_table(column: exp.Column, own: dict[str, str], scope: dict[str, str]) -> str | None:
    if column.table:
        return scope.get(column.table.lower())
    names = set(own.values())
    return names.pop() if len(names) == 1 else None
