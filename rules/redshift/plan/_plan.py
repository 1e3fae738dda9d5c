"""Helpers shared by the Redshift plan rules: join sides, join columns, fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from advisor.model import Evidence, Finding, Fix, RuleMeta
from advisor.model_redshift import RsPlan, RsPlanNode
from advisor.sql.fixsql import dotted
from rules.redshift._fixes import DISTSTYLE_KEY

_COND = re.compile(r'"?(?P<l>\w+)"?\.(?P<lc>"?\w+"?)\s*=\s*"?(?P<r>\w+)"?\.(?P<rc>"?\w+"?)')
_DISTKEY = DISTSTYLE_KEY


@dataclass(frozen=True, slots=True)
class Join:
    """A join node with its outer and inner tables (None when a side is not one table)."""

    node: RsPlanNode
    outer: str | None
    inner: str | None
    outer_column: str | None
    inner_column: str | None
    inner_rows: int | None


def side_table(node: RsPlanNode | None) -> str | None:
    """The one table a join input reads, or None when it reads several or none."""
    if node is None:
        return None
    names = {n.relation for n in node.walk() if n.relation}
    return names.pop() if len(names) == 1 else None


def join_of(node: RsPlanNode) -> Join:
    outer = node.children[0] if node.children else None
    inner = node.children[1] if len(node.children) > 1 else None
    cond = node.detail("Hash Cond") or node.detail("Merge Cond") or node.detail("Join Filter")
    outer_col = inner_col = None
    outer_table, inner_table = side_table(outer), side_table(inner)
    match = _COND.search(cond or "")
    if match:
        left, right = match.group("l").lower(), match.group("r").lower()
        lc, rc = match.group("lc").strip('"'), match.group("rc").strip('"')
        if left == "inner" or right == "outer" or (inner_table and left == inner_table.lower()):
            lc, rc = rc, lc
        outer_col, inner_col = lc, rc
    return Join(
        node=node,
        outer=outer_table,
        inner=inner_table,
        outer_column=outer_col,
        inner_column=inner_col,
        inner_rows=inner.rows if inner is not None else None,
    )


def joins_with(plan: RsPlan, attribute: str) -> Iterator[Join]:
    for node in plan.nodes():
        if node.is_join and node.distribution == attribute:
            yield join_of(node)


def key_sql(table: str, column: str) -> str:
    """Make `column` the DISTKEY of `table` (a ``schema.table`` name as plans print it)."""
    return _DISTKEY.render(table=dotted(table), column=column)


def join_evidence(join: Join) -> Evidence:
    node = join.node
    return Evidence.of(
        operator=node.label,
        outer_table=join.outer,
        inner_table=join.inner,
        outer_column=join.outer_column,
        inner_column=join.inner_column,
        rows=node.rows,
        total_cost=node.total_cost,
        inner_rows=join.inner_rows,
    )


def finding(
    meta: RuleMeta,
    plan: RsPlan,
    node: RsPlanNode,
    message: str,
    *,
    object: str | None,
    evidence: Evidence,
    fix: Fix | None,
) -> Finding:
    return meta.finding(
        message,
        plan.location_of(node),
        object=object,
        evidence=evidence,
        fix=fix,
        anchor=f"{plan.statement} {node.label} {node.detail('Hash Cond') or ''}",
    )


def describe(join: Join) -> str:
    """`outer ⋈ inner on col` for messages, with what is known."""
    on = f" on {join.outer_column} = {join.inner_column}" if join.inner_column else ""
    if join.outer is None and join.inner is None:
        return f"two inputs{on}"
    return f"{join.outer or 'its outer input'} with {join.inner or 'its inner input'}{on}"
