"""## What it does
Flags a COPY or `INSERT ... SELECT` into a table that already existed before the script (it is
not created in the same file) when nothing later in the script refreshes its statistics: no
`ANALYZE` of the table (or of the database) and no `STATUPDATE ON` on the load. Reported once
per table, at its last load.

## Why is this bad?
COPY computes statistics automatically only when it loads an empty table. After loading into a
populated table, the planner keeps using the old row counts and value ranges until automatic
analyze catches up, and may pick broadcasts or join orders for a table that no longer exists
in that shape.

## Example
```sql
COPY sales.orders FROM 's3://bucket/orders/2024-05-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' GZIP;
```

## Use instead
```sql
COPY sales.orders FROM 's3://bucket/orders/2024-05-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' GZIP;
ANALYZE sales.orders PREDICATE COLUMNS;
```

## Evidence
The script indexes built once per file before rules run: loads by target table, tables
created in the file, ANALYZE targets; and the load's STATUPDATE option.

## Known limits
An ANALYZE run by a later job, or automatic analyze, is not visible; the rule is low severity
for that reason. Single-row `INSERT ... VALUES` statements are not counted as loads. A file's
only COPY into a table declared elsewhere in the run (a set-up script's DDL, then a load script)
that nothing else writes is taken for the initial load of an empty table, for which COPY
updates the statistics itself, and is not flagged. Nor is a load into a table that another
file of the run analyzes (by name, or with a database-wide `ANALYZE`): a pipeline's separate
maintenance step.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html
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
from advisor.sql.context import RuleContext, ScriptContext, table_key
from advisor.sql.dialect import option
from advisor.sql.fixsql import written
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS
from rules.redshift.query._shared import flag_value, table_display

META = RuleMeta(
    id="RS-Q22",
    name="load-without-stats-refresh",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="Load into an existing table with no later ANALYZE or STATUPDATE ON",
    fix_safety=FixSafety.SAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Copy | exp.Insert):
        return
    key = table_key(tree.this)
    if key is None or key in ctx.script.created:
        return
    script = ctx.script
    loads = [i for i in script.loads.get(key, []) if _is_bulk_load(script, i)]
    if not loads or loads[-1] != stmt.index or script.analyzed_after(key, stmt.index):
        return
    if any(_statupdate_on(script, i) for i in loads):
        return
    if _initial_copy(tree, loads, script, ctx, key):
        return
    path = stmt.source.path
    if any(p != path for k in (key, "") for p in ctx.catalog.analyzed_in.get(k, ())):
        return  # another script of the run (a maintenance step) analyzes it
    name = table_display(tree.this)
    kind = "COPY" if isinstance(tree, exp.Copy) else "INSERT ... SELECT"
    yield META.finding(
        f"{kind} into existing table {name} is not followed by ANALYZE or STATUPDATE ON; "
        "the planner keeps its old statistics",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, loads=len(loads)),
        fix=Fix.sql(
            "Refresh statistics after the load (or add STATUPDATE ON to the COPY)",
            ANALYZE_PREDICATE_COLUMNS.render(table=written(tree.this)),
            FixSafety.SAFE,
        ),
        anchor=stmt.text,
    )


def _initial_copy(
    tree: exp.Expr, loads: list[int], script: ScriptContext, ctx: RuleContext, key: str
) -> bool:
    """The one COPY of this file into a table the run declares (in another file, a set-up
    script) and nothing else in the run writes: the load of an empty table, whose statistics
    COPY refreshes by itself when STATUPDATE is not given."""
    if not isinstance(tree, exp.Copy) or len(loads) != 1 or not isinstance(tree.this, exp.Table):
        return False
    info = ctx.table_info(tree.this)
    if info is None:
        return False
    return ctx.catalog.dml_writes.get(info.qualified_name.lower(), 0) == 0


def _is_bulk_load(script: ScriptContext, index: int) -> bool:
    tree = script.statements[index].tree
    if isinstance(tree, exp.Copy):
        return True
    return isinstance(tree, exp.Insert) and isinstance(tree.args.get("expression"), exp.Query)


def _statupdate_on(script: ScriptContext, index: int) -> bool:
    tree = script.statements[index].tree
    if not isinstance(tree, exp.Copy):
        return False
    return flag_value(option(tree, "STATUPDATE")) in ("ON", "TRUE")
