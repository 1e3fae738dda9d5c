"""## What it does
Flags `DELETE FROM t` with no WHERE clause (and no USING): a delete of every row.

## Why is this bad?
DELETE only marks rows as deleted; the blocks stay on disk until a VACUUM reclaims them, and
scans keep reading the dead rows meanwhile. TRUNCATE empties the table at once, frees its
space, and needs no vacuum. Note: TRUNCATE commits the current transaction immediately, even
inside a BEGIN ... END block, and needs table ownership (or the TRUNCATE privilege).

## Example
```sql
DELETE FROM staging.orders;
```

## Use instead
```sql
TRUNCATE staging.orders;
```

## Evidence
The SQL text of the DELETE; the script's transaction blocks, to warn when the TRUNCATE would
commit an open transaction.

## Known limits
A DELETE that must roll back with the rest of its transaction cannot become a TRUNCATE; the fix
is marked unsafe and the message says when the DELETE is inside a transaction block. A DELETE of
a table the same script created above, with nothing written to it since (a set-up script
emptying the table it just made), removes nothing and is not flagged; after
`CREATE TABLE IF NOT EXISTS` it still is, as the table may have existed with its rows.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_vacuum_diskspacereqs.html
- https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html
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
from advisor.sql.context import RuleContext, table_key
from rules.redshift.query._shared import sql, table_display

META = RuleMeta(
    id="RS-Q12",
    name="delete-without-where",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="DELETE of every row; TRUNCATE frees the space without a VACUUM",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Delete) or tree.args.get("where") or tree.args.get("using"):
        return
    table = tree.this
    listed = tree.args.get("tables") or []
    if not isinstance(table, exp.Table) and len(listed) == 1:
        table = listed[0]  # `DELETE t;`: Redshift's FROM is optional
    if not isinstance(table, exp.Table):
        return
    if _still_empty(table, stmt, ctx):
        return
    name = table_display(table)
    in_block = ctx.script.in_transaction(stmt)
    note = " (it is inside a transaction block, which TRUNCATE would commit)" if in_block else ""
    # The table as written (quoted names stay quoted), without its alias.
    bare = table.copy()
    bare.set("alias", None)
    truncate = exp.TruncateTable(expressions=[bare])
    yield META.finding(
        f"DELETE without WHERE removes every row of {name} but leaves the blocks until VACUUM; "
        f"use TRUNCATE{note}",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, in_transaction=in_block),
        fix=Fix.sql(
            f"Empty {name} with TRUNCATE (commits immediately)",
            sql(truncate) + ";",
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _still_empty(table: exp.Table, stmt: SqlStatement, ctx: RuleContext) -> bool:
    """The script created the table above (not as a CTAS) and nothing has written to it since:
    the DELETE of a set-up script run again removes nothing and leaves no dead blocks."""
    key = table_key(table)
    script = ctx.script
    created = script.created.get(key) if key is not None else None
    if key is None or created is None or created >= stmt.index:
        return False
    create = script.statements[created].tree
    if not isinstance(create, exp.Create) or create.expression is not None:
        return False
    if create.args.get("exists"):
        return False  # CREATE TABLE IF NOT EXISTS: an existing table keeps its rows
    return not any(created < i < stmt.index for i in script.loads.get(key, []))
