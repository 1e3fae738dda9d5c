"""## What it does
Flags a query whose GROUP BY and ORDER BY list the same columns in a different order.

## Why is this bad?
AWS's query best practices: when a query has both GROUP BY and ORDER BY, list the columns in
the same order in both. Redshift can then reuse the grouping's order for the sort instead of
sorting the grouped result again.

## Example
```sql
SELECT region, product, SUM(amount) FROM sales.orders
GROUP BY product, region
ORDER BY region, product;
```

## Use instead
```sql
SELECT region, product, SUM(amount) FROM sales.orders
GROUP BY region, product
ORDER BY region, product;
```

## Evidence
The SQL text: the GROUP BY and ORDER BY items, with ordinals (`GROUP BY 1, 2`) and select-list
aliases resolved to the items they name.

## Known limits
Only fires when both clauses name exactly the same set of items. Columns are compared by name
without their table qualifier. The fix reorders GROUP BY, which never changes the result.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
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
from advisor.sql.spans import span_of
from rules.redshift.query._shared import replaced, sql

META = RuleMeta(
    id="RS-Q07",
    name="group-order-mismatch",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="GROUP BY and ORDER BY list the same columns in a different order",
    fix_safety=FixSafety.SAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None:
        return
    for group in stmt.nodes(exp.Group):
        select = group.parent
        order = select.args.get("order") if isinstance(select, exp.Select) else None
        if not isinstance(select, exp.Select) or not isinstance(order, exp.Order):
            continue
        grouped = [_key(select, e) for e in group.expressions]
        ordered = [_key(select, o.this) for o in order.expressions]
        if None in grouped or None in ordered or len(set(grouped)) != len(grouped):
            continue
        if grouped == ordered or sorted(map(str, grouped)) != sorted(map(str, ordered)):
            continue
        by_key = dict(zip(grouped, group.expressions, strict=True))
        new_group = exp.Group(expressions=[by_key[k].copy() for k in ordered])
        rewritten = replaced(tree, group, new_group)
        yield META.finding(
            f"GROUP BY {', '.join(sql(e) for e in group.expressions)} and ORDER BY "
            f"{', '.join(sql(o) for o in order.expressions)} use a different column order",
            stmt.locate(span_of(group)),
            evidence=Evidence.of(group_by=sql(group), order_by=sql(order)),
            fix=Fix.sql(
                "List GROUP BY in the ORDER BY order", sql(rewritten) + ";", FixSafety.SAFE
            ),
            anchor=stmt.text,
        )


def _key(select: exp.Select, node: exp.Expr, followed: frozenset[str] = frozenset()) -> str | None:
    """What a GROUP BY / ORDER BY item names, comparable across the two clauses.

    `followed` holds the aliases already looked through: `SELECT a AS a` (and a lateral alias
    chain that comes back to itself) names the column, not the alias again.
    """
    items = select.expressions
    if isinstance(node, exp.Literal) and node.is_int and "#" not in followed:
        # An ordinal names a select item; a constant item (`SELECT 1 ... GROUP BY 1`) is not
        # read as an ordinal again.
        position = int(node.this)
        if not 0 < position <= len(items):
            return None
        return _key(select, items[position - 1], followed | {"#"})
    if isinstance(node, exp.Alias):
        return _key(select, node.this, followed | {node.alias.lower()})
    if isinstance(node, exp.Column) and not node.table and node.name.lower() not in followed:
        for item in items:
            if isinstance(item, exp.Alias) and item.alias.lower() == node.name.lower():
                return _key(select, item.this, followed | {item.alias.lower()})
    if isinstance(node, exp.Column):
        return node.name.lower()
    return sql(node).lower()
