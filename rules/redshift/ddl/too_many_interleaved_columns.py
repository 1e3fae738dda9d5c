"""## What it does
Flags an `INTERLEAVED SORTKEY` with more columns than Redshift allows (8).

## Why is this bad?
Redshift rejects the statement: an interleaved sort key can have at most eight columns. The
CREATE TABLE fails, and every load and query that depends on the table fails after it.

## Example
```sql
CREATE TABLE s.t (a INT, b INT, c INT, d INT, e INT, f INT, g INT, h INT, i INT)
INTERLEAVED SORTKEY (a, b, c, d, e, f, g, h, i);
```

## Use instead
```sql
CREATE TABLE s.t (a INT, b INT, c INT, d INT, e INT, f INT, g INT, h INT, i INT)
INTERLEAVED SORTKEY (a, b, c, d, e, f, g, h);
```
Better still, keep the two or three columns queries really filter on, or a compound key.

## Evidence
The SQL text of the CREATE TABLE: the number of columns in the interleaved sort key.

## Known limits
The suggested statement keeps the first columns as written; which columns matter most is a
workload question.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
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
from advisor.sql.dialect import DIALECT
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import created_table, interleaved_key, name_sql

META = RuleMeta(
    id="RS-D04",
    name="too-many-interleaved-columns",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="Interleaved sort key with more than 8 columns",
    fix_safety=FixSafety.UNSAFE,
    options={"max_interleaved_columns": 8},
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    key = interleaved_key(tree)
    limit = int(ctx.option("max_interleaved_columns", 8))
    if key is None or len(key[1]) <= limit:
        return
    prop, columns = key
    name = name_sql(table)
    yield META.finding(
        f"interleaved sort key of {name} has {len(columns)} columns; Redshift allows at most "
        f"{limit}",
        stmt.locate(span_of(prop)),
        object=name,
        evidence=Evidence.of(columns=len(columns), limit=limit),
        fix=Fix.sql(
            f"Keep at most {limit} interleaved sort key columns",
            _trimmed(tree, limit) + ";",
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _trimmed(tree: exp.Create, limit: int) -> str:
    copy = tree.copy()
    prop = copy.find(exp.SortKeyProperty)
    if prop is not None:
        cols = prop.this if isinstance(prop.this, list) else [prop.this]
        prop.set("this", cols[:limit])
    return copy.sql(dialect=DIALECT)
