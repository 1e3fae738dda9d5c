"""Helpers for reading queries: outermost projections, sources, and CTE resolution."""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp


def outermost_queries(tree: exp.Expr) -> Iterator[exp.Expr]:
    """The queries whose result leaves the statement: the SELECT itself, the query of a CTAS,
    INSERT ... SELECT, CREATE VIEW / MATERIALIZED VIEW, or the query inside UNLOAD."""
    if isinstance(tree, exp.Query):
        yield tree
        return
    if isinstance(tree, exp.Create | exp.Insert):
        inner = tree.args.get("expression")
        if isinstance(inner, exp.Query):
            yield inner
        return
    inner = tree.args.get("query")
    if isinstance(inner, exp.Subquery):
        inner = inner.this
    if isinstance(inner, exp.Query):
        yield inner


def branches(query: exp.Expr) -> Iterator[exp.Select]:
    """The SELECTs of a query, looking through set operations and parentheses."""
    if isinstance(query, exp.SetOperation):
        yield from branches(query.left)
        yield from branches(query.right)
    elif isinstance(query, exp.Subquery):
        yield from branches(query.this)
    elif isinstance(query, exp.Select):
        yield query


def cte_map(query: exp.Expr) -> dict[str, exp.Expr]:
    """CTE name (lower case) -> its query, for the WITH clauses on and above `query`."""
    ctes: dict[str, exp.Expr] = {}
    node: exp.Expr | None = query
    while node is not None:
        with_ = node.args.get("with_") or node.args.get("with")
        if isinstance(with_, exp.With):
            for cte in with_.expressions:
                ctes.setdefault(cte.alias_or_name.lower(), cte.this)
        node = node.parent
    return ctes


def sources(select: exp.Select) -> Iterator[exp.Expr]:
    """Relations read by a SELECT's FROM and JOIN clauses (tables, subqueries, functions)."""
    from_ = select.args.get("from_") or select.args.get("from")
    if isinstance(from_, exp.From):
        yield from_.this
        yield from from_.expressions or ()
    for join in select.args.get("joins") or ():
        yield join.this


def star_items(select: exp.Select) -> Iterator[exp.Expr]:
    """`*` and `t.*` items of a select list (not `COUNT(*)`)."""
    for item in select.expressions:
        if isinstance(item, exp.Star) or (
            isinstance(item, exp.Column) and isinstance(item.this, exp.Star)
        ):
            yield item
