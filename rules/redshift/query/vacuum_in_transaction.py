"""## What it does
Flags `VACUUM` run inside an explicit transaction block (between `BEGIN` / `START TRANSACTION`
and `COMMIT` / `END` / `ROLLBACK`) or inside the body of a stored procedure.

## Why is this bad?
Redshift refuses it: "You can't run VACUUM within a transaction block (BEGIN ... END)", and a
stored procedure may not contain VACUUM. The statement fails at run time, usually in the middle
of a nightly job, and the transaction around it is rolled back.

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
The SQL text of the whole script: where transaction blocks open and close, and the text of
stored procedure bodies.

## Known limits
A transaction opened by the client (autocommit off in the driver, a dbt or Airflow hook) is not
visible in the file. Dynamic SQL built in a procedure (`EXECUTE 'VACUUM ' || t`) is not seen.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
- https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-constraints.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    RuleMeta,
    Severity,
    SourceText,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.dialect import procedure_body
from advisor.sql.redshift.expressions import Vacuum
from advisor.sql.split import split_statements

META = RuleMeta(
    id="RS-Q14",
    name="vacuum-in-transaction",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="VACUUM cannot run inside a transaction block or a stored procedure",
    fix_safety=FixSafety.ADVISORY,
)

_VACUUM_WORD = re.compile(r"VACUUM\b", re.I)


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
                fix=Fix(
                    "Move the VACUUM after the COMMIT/END that closes the block",
                    FixSafety.ADVISORY,
                    FixKind.SQL,
                    stmt.text + ";",
                ),
                anchor=stmt.text,
            )
    elif isinstance(tree, exp.Create) and str(tree.args.get("kind") or "").upper() == "PROCEDURE":
        yield from _in_procedure(stmt, tree)


def _table_name(tree: Vacuum) -> str | None:
    table = tree.this
    return table.sql("redshift") if isinstance(table, exp.Table) else None


def _in_procedure(stmt: SqlStatement, create: exp.Create) -> Iterator[Finding]:
    text = procedure_body(create)
    if not text:
        return
    # Statements of the body (PL/pgSQL), split with the same lexical rules as SQL files.
    spans, _ = split_statements(SourceText.of(stmt.path, text))
    base = stmt.text.find(text)
    for span in spans:
        piece = text[span.start : span.end + 1]
        if not _VACUUM_WORD.match(piece):
            continue
        local = (base + span.start, base + span.end) if base >= 0 else None
        yield META.finding(
            f"procedure {create.this.sql('redshift')} runs VACUUM; stored procedures may not "
            "contain VACUUM",
            stmt.locate(local),
            object=create.this.sql("redshift"),
            evidence=Evidence.of(statement_in_body=" ".join(piece.split())),
            fix=Fix(
                "Run the VACUUM from the job that calls the procedure, after it returns",
                FixSafety.ADVISORY,
            ),
            anchor=piece,
        )
