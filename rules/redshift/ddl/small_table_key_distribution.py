"""## What it does
Flags a table declared with `DISTSTYLE KEY` (or a `DISTKEY`) whose every row is written by the
same script as `INSERT ... VALUES` lists, when those rows are few (at most `max_rows`, 10,000
by default): a lookup or reference table of codes, statuses or calendar entries.

## Why is this bad?
KEY distribution spreads a table's rows over the slices by the hash of one column. For a table
of a few dozen rows that puts a handful of rows on some slices and none on others, and every
join on any other column than the key must redistribute or broadcast it at query time. A small,
rarely changed dimension belongs on every node (`DISTSTYLE ALL`), or under `DISTSTYLE AUTO`,
which starts small tables as ALL and changes them as they grow. The generic note of RS-D01
(hand-picked keys) does not say this.

## Example
```sql
CREATE TABLE ref.order_status (status_id SMALLINT, label VARCHAR(20)) DISTKEY (status_id);
INSERT INTO ref.order_status VALUES (1, 'open'), (2, 'shipped'), (3, 'returned');
```

## Use instead
```sql
CREATE TABLE ref.order_status (status_id SMALLINT, label VARCHAR(20)) DISTSTYLE ALL;
INSERT INTO ref.order_status VALUES (1, 'open'), (2, 'shipped'), (3, 'returned');
```

## Evidence
The CREATE TABLE's DISTSTYLE/DISTKEY, and the rows the same file writes into it: only
`INSERT ... VALUES` statements, counted; any COPY, `INSERT ... SELECT` or write from another
file of the run means the size is not known and the rule stays silent.

## Known limits
Tables loaded by COPY (TPC-H's `nation` and `region`, for one) are small too, but the SQL does
not say how many rows they get; the live rule RS-C10 reads the row counts. The docs note that
small dimensions gain little from ALL when they are rarely joined; the fix is advisory, and
`ALTER DISTSTYLE AUTO` is the alternative it names.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor import words
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
from advisor.sql.catalog import display_name
from advisor.sql.context import RuleContext, table_key
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import DISTSTYLE_ALL
from rules.redshift.ddl._ddl import (
    create_kind,
    created_table,
    distkey_column,
    is_external,
    is_temporary,
    name_sql,
    properties,
)

META = RuleMeta(
    id="RS-D25",
    name="small-table-key-distribution",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="Small table filled with a few VALUES rows is distributed by KEY",
    fix_safety=FixSafety.ADVISORY,
    options={"max_rows": 10_000},
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return
    if is_external(tree) or is_temporary(tree) or tree.args.get("expression") is not None:
        return
    style = next((p for p in properties(tree) if isinstance(p, exp.DistStyleProperty)), None)
    distkey = distkey_column(tree)
    diststyle = style.name.upper() if style is not None else ("KEY" if distkey else None)
    if diststyle != "KEY":
        return
    key = table_key(table)
    rows = _values_rows(stmt, ctx, key) if key else None
    if rows is None or not 0 < rows <= int(ctx.option("max_rows", 10_000)):
        return
    name = name_sql(table)
    anchor_node = distkey if distkey is not None else style
    yield META.finding(
        f"{name} is distributed by KEY but holds only the {words.count(rows, 'row')} this script "
        f"inserts; "
        "a small dimension belongs on every node (DISTSTYLE ALL) or under DISTSTYLE AUTO",
        stmt.locate(span_of(anchor_node) if anchor_node is not None else span_of(table)),
        object=name,
        evidence=Evidence.of(
            rows=rows,
            distkey=distkey.name if distkey is not None else None,
        ),
        fix=Fix.sql(
            f"Copy {name} to every node (or let ATO choose with ALTER DISTSTYLE AUTO)",
            DISTSTYLE_ALL.render(table=written(table)),
        ),
        anchor=stmt.text,
    )


def _values_rows(stmt: SqlStatement, ctx: RuleContext, key: str) -> int | None:
    """Rows written into `key` by `INSERT ... VALUES` in this file; None when anything else
    writes it (COPY, INSERT ... SELECT, or DML from another file of the run)."""
    rows = inserts = 0
    for other in ctx.script.statements:
        tree = other.tree
        if isinstance(tree, exp.Copy | exp.Merge) and table_key(tree.this) == key:
            return None
        if not isinstance(tree, exp.Insert) or table_key(tree.this) != key:
            continue
        values = tree.args.get("expression")
        if not isinstance(values, exp.Values):
            return None
        rows += len(values.expressions)
        inserts += 1
    target = created_table(stmt.tree)
    if target is None:
        return None
    written = ctx.catalog.dml_writes.get(display_name(target).lower(), 0)
    if written > inserts:
        return None  # written elsewhere in the run too: the size is not known
    return rows
