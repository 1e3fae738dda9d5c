"""## What it does
Flags `ENCODE AZ64` on a column whose type AZ64 cannot encode (anything but SMALLINT,
INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP and TIMESTAMPTZ).

## Why is this bad?
Redshift rejects the statement: AZ64 supports only those numeric, date and time types. The
CREATE TABLE fails, and the load job after it with it.

## Example
```sql
CREATE TABLE sales.customers (customer_id BIGINT ENCODE az64, name VARCHAR(100) ENCODE az64);
```

## Use instead
```sql
CREATE TABLE sales.customers (customer_id BIGINT ENCODE az64, name VARCHAR(100) ENCODE zstd);
```

## Evidence
The SQL text of the CREATE TABLE: each column's type and ENCODE clause.

## Known limits
The suggested statement uses ZSTD for every unsupported type; LZO or BYTEDICT may suit some
columns better.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html
- https://docs.aws.amazon.com/redshift/latest/dg/az64-encoding.html
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
from rules.redshift.ddl._ddl import (
    AZ64_TYPES,
    base_type,
    column_defs,
    created_table,
    encoding_of,
    name_sql,
)

META = RuleMeta(
    id="RS-D08",
    name="az64-unsupported-type",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="AZ64 encoding on a type it does not support",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    bad = [
        c
        for c in column_defs(tree)
        if (e := encoding_of(c)) is not None
        and e.name.upper() == "AZ64"
        and base_type(c)
        and base_type(c) not in AZ64_TYPES
    ]
    if not bad:
        return
    name = name_sql(table)
    fixed = _rewritten(tree, {c.name for c in bad})
    for col in bad:
        column = name_sql(col.this)
        encode = encoding_of(col)
        yield META.finding(
            f"column {column} of {name} is {base_type(col)}, which AZ64 cannot encode; Redshift "
            "rejects the statement",
            stmt.locate((span_of(encode) if encode is not None else None) or span_of(col)),
            object=name,
            evidence=Evidence.of(column=col.name, column_type=base_type(col)),
            fix=Fix.sql(f"Encode {column} with ZSTD", fixed + ";", FixSafety.UNSAFE),
            anchor=stmt.text,
        )


def _rewritten(tree: exp.Create, names: set[str]) -> str:
    copy = tree.copy()
    for col in copy.find_all(exp.ColumnDef):
        encode = encoding_of(col)
        if col.name in names and encode is not None:
            encode.set("this", exp.var("ZSTD"))
    return copy.sql(dialect=DIALECT)
