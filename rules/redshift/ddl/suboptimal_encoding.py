"""## What it does
Flags a column encoding that does not suit the column's type: a numeric or date column (outside
the sort key) encoded with anything but AZ64, or a CHAR/VARCHAR column stored `RAW`.

## Why is this bad?
AZ64 compresses SMALLINT, INTEGER, BIGINT, DECIMAL, DATE and TIMESTAMP[TZ] values better and
decodes them faster than the older encodings; uncompressed character data takes several times
the disk and I/O of ZSTD. AWS's operational review flags exactly these columns. BYTEDICT pays
off only with fewer than 256 distinct values per block.

## Example
```sql
CREATE TABLE sales.orders (
    order_id BIGINT ENCODE delta,
    note VARCHAR(200) ENCODE raw
);
```

## Use instead
```sql
CREATE TABLE sales.orders (
    order_id BIGINT ENCODE az64,
    note VARCHAR(200) ENCODE zstd
);
```
or leave ENCODE out everywhere (ENCODE AUTO).

## Evidence
The SQL text of the CREATE TABLE: each column's type, ENCODE clause, and the sort key.

## Known limits
Encodings picked from `ANALYZE COMPRESSION` on real data may beat these defaults (a BYTEDICT
status code, a RUNLENGTH flag); the fix is advice to check, not to apply blindly. A table with
several such columns gets one finding, on the first, that names them all (its fix holds one
ALTER per column).

## References
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
- https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html
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
from rules.redshift._fixes import ENCODE_COLUMN, in_order
from rules.redshift.ddl._ddl import (
    AZ64_TYPES,
    CHARACTER_TYPES,
    base_type,
    column_defs,
    created_table,
    encoding_of,
    name_sql,
    sortkey_names,
)

META = RuleMeta(
    id="RS-D09",
    name="suboptimal-encoding",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="Encoding does not suit the column type (AZ64 for numbers and dates, ZSTD for text)",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    keys = {k.lower() for k in sortkey_names(tree)}
    name = name_sql(table)
    found: list[tuple[exp.ColumnDef, exp.Expr, str, str, str]] = []
    for col in column_defs(tree):
        encoding = encoding_of(col)
        if encoding is None or col.name.lower() in keys:
            continue
        kind, current = base_type(col), encoding.name.upper()
        better = _better(kind, current)
        if better is not None:
            found.append((col, encoding, kind, current, better))
    if not found:
        return
    # One finding per table: the encodings of one CREATE TABLE are one choice.
    col, encode, kind, current, better = found[0]
    column = name_sql(col.this)
    alters = in_order(
        *(
            ENCODE_COLUMN[b].render(table=written(table), column=written(c.this))
            for c, _, _, _, b in found
        )
    )
    if len(found) == 1:
        message = (
            f"column {column} of {name} is {kind} encoded {current}; {better} suits {kind} better"
        )
        title = f"Encode {column} with {better}"
    else:
        listed = ", ".join(f"{name_sql(c.this)} ({k} {cur})" for c, _, k, cur, _ in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        message = (
            f"{len(found)} columns of {name} have encodings that do not suit their types: "
            f"{listed}{more}; AZ64 suits numbers and dates, ZSTD text"
        )
        title = f"Re-encode the {len(found)} columns (or ALTER TABLE {name} ALTER ENCODE AUTO)"
    yield META.finding(
        message,
        stmt.locate(span_of(encode) or span_of(col)),
        object=name,
        evidence=Evidence.of(
            column=col.name, column_type=kind, encoding=current, columns=len(found)
        ),
        fix=Fix.sql(title, alters, FixSafety.UNSAFE),
        anchor=stmt.text,
    )


def _better(kind: str, current: str) -> str | None:
    if kind in AZ64_TYPES and current not in ("AZ64", "AUTO"):
        return "AZ64"
    if kind in CHARACTER_TYPES and current == "RAW":
        return "ZSTD"
    return None
