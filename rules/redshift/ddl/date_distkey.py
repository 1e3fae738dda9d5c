"""## What it does
Flags a distribution key on a DATE or TIMESTAMP column, or on a column named like one
(`..._date`, `..._dt`, `..._timestamp`, `..._datetime`).

## Why is this bad?
Queries on such tables usually filter a narrow period. With the date as distribution key,
the rows of that period sit on a few slices, so those slices do all the work while the others
idle. AWS's operational review flags these keys; the distribution key should be a
high-cardinality column the big joins use.

## Example
```sql
CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, order_date DATE)
DISTKEY (order_date);
```

## Use instead
```sql
CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, order_date DATE)
DISTKEY (customer_id) SORTKEY (order_date);
```

## Evidence
The SQL text of the CREATE TABLE (or CTAS): the DISTKEY column, its declared type, and its name.

## Known limits
The better key depends on the joins the workload runs; the fix resets distribution to AUTO
rather than guessing a column. Name matching can misfire on a column such as `dt_code`.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
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
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import DISTSTYLE_AUTO
from rules.redshift.ddl._ddl import (
    DATE_TYPES,
    base_type,
    column_named,
    created_table,
    distkey_column,
    name_sql,
)
from rules.redshift.ddl.date_stored_as_text import date_words

META = RuleMeta(
    id="RS-D12",
    name="date-distkey",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Distribution key on a date or timestamp column",
    fix_safety=FixSafety.UNSAFE,
)

_NAME_WORDS = {"date", "dt", "timestamp", "datetime"}


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    key = distkey_column(tree)
    if key is None:
        return
    ident = key.this if isinstance(key, exp.ColumnDef) else key
    col = column_named(tree, key.name)
    kind = base_type(col) if col is not None else None
    by_type = kind in DATE_TYPES
    if not by_type and not _NAME_WORDS.intersection(date_words(key.name)):
        return
    name = name_sql(table)
    column = name_sql(ident)
    why = f"type {kind}" if by_type else "its name"
    yield META.finding(
        f"{name} is distributed on {column} ({why} marks it a date): a filter on a short period "
        "reads rows from few slices; distribute on a high-cardinality join column",
        stmt.locate(span_of(key)),
        object=name,
        evidence=Evidence.of(
            column=key.name, column_type=kind, matched_by="type" if by_type else "name"
        ),
        fix=Fix.sql(
            "Distribute on a high-cardinality join column, or let Redshift choose",
            DISTSTYLE_AUTO.render(table=written(table)),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )
