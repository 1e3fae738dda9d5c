"""## What it does
Flags `VACUUM` run inside an explicit transaction block (between `BEGIN` / `START TRANSACTION`
and `COMMIT` / `END` / `ROLLBACK`). VACUUM inside a stored procedure's body is reported once, by
RS-D21 (procedure constraints), which also sees statements nested in IF and LOOP blocks.

## Why is this bad?
Redshift refuses it: "You can't run VACUUM within a transaction block (BEGIN ... END)". The
statement fails at run time, usually in the middle of a nightly job, and the transaction around
it is rolled back.

## Example
```sql
BEGIN;
DELETE FROM sales.orders WHERE order_date < '2020-01-01';
VACUUM DELETE ONLY sales.orders;
COMMIT;
```

## Use instead
```sql
BEGIN;
DELETE FROM sales.orders WHERE order_date < '2020-01-01';
COMMIT;
VACUUM DELETE ONLY sales.orders;
```

## Evidence
The SQL text of the whole script: where transaction blocks open and close.

## Known limits
A transaction opened by the client (autocommit off in the driver, a dbt or Airflow hook) is not
visible in the file. With RS-D21 deselected, VACUUM in a procedure body is not reported.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
- https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-constraints.html
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
from advisor.sql.redshift.expressions import Vacuum

META = RuleMeta(
    id="RS-Q14",
    name="vacuum-in-transaction",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="VACUUM cannot run inside a transaction block",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if isinstance(tree, Vacuum):
        begin = ctx.script.transaction_start(stmt)
        if begin is not None:
            line = begin.location.line
            yield META.finding(
                f"VACUUM inside the transaction block opened on line {line}; Redshift rejects "
                "VACUUM in a transaction",
                stmt.location,
                object=_table_name(tree),
                evidence=Evidence.of(transaction_opened_at_line=line),
                fix=Fix.sql(
                    "Move the VACUUM after the COMMIT/END that closes the block", stmt.text + ";"
                ),
                anchor=stmt.text,
            )


def _table_name(tree: Vacuum) -> str | None:
    table = tree.this
    return table.sql("redshift") if isinstance(table, exp.Table) else None
