"""## What it does
Flags `CREATE TABLE new (LIKE old)`.

## Why is this bad?
The copy inherits the parent's encodings, distribution key, sort key and NOT NULL attributes,
but not its primary and foreign keys. A deep copy made this way silently loses the constraints
the planner and automatic distribution rely on, unless they are declared again.

## Example
```sql
CREATE TABLE sales.orders_copy (LIKE sales.orders);
```

## Use instead
```sql
CREATE TABLE sales.orders_copy (LIKE sales.orders);
ALTER TABLE sales.orders_copy ADD PRIMARY KEY (order_id);
```

## Evidence
The SQL text of the CREATE TABLE ... LIKE, and the parent's primary key when its DDL is in the
same lint run.

## Known limits
Informational. When the parent's DDL is not in the run, the fix cannot name the key columns.
Foreign keys are not copied into the suggested SQL. When the parent's DDL is in the run and
declares no primary or foreign key (a CTAS, a staging table), nothing is lost and the rule
stays silent. An unqualified parent name is resolved as described for the project catalog:
the table declared without a schema, else the schema of the file's `SET search_path`, else the
only table of that name in the same file, else `public`.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html
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
from advisor.sql.fixsql import spelled, written
from advisor.sql.spans import span_of
from rules.redshift._fixes import ADD_PRIMARY_KEY
from rules.redshift.ddl._ddl import created_table, name_sql

META = RuleMeta(
    id="RS-D16",
    name="create-table-like",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="CREATE TABLE LIKE does not copy primary and foreign keys",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    like = stmt.first(exp.LikeProperty)
    parent = like.this if like is not None else None
    if like is None or not isinstance(parent, exp.Table):
        return
    name, parent_name = name_sql(table), name_sql(parent)
    info = ctx.table_info(parent)
    keys = info.primary_key if info is not None else ()
    if info is not None and not keys and not info.foreign_key:
        return  # the parent's DDL is in the run and declares no keys: nothing is lost
    if keys:
        fix = Fix.sql(
            f"Declare the primary key of {parent_name} on the copy",
            ADD_PRIMARY_KEY.render(table=written(table), columns=[spelled(k) for k in keys]),
        )
    else:
        fix = Fix.advice(
            f"Re-add the primary and foreign keys of {parent_name} with ALTER TABLE {name} "
            "ADD PRIMARY KEY (...) / ADD FOREIGN KEY (...) REFERENCES ..."
        )
    yield META.finding(
        f"{name} is created LIKE {parent_name}: keys, encodings and NOT NULL are copied, primary "
        "and foreign keys are not",
        stmt.locate(span_of(like)),
        object=name,
        evidence=Evidence.of(parent=parent_name, parent_primary_key=", ".join(keys) or None),
        fix=fix,
        anchor=stmt.text,
    )
