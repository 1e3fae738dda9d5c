"""## What it does
Flags a Cartesian product: a `CROSS JOIN`, a join whose condition is `ON TRUE` or `ON 1 = 1`,
or a comma-joined relation that no predicate in the WHERE clause relates to the other relations
of the query.

## Why is this bad?
Every row of one side is paired with every row of the other, so the result grows as the product
of the two row counts. Redshift runs such joins as a Nested Loop, "the slowest of the possible
join types", and usually has to broadcast one side to every node first. A forgotten join
predicate in a comma join is the classic way a report query turns into a cluster-wide stall.

## Example
```sql
SELECT o.order_id, c.name
FROM sales.orders o, sales.customers c
WHERE o.order_date >= '2024-01-01';
```

## Use instead
```sql
SELECT o.order_id, c.name
FROM sales.orders o
JOIN sales.customers c ON c.customer_id = o.customer_id
WHERE o.order_date >= '2024-01-01';
```

## Evidence
The SQL text: join kinds, ON conditions, and the predicates of the WHERE clause.

## Known limits
A cross join with a subquery or CTE that returns one row (an aggregate without GROUP BY, or
`LIMIT 1`) or with a `VALUES` list is left alone: it is a common and cheap way to attach a
constant. Queries that read only system tables and views (admin views pairing every user with
every object, a cluster-wide figure attached to each row) are left alone too. Unnesting a
SUPER array (`FROM t, t.items`) is not a join and is not flagged. A product of two grouped
results (CTEs or subqueries with GROUP BY, such as TPC-DS Q77's per-call-centre sales and
returns) is an `info` note: the groups are usually few, though the pairing may still be a
mistake. Tables of a project's schema named after a catalog table (`analytics.pg_user`, as
dbt's redshift package models them) count as system relations.
Whether a WHERE predicate relates the two sides is judged from column qualifiers; unqualified
columns are taken to relate them. A comma join related only by inequalities is not a Cartesian
product; RS-Q03 reports it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.query import cte_map
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    conjuncts,
    is_aggregate_select,
    qualifiers,
    reads_only_system_relations,
    sql,
    table_display,
    where_of,
)

META = RuleMeta(
    id="RS-Q02",
    name="cartesian-join",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.HIGH,
    summary="Cartesian product: CROSS JOIN, ON TRUE, or a comma join with no join predicate",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or reads_only_system_relations(tree):
        return
    for select in stmt.nodes(exp.Select):
        joins = select.args.get("joins")
        if not joins:
            continue
        for join in joins:
            how = _cartesian(select, join)
            if how is not None:
                yield _finding(stmt, join, how, _aggregates_only(select, join))


def _cartesian(select: exp.Select, join: exp.Join) -> str | None:
    right = join.this
    if not isinstance(right, exp.Table | exp.Subquery) or _single_row(right):
        return None
    if join.args.get("using") or join.args.get("method"):
        return None  # USING (...) and NATURAL JOIN name their join columns
    on = join.args.get("on")
    kind = str(join.args.get("kind") or "").upper()
    if kind == "CROSS":
        return "CROSS JOIN"
    if on is not None:
        return f"ON {sql(on)}" if _always_true(on) else None
    if join.side or kind:
        return None
    # A comma join: look for any WHERE predicate relating this relation to another one.
    alias = right.alias_or_name.lower()
    for term in conjuncts(where_of(select)):
        names = qualifiers(term)
        if alias in names and len(names) > 1:
            return None
        if "" in names and len(list(term.find_all(exp.Column))) > 1:
            return None  # unqualified columns: assume they relate the two sides
    return "a comma join with no predicate relating it to the other relations"


def _always_true(on: exp.Expr) -> bool:
    if isinstance(on, exp.Boolean):
        return bool(on.this)
    if isinstance(on, exp.EQ) and isinstance(on.left, exp.Literal):
        return on.left == on.right
    return False


def _single_row(node: exp.Expr) -> bool:
    """A relation that is a constant list or yields one row: pairing with it is cheap."""
    if isinstance(node, exp.Values) or (
        isinstance(node, exp.Subquery) and isinstance(node.this, exp.Values)
    ):
        return True
    if isinstance(node, exp.Table) and not node.db:
        # A CTE of one row (`WITH totals AS (SELECT SUM(x) ...) ... FROM t, totals`).
        inner_query = cte_map(node).get(node.name.lower())
        return isinstance(inner_query, exp.Select) and _one_row_select(inner_query)
    if not isinstance(node, exp.Subquery) or not isinstance(node.this, exp.Select):
        return False
    return _one_row_select(node.this)


def _query_of(node: exp.Expr) -> exp.Expr | None:
    """The query behind a relation: a subquery's, or a CTE's for an unqualified name."""
    if isinstance(node, exp.Subquery):
        inner: exp.Expr = node.this
        return inner
    if isinstance(node, exp.Table) and not node.db:
        return cte_map(node).get(node.name.lower())
    return None


def _aggregates_only(select: exp.Select, join: exp.Join) -> bool:
    """Every relation of the product is a grouped result (a CTE or subquery with GROUP BY):
    per-key totals, usually far fewer rows than the tables they sum (TPC-DS Q77 pairs its
    catalog sales and returns per call centre this way)."""
    from_ = select.args.get("from_") or select.args.get("from")
    relations = [from_.this if isinstance(from_, exp.From) else None, join.this]
    for relation in relations:
        query = _query_of(relation) if relation is not None else None
        if not isinstance(query, exp.Select) or not query.args.get("group"):
            return False
    return True


def _one_row_select(inner: exp.Select) -> bool:
    limit = inner.args.get("limit")
    if isinstance(limit, exp.Limit) and sql(limit.expression) == "1":
        return True
    return is_aggregate_select(inner) and not inner.args.get("group")


def _finding(stmt: SqlStatement, join: exp.Join, how: str, aggregates: bool) -> Finding:
    right = join.this
    name = (
        table_display(right) if isinstance(right, exp.Table) else right.alias_or_name or "subquery"
    )
    message = (
        f"{name} is joined as a Cartesian product ({how}); every row pairs with every row of "
        "the other side and runs as a Nested Loop"
    )
    if aggregates:
        message += (
            " (why you may not care: both sides are grouped results, often a few rows per key;"
            " check that pairing every group with every group is meant)"
        )
    return META.finding(
        message,
        stmt.locate(span_of(join)),
        severity=Severity.INFO if aggregates else None,
        object=name,
        evidence=Evidence.of(relation=name, join=how),
        fix=Fix.advice(
            f"Add the equality predicate that relates {name} to the other relations "
            "(JOIN ... ON a.key = b.key)"
        ),
        anchor=stmt.text,
    )
