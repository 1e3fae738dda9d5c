"""## What it does
Flags a sequential scan whose filter wraps an indexed column in a function or a cast, so the
index on that column cannot be used: `lower(email) = ...`, `date(created_at) = ...`,
`created_at::date = ...`.

## Why is this bad?
A B-tree index on `email` orders the values of `email`, not of `lower(email)`. The planner can
only scan the whole table and compute the function for every row, although an index exists.

## Example
```sql
SELECT * FROM shop.customers WHERE lower(email) = 'customer17@example.com';
```

## Use instead
```sql
CREATE INDEX CONCURRENTLY ON shop.customers (lower(email));
-- or compare the bare column: WHERE created_at >= '2026-01-01' AND created_at < '2026-01-02'
```

## Evidence
The plan (`EXPLAIN (VERBOSE, FORMAT JSON)`, estimates are enough): Seq Scan nodes, their relation
and filter text; the table's index keys from the catalog.

## Known limits
Reads the filter as text: a function over an expression (not a bare column) is not seen, and
implicit casts that an index can still serve are reported only when the plan seq-scans.

## References
- https://www.postgresql.org/docs/current/indexes-expressional.html
- https://use-the-index-luke.com/sql/where-clause/functions
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan
from advisor.sql.fixsql import Template, name
from advisor.sql.quoting import quote_ident
from rules.postgres._common import plan_table, scans

_INDEX = Template(
    "CREATE INDEX CONCURRENTLY ON {table} ({function:ident}({column:ident}))",
    "postgres",
    composed=True,
)

META = RuleMeta(
    id="PG-P07",
    name="function-on-indexed-column",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A filter wraps an indexed column in a function or cast, so the table is scanned",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

_CALL = re.compile(r"\b([a-z_][a-z0-9_]*)\(\s*(?:\w+\.)?(\w+)\s*\)", re.IGNORECASE)
_CAST = re.compile(r"\(\s*(?:\w+\.)?(\w+)\s*\)::([a-z ]+)", re.IGNORECASE)
_NOT_FUNCTIONS = {"any", "all", "array", "row", "in", "and", "or", "not"}


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    for node in scans(plan.root):
        table = plan_table(node, ctx.postgres.tables)
        if table is None or not node.filter:
            continue
        leading = {i.keys[0] for i in table.indexes if i.keys and i.valid}
        columns = {c.name for c in table.columns}
        wrapped: list[tuple[str, str]] = [
            (m.group(2), f"{m.group(1)}({m.group(2)})")
            for m in _CALL.finditer(node.filter)
            if m.group(1).lower() not in _NOT_FUNCTIONS
        ]
        wrapped += [
            (m.group(1), f"{m.group(1)}::{m.group(2).strip()}") for m in _CAST.finditer(node.filter)
        ]
        for column, expression in wrapped:
            if column not in columns or column not in leading or expression in leading:
                continue
            func = expression.split("(")[0]
            sql = (
                _INDEX.render(table=name(table.schema, table.name), function=func, column=column)
                if "(" in expression
                else f"-- compare {quote_ident(column, 'postgres')} itself (a range on the bare "
                "column), so that its index can be used"
            )
            yield META.finding(
                f"Seq Scan on {table.qualified_name} filters on {expression}: the index on "
                f"{column} cannot serve it",
                plan.location,
                object=table.qualified_name,
                evidence=Evidence.of(
                    relation=table.qualified_name,
                    filter=node.filter,
                    column=column,
                    expression=expression,
                    estimates_only=not plan.analyzed,
                ),
                fix=Fix.sql(
                    f"Index the expression {expression} or rewrite the predicate on {column}",
                    sql,
                ),
                anchor=plan.statement,
            )
            break
