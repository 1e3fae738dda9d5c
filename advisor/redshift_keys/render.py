"""The text of `advisor whatif`: a key change's score on the workload's joins, line by line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.model_redshift import RsSnapshot
from advisor.redshift_keys.aws import change_notes
from advisor.redshift_keys.design import ALL, DEFAULT_SLICES, JoinEdge, WhatIf

NO_JOINS = "No joins between known tables in the workload history."


def whatif_lines(
    result: WhatIf, snapshot: RsSnapshot, changes: Mapping[str, str | None]
) -> Iterator[str]:
    """The lines printed for `result`, the score of `changes` (table -> column, ALL or None)."""
    if result.total <= 0:
        yield NO_JOINS
        return
    yield (
        f"Collocated join weight: {result.before / result.total:.0%} now, "
        f"{result.after / result.total:.0%} after the change ({result.total:g} in all)"
    )
    for label, edges in (("collocated", result.gained), ("no longer collocated", result.lost)):
        yield from _join_lines(label, edges)
    saved = sum(e.weight for e in result.gained) - sum(e.weight for e in result.lost)
    yield (
        f"Data no longer redistributed: about {saved:,.0f} MB over the history read "
        "(per join: runs x the smaller table's size in svv_table_info)"
    )
    slices = snapshot.slices or DEFAULT_SLICES
    for table, key in changes.items():
        if key is None or key == ALL:
            continue
        yield _skew_line(snapshot, table, key, slices)
    for note in change_notes(snapshot, changes):
        yield f"Note: {note}"


def _join_lines(label: str, edges: tuple[JoinEdge, ...]) -> Iterator[str]:
    """One line per distinct join: its weight, the queries and runs behind it."""
    joins: dict[str, list[float]] = {}
    for e in edges:
        queries, runs, weight = joins.setdefault(e.describe(), [0, 0, 0.0])
        joins[e.describe()] = [queries + 1, runs + e.runs, weight + e.weight]
    for join, (queries, runs, weight) in joins.items():
        yield (
            f"  {label}: {join} (weight {weight:g}: {queries:g} "
            f"quer{'ies' if queries > 1 else 'y'}, {runs:g} runs)"
        )


def _skew_line(snapshot: RsSnapshot, table: str, key: str, slices: int) -> str:
    values = snapshot.values(table, key)
    if values is None:
        return f"Skew of {table}.{key}: not measured (not a join column read)"
    skew = values.skew_estimate(slices)
    top = values.top_rows / values.rows if values.rows else 0.0
    return (
        f"Skew of {table}.{key}, estimated from its values on the cluster: "
        f"{'slices left empty' if skew is None else f'{skew:.2f}'} "
        f"({values.distinct_values:,} values, the commonest holds {top:.0%} of "
        f"{values.rows:,} rows, {slices} slices)"
        + ("; too skewed for a DISTKEY (4 or more)" if skew is None or skew >= 4 else "")
    )
