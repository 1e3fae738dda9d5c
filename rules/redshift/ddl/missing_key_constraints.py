"""## What it does
Flags a CREATE TABLE that declares neither a PRIMARY KEY nor a FOREIGN KEY (REFERENCES) when the
queries of the same lint run join the table.

## Why is this bad?
Redshift does not enforce these constraints, but the planner uses them (for example to drop
redundant joins and DISTINCTs), and automatic distribution picks the primary key, or one of its
columns, as the distribution key. Without them the optimizer has less to go on for every join
the table takes part in.

## Example
```sql
CREATE TABLE sales.customers (customer_id BIGINT NOT NULL, name VARCHAR(100));
SELECT o.order_id, c.name FROM sales.orders o JOIN sales.customers c USING (customer_id);
```

## Use instead
```sql
CREATE TABLE sales.customers (
    customer_id BIGINT NOT NULL,
    name VARCHAR(100),
    PRIMARY KEY (customer_id)
);
```

## Evidence
The SQL text of the whole lint run: the table's constraints, and the SELECTs that join it
(an unqualified name matches any schema).

## Known limits
Declare constraints only when the pipeline guarantees them: Redshift trusts them, and a false
primary key gives wrong query results. Temporary, external and CTAS tables, and Athena DDL
(which has no key constraints), are skipped. An unqualified reference counts as a join of
this table only when it resolves to it with confidence: the table is declared without a
schema, or the referencing file's `SET search_path` names its schema, or it is the only table
of that name declared in the referencing file. A `customer` in an unrelated query file is not
taken for `ssb.customer`. Staging tables (`stg_`, `stage`, `staging`, `tmp`, `temp`,
`landing` in the schema or name) are skipped: a batch loaded and moved on has no key to declare.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-defining-constraints.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
- https://repost.aws/articles/ARrFqp1qhDRQKkC4yfqXur1A/how-to-pick-distribution-keys-and-sort-keys-for-amazon-redshift
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
from advisor.sql.context import RuleContext
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import (
    column_defs,
    create_kind,
    created_table,
    in_athena,
    is_external,
    is_temporary,
    name_sql,
)
from rules.redshift.query._shared import staging_name

META = RuleMeta(
    id="RS-D14",
    name="missing-key-constraints",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="Joined table declares no primary or foreign key",
    fix_safety=FixSafety.ADVISORY,
)

_KEYS = (
    exp.PrimaryKey,
    exp.PrimaryKeyColumnConstraint,
    exp.ForeignKey,
    exp.Reference,
    exp.UniqueColumnConstraint,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return
    if not column_defs(tree) or is_external(tree) or is_temporary(tree) or in_athena(stmt):
        return
    if any(stmt.nodes(*_KEYS)):
        return
    if staging_name(display_name(table)):
        return  # emptied and reloaded by each run: there is no key to declare
    joins = ctx.catalog.joins.get(display_name(table).lower(), 0)
    if not joins:
        return
    name = name_sql(table)
    yield META.finding(
        f"{name} is joined in {words.count(joins, 'place')} of this run but declares no primary "
        f"or foreign "
        "key; declared keys inform the planner and automatic distribution",
        stmt.locate(span_of(table)),
        object=name,
        evidence=Evidence.of(joins=joins),
        fix=Fix.advice(
            f"Declare the key the pipeline guarantees: ALTER TABLE {name} ADD PRIMARY KEY (...);"
        ),
        anchor=stmt.text,
    )
