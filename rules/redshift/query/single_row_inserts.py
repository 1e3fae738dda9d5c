"""## What it does
Flags a run of consecutive single-row `INSERT ... VALUES` statements into the same table
(three or more by default), once per run, at its first statement.

## Why is this bad?
Each single-row INSERT is a separate statement: it is planned and committed on its own, the
data goes through the leader node, and the tiny writes compress poorly and fill 1 MB blocks
with a few rows each. AWS recommends a multi-row INSERT, `INSERT ... SELECT`, or, best, COPY
from Amazon S3 for bulk data.

## Example
```sql
INSERT INTO ref.currencies VALUES ('EUR', 'Euro');
INSERT INTO ref.currencies VALUES ('USD', 'US dollar');
INSERT INTO ref.currencies VALUES ('JPY', 'Yen');
```

## Use instead
```sql
INSERT INTO ref.currencies VALUES ('EUR', 'Euro'), ('USD', 'US dollar'), ('JPY', 'Yen');
```

## Evidence
The SQL text of the whole script: consecutive INSERT ... VALUES statements with one row each,
the same target and the same column list (from the script index built before rules run).

## Known limits
Only consecutive statements in one file are counted; inserts issued by a loop in client code
are invisible. A run seeding a table the same script creates above it (a set-up script's
reference rows) is an `info` note: it is written once. The fix merges the rows into one
statement, so one bad row now rejects them all (unsafe).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-copy.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    OptionSpec,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext, table_key
from rules.redshift.query._shared import sql, table_display

META = RuleMeta(
    id="RS-Q11",
    name="single-row-inserts",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Consecutive single-row INSERTs into one table; use a multi-row INSERT or COPY",
    fix_safety=FixSafety.UNSAFE,
    options={"min_consecutive_inserts": 3},
    option_specs={
        "min_consecutive_inserts": OptionSpec(
            int, minimum=2, doc="How many INSERTs in a row make a finding."
        )
    },
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Insert):
        return
    length = ctx.script.insert_runs.get(stmt.index, 0)
    if length < int(ctx.option("min_consecutive_inserts", 3)):
        return
    run = ctx.script.statements[stmt.index : stmt.index + length]
    last = run[-1]
    name = table_display(tree.this)
    message = (
        f"{length} consecutive single-row INSERTs into {name} (through line "
        f"{last.location.end_line}); each is a separate leader-node statement"
    )
    key = table_key(tree.this)
    created = ctx.script.created.get(key) if key is not None else None
    seeds = created is not None and created < stmt.index
    if seeds:
        message += (
            " (why you may not care: the script creates the table above and seeds it once;"
            " a one-time set-up pays the per-statement cost once)"
        )
    yield META.finding(
        message,
        stmt.location,
        severity=Severity.INFO if seeds else None,
        object=name,
        evidence=Evidence.of(table=name, statements=length, last_line=last.location.end_line),
        fix=Fix.sql(
            f"Insert the {length} rows with one multi-row INSERT (or load them with COPY)",
            _merged(tree, run),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _merged(first: exp.Insert, run: list[SqlStatement]) -> str:
    rows: list[exp.Expr] = []
    for stmt in run:
        values = stmt.tree.args.get("expression") if stmt.tree is not None else None
        if isinstance(values, exp.Values):
            rows.extend(row.copy() for row in values.expressions)
    merged = first.copy()
    merged.set("expression", exp.Values(expressions=rows))
    return sql(merged) + ";"
