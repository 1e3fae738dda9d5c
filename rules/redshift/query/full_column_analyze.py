"""## What it does
Flags `ANALYZE t` with neither a column list nor `PREDICATE COLUMNS`.

## Why is this bad?
ANALYZE defaults to ALL COLUMNS: it samples and computes statistics for every column, though
the planner needs them mainly for the columns used in filters, joins and GROUP BY.
`PREDICATE COLUMNS` limits the work to those columns plus the distribution and sort key
columns; if no column has been marked as a predicate column yet, all columns are analyzed, so
nothing is lost on a new table.

## Example
```sql
ANALYZE sales.orders;
```

## Use instead
```sql
ANALYZE sales.orders PREDICATE COLUMNS;
```

## Fix safety
Safe: `--fix` adds `PREDICATE COLUMNS` to the statement. The same table is analysed; only the
columns that filters, joins and GROUP BY use (and the key columns) get statistics, which is what
the planner reads. The statement is rewritten only when it holds no comment.

## Evidence
The SQL text of the ANALYZE statement.

## Known limits
An explicit `ALL COLUMNS` is taken as deliberate and not flagged. The fix is marked safe: it
changes only which columns are re-sampled, and falls back to all columns when none is marked.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html
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
from advisor.sql.edits import as_edits, statement_edit
from rules.redshift.query._shared import sql, table_display

META = RuleMeta(
    id="RS-Q17",
    name="full-column-analyze",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="ANALYZE of every column; PREDICATE COLUMNS analyzes the ones the planner uses",
    fix_safety=FixSafety.SAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Analyze) or tree.args.get("expression"):
        return
    tables = tree.args.get("tables") or []
    if len(tables) != 1 or not isinstance(tables[0], exp.Table):
        return
    name = table_display(tables[0])
    fixed = tree.copy()
    fixed.set("expression", exp.var("PREDICATE COLUMNS"))
    yield META.finding(
        f"ANALYZE {name} computes statistics for every column; PREDICATE COLUMNS covers the "
        "columns used in filters, joins and GROUP BY plus the key columns",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name),
        fix=Fix.sql(
            "Analyze predicate columns only",
            sql(fixed) + ";",
            FixSafety.SAFE,
            edits=as_edits(statement_edit(stmt, fixed)),
        ),
        anchor=stmt.text,
    )
