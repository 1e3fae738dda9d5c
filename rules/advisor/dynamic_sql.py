"""## What it does
Reports an `EXECUTE` inside a stored procedure: a statement built as a string at run time,
which the advisor does not analyse.

## Why is this bad?
It is not bad in itself; this note says that what the statement does is unknown here. None
of the other rules has looked at it, so a DELETE without WHERE or a badly keyed table created
through EXECUTE goes unseen. The advisor does not guess what the string will hold.

## Example
```sql
CREATE OR REPLACE PROCEDURE etl.purge(tbl VARCHAR) AS $$
BEGIN
    EXECUTE 'DELETE FROM ' || tbl;
END;
$$ LANGUAGE plpgsql;
```

## Use instead
```sql
CREATE OR REPLACE PROCEDURE etl.purge() AS $$
BEGIN
    DELETE FROM etl.staging WHERE loaded_at < DATEADD(day, -7, GETDATE());
END;
$$ LANGUAGE plpgsql;
```
Where the table name must vary, keep the statement's shape fixed and vary only the name
(`quote_ident`), and review that statement by hand.

## Evidence
The SQL text only: an `EXECUTE` statement in a PL/pgSQL body (also `FOR ... IN EXECUTE`).

## Known limits
An `EXECUTE` of a constant string is reported too rather than parsed; outside procedures,
`EXECUTE` runs a prepared statement and is not reported.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_PLpgSQL-statements.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, SqlStatement, TargetKind
from advisor.sql.context import RuleContext

META = RuleMeta(
    id="AD-005",
    name="dynamic-sql",
    family="advisor",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="SQL built at run time (EXECUTE in a procedure) is not analysed",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    if not stmt.dynamic:
        return
    yield META.finding(
        f"EXECUTE in procedure {stmt.procedure} runs SQL built at run time; "
        "no rule has analysed it",
        stmt.location,
        object=stmt.procedure,
        evidence=Evidence.of(procedure=stmt.procedure),
        anchor=stmt.text,
    )
