"""## What it does
Flags a CREATE TABLE in which some columns have an `ENCODE` clause and others do not.

## Why is this bad?
One explicit `ENCODE` turns ENCODE AUTO off for the whole table. The columns left without a
clause then get fixed defaults (sort-key columns and BOOLEAN, REAL, DOUBLE PRECISION: RAW;
SMALLINT, INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ: AZ64; CHAR and VARCHAR: LZO)
and Redshift never revisits them. Usually the author meant to tune one column, not to switch
off automatic encoding for all of them.

## Example
```sql
CREATE TABLE sales.orders (order_id BIGINT ENCODE az64, note VARCHAR(200), total DECIMAL(12, 2));
```

## Use instead
```sql
CREATE TABLE sales.orders (order_id BIGINT, note VARCHAR(200), total DECIMAL(12, 2));
```
or give every column an explicit encoding.

## Evidence
The SQL text of the CREATE TABLE: which columns carry ENCODE clauses.

## Known limits
The suggested statement drops every column encoding (back to ENCODE AUTO); if the explicit
encodings were measured, specify the rest instead.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html
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
from rules.redshift.ddl._ddl import (
    base_type,
    column_defs,
    created_table,
    encoding_of,
    is_external,
    name_sql,
    sortkey_names,
)

META = RuleMeta(
    id="RS-D07",
    name="partial-encode-list",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="Some columns have ENCODE and others not, which silently turns ENCODE AUTO off",
    fix_safety=FixSafety.UNSAFE,
)

_RAW_TYPES = {"BOOLEAN", "REAL", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8"}
_AZ64_TYPES = {"SMALLINT", "INT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "DATE"}
_AZ64_TYPES |= {"TIMESTAMP", "TIMESTAMPTZ"}


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or is_external(tree):
        return
    columns = column_defs(tree)
    encoded = [c for c in columns if encoding_of(c) is not None]
    plain = [c for c in columns if encoding_of(c) is None]
    if not encoded or not plain:
        return
    keys = {k.lower() for k in sortkey_names(tree)}
    defaults = ", ".join(f"{name_sql(c.this)} {_default(c, keys)}" for c in plain)
    name = name_sql(table)
    first = plain[0]
    yield META.finding(
        f"{name} sets ENCODE on {len(encoded)} of {len(columns)} columns, which turns ENCODE "
        f"AUTO off; the others get fixed defaults ({defaults})",
        stmt.locate(span_of(first)),
        object=name,
        evidence=Evidence.of(
            encoded=", ".join(c.name for c in encoded),
            unencoded=", ".join(c.name for c in plain),
        ),
        fix=Fix.sql(
            "Drop the column encodings (ENCODE AUTO) or specify every column",
            _without_encodings(tree) + ";",
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


def _default(col: exp.ColumnDef, sortkeys: set[str]) -> str:
    kind = base_type(col)
    if col.name.lower() in sortkeys or kind in _RAW_TYPES:
        return "RAW"
    if kind in _AZ64_TYPES:
        return "AZ64"
    return "LZO"


def _without_encodings(tree: exp.Create) -> str:
    copy = tree.copy()
    for encode in list(copy.find_all(exp.EncodeColumnConstraint)):
        holder = encode.parent
        if isinstance(holder, exp.ColumnConstraint):
            holder.pop()
    return copy.sql(dialect=DIALECT)
