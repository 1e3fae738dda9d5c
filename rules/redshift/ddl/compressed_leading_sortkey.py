"""## What it does
Flags the first sort-key column of a table when it is declared with a compression encoding
other than `RAW`.

## Why is this bad?
Range-restricted scans read the leading sort-key column first to find the blocks to skip. When
that column compresses much better than the others, each of its blocks covers many more rows
than the other columns' blocks, so the scan reads more of the other columns than it needs.
Amazon Redshift Advisor encodes every column "except the first sort key",
`ANALYZE COMPRESSION` keeps the original encoding for sort-key columns, and the AWS
column-encoding utility forces `raw` on sort key 1 (AWS Labs measured 2706 ms with a
run-length sort key against 280 ms without).

## Example
```sql
CREATE TABLE sales.orders (order_date DATE ENCODE az64, total DECIMAL(12, 2) ENCODE az64)
SORTKEY (order_date);
```

## Use instead
```sql
CREATE TABLE sales.orders (order_date DATE ENCODE raw, total DECIMAL(12, 2) ENCODE az64)
SORTKEY (order_date);
```
or `ALTER TABLE sales.orders ALTER COLUMN order_date ENCODE RAW;`

## Evidence
The SQL text of the CREATE TABLE: the first column of its sort key and that column's ENCODE
clause.

## Known limits
Only explicit encodings are judged; with ENCODE AUTO Redshift picks RAW for the sort key
itself. The leading column of an interleaved key is treated like that of a compound key.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-auto-compression.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE_COMPRESSION.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/ColumnEncodingUtility/analyze-schema-compression.py
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/Investigations/EarlyMaterialization.md
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
from rules.redshift._fixes import ENCODE_COLUMN
from rules.redshift.ddl._ddl import (
    column_named,
    created_table,
    encoding_of,
    name_sql,
    sortkey_names,
)

META = RuleMeta(
    id="RS-D06",
    name="compressed-leading-sortkey",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Leading sort-key column is compressed",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    keys = sortkey_names(tree)
    if not keys:
        return
    col = column_named(tree, keys[0])
    encode = encoding_of(col) if col is not None else None
    if col is None or encode is None or encode.name.upper() == "RAW":
        return
    name = name_sql(table)
    column = name_sql(col.this)
    yield META.finding(
        f"leading sort-key column {column} of {name} is compressed with "
        f"{encode.name.upper()}; leave the first sort-key column RAW so range scans skip "
        "blocks evenly",
        stmt.locate(span_of(encode) or span_of(col)),
        object=name,
        evidence=Evidence.of(column=col.name, encoding=encode.name.upper()),
        fix=Fix.sql(
            f"Store {column} uncompressed",
            ENCODE_COLUMN["RAW"].render(table=written(table), column=written(col.this)),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )
