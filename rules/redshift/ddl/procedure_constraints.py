"""## What it does
Flags what Redshift does not allow in a stored procedure: the statements VACUUM, CREATE or
DROP DATABASE, CREATE EXTERNAL TABLE, PREPARE, SET LOCAL and ALTER TABLE APPEND in its body;
more than 32 IN (or INOUT) or 32 OUT (or INOUT) arguments; more than 1,024 declared variables;
a source text larger than 2 MB.

## Why is this bad?
The procedure either fails to compile or fails when it reaches the statement, usually halfway
through a job. Procedures have no subtransactions, so there is no clean way to recover inside
them.

## Example
```sql
CREATE OR REPLACE PROCEDURE etl.nightly() AS $$
BEGIN
    DELETE FROM sales.orders WHERE order_date < '2020-01-01';
    VACUUM DELETE ONLY sales.orders;
END;
$$ LANGUAGE plpgsql;
```

## Use instead
```sql
CREATE OR REPLACE PROCEDURE etl.nightly() AS $$
BEGIN
    DELETE FROM sales.orders WHERE order_date < '2020-01-01';
END;
$$ LANGUAGE plpgsql;
-- in the job, after CALL etl.nightly():
VACUUM DELETE ONLY sales.orders;
```

## Evidence
The SQL text of the CREATE PROCEDURE: the statements of its body (split with the same lexical
rules as SQL files), its argument list, its DECLARE section and its size. Options
`max_in_args`, `max_out_args` (32), `max_variables` (1024) and `max_source_bytes` (2 MB).

## Known limits
Statements built as strings for `EXECUTE` are not seen. The nested CALL depth (16) and nested
cursors are not checked. Variables are counted in DECLARE sections only.

## References
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
    FixSafety,
    RuleMeta,
    Severity,
    SourceText,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.dialect import procedure_body
from advisor.sql.spans import span_of
from advisor.sql.split import split_statements
from rules.redshift.ddl._ddl import create_kind, name_sql

META = RuleMeta(
    id="RS-D21",
    name="procedure-constraints",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="Statement or limit that Redshift does not allow in a stored procedure",
    fix_safety=FixSafety.ADVISORY,
    options={
        "max_in_args": 32,
        "max_out_args": 32,
        "max_variables": 1024,
        "max_source_bytes": 2 * 1024 * 1024,
    },
)

# A statement starts a body piece, or follows a block keyword inside it (BEGIN VACUUM ...).
_LEAD = r"(?:^|\b(?:BEGIN|THEN|ELSE|LOOP|DECLARE)\s+)"
_FORBIDDEN = {
    "VACUUM": r"VACUUM\b",
    "CREATE DATABASE": r"CREATE\s+DATABASE\b",
    "DROP DATABASE": r"DROP\s+DATABASE\b",
    "CREATE EXTERNAL TABLE": r"CREATE\s+EXTERNAL\s+TABLE\b",
    "PREPARE": r"PREPARE\b",
    "SET LOCAL": r"SET\s+LOCAL\b",
    "ALTER TABLE APPEND": r"ALTER\s+TABLE\s+\S+\s+APPEND\b",
}
_PATTERNS = {k: re.compile(f"{_LEAD}({v})", re.I | re.S) for k, v in _FORBIDDEN.items()}
_DECLARE = re.compile(r"^\s*DECLARE\b", re.I)
_BEGIN = re.compile(r"^\s*(?:<<\w+>>\s*)?BEGIN\b", re.I)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Create) or create_kind(tree) != "PROCEDURE":
        return
    name = name_sql(tree.this.this if isinstance(tree.this, exp.UserDefinedFunction) else tree.this)
    yield from _argument_limits(stmt, tree, name, ctx)
    body = procedure_body(tree)
    if not body:
        return
    size = len(body.encode("utf-8"))
    if size > int(ctx.option("max_source_bytes", 2 * 1024 * 1024)):
        yield _finding(stmt, name, f"has a {size}-byte body; the limit is 2 MB", None, "size")
    spans, _ = split_statements(SourceText.of(stmt.path, body))
    base = stmt.text.find(body)
    variables = 0
    declaring = False
    for span in spans:
        piece = body[span.start : span.end + 1]
        if _DECLARE.match(piece):
            declaring = True
        if _BEGIN.match(piece):
            declaring = False
        elif declaring:
            variables += 1
        for label, pattern in _PATTERNS.items():
            hit = pattern.search(piece)
            if hit is None:
                continue
            local = (base + span.start + hit.start(1), base + span.end) if base >= 0 else None
            yield _finding(
                stmt, name, f"runs {label}, which a stored procedure may not contain", local, label
            )
    limit = int(ctx.option("max_variables", 1024))
    if variables > limit:
        yield _finding(
            stmt, name, f"declares {variables} variables; the limit is {limit}", None, ""
        )


def _argument_limits(
    stmt: SqlStatement, tree: exp.Create, name: str, ctx: RuleContext
) -> Iterator[Finding]:
    udf = tree.this
    args = [a for a in udf.expressions if isinstance(a, exp.ColumnDef)] if udf else []
    ins = outs = 0
    for arg in args:
        mode = arg.find(exp.InOutColumnConstraint)
        is_in = mode is None or bool(mode.args.get("input_")) or not mode.args.get("output")
        is_out = mode is not None and bool(mode.args.get("output"))
        ins += is_in
        outs += is_out
    for count, key, label in ((ins, "max_in_args", "IN"), (outs, "max_out_args", "OUT")):
        limit = int(ctx.option(key, 32))
        if count > limit:
            where = span_of(udf) if isinstance(udf, exp.Expr) else None
            yield _finding(
                stmt, name, f"has {count} {label} arguments; the limit is {limit}", where, label
            )


def _finding(
    stmt: SqlStatement, name: str, what: str, span: tuple[int, int] | None, kind: str
) -> Finding:
    return META.finding(
        f"procedure {name} {what}",
        stmt.locate(span),
        object=name,
        evidence=Evidence.of(problem=kind),
        fix=Fix.advice(_advice(kind)),
        anchor=stmt.text,
    )


def _advice(kind: str) -> str:
    if kind in ("VACUUM", "CREATE DATABASE", "DROP DATABASE", "CREATE EXTERNAL TABLE"):
        return f"Run {kind} from the job that calls the procedure, outside it"
    if kind in ("IN", "OUT"):
        return "Pass fewer arguments: group them in a table or a SUPER/JSON argument"
    return "Restructure the procedure: split it, or move the statement to the calling job"
