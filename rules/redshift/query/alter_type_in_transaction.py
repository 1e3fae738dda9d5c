"""## What it does
Flags `ALTER TABLE ... ALTER COLUMN ... TYPE` run inside an explicit transaction block
(between `BEGIN` / `START TRANSACTION` and `COMMIT` / `END` / `ROLLBACK`).

## Why is this bad?
Redshift refuses it: "ALTER COLUMN TYPE can't run inside a transaction block". The statement
fails, and with it the transaction around it, typically in the middle of a migration.

## Example
```sql
BEGIN;
ALTER TABLE sales.orders ALTER COLUMN note TYPE VARCHAR(512);
UPDATE sales.orders SET note = TRIM(note);
COMMIT;
```

## Use instead
```sql
ALTER TABLE sales.orders ALTER COLUMN note TYPE VARCHAR(512);
BEGIN;
UPDATE sales.orders SET note = TRIM(note);
COMMIT;
```

## Evidence
The SQL text of the whole script: where transaction blocks open and close (computed once per
file before rules run), and the ALTER's actions.

## Known limits
A transaction opened by the client (autocommit off in the driver, a dbt or Airflow hook) is not
visible in the file. Note also that ALTER DISTSTYLE / DISTKEY / SORTKEY cannot run while a
VACUUM runs on the same table; that is a run-time conflict this rule cannot see.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
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
from rules.redshift.query._shared import sql, table_display

META = RuleMeta(
    id="RS-Q29",
    name="alter-type-in-transaction",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="ALTER COLUMN ... TYPE cannot run inside a transaction block",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Alter):
        return
    changes = [
        a
        for a in tree.args.get("actions") or []
        if isinstance(a, exp.AlterColumn) and a.args.get("dtype")
    ]
    if not changes:
        return
    begin = ctx.script.transaction_start(stmt)
    if begin is None:
        return
    name = table_display(tree.this)
    column = changes[0].name
    line = begin.location.line
    yield META.finding(
        f"ALTER COLUMN {column} TYPE on {name} inside the transaction block opened on line "
        f"{line}; Redshift rejects it there",
        stmt.location,
        object=name,
        evidence=Evidence.of(
            table=name,
            column=column,
            new_type=sql(changes[0].args["dtype"]),
            transaction_opened_at_line=line,
        ),
        fix=Fix.sql(
            "Run the ALTER before BEGIN or after the COMMIT/END that closes the block",
            sql(tree) + ";",
        ),
        anchor=stmt.text,
    )
