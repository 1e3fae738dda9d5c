"""## What it does
Flags an external table (Redshift Spectrum `CREATE EXTERNAL TABLE`, Athena `CREATE EXTERNAL
TABLE` or Athena CTAS) stored in a row format: `STORED AS TEXTFILE`, `ROW FORMAT DELIMITED`, a
JSON/CSV/Avro SerDe, or `format = 'TEXTFILE'|'JSON'|...` in an Athena CTAS, instead of Parquet
or ORC.

## Why is this bad?
Row-oriented files are read whole: every query scans every column of every row, pays S3 scan
charges for all of it, and cannot skip row groups by min/max statistics. Parquet and ORC let
Spectrum and Athena read only the referenced columns and skip blocks.

## Example
```sql
CREATE EXTERNAL TABLE spectrum.clicks (
  ts TIMESTAMP, user_id BIGINT, url VARCHAR(500), referrer VARCHAR(500),
  status INT, bytes BIGINT
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://lake/clicks/';
```

## Use instead
```sql
CREATE EXTERNAL TABLE spectrum.clicks (
  ts TIMESTAMP, user_id BIGINT, url VARCHAR(500), referrer VARCHAR(500),
  status INT, bytes BIGINT
)
STORED AS PARQUET
LOCATION 's3://lake/clicks_parquet/';
```
after converting the files (for example `UNLOAD ... FORMAT AS PARQUET`, or an Athena CTAS with
`format = 'PARQUET'`).

## Evidence
The SQL text of the CREATE statement: its STORED AS, ROW FORMAT and WITH (format = ...) clauses
and its columns; the other statements of the same file (a copy of the table into another one).

## Known limits
Changing the DDL does not convert the data: the suggested statement points at a new location
to be filled with Parquet files. Small lookup files may not be worth converting.
An Athena CTAS that names a row format (`format = 'TEXTFILE'`, `'JSON'`, `'AVRO'`) asked for
it over the Parquet default, usually to hand the files to a reader that needs that format (the
same case as an UNLOAD to text, RS-Q24): the finding is an `info` note. So is a table with
fewer than `narrow_columns` (4) data columns and no struct, map or array among them: a query
reads much of each row anyway, so a columnar copy saves little. A table that the same file
copies into a Parquet/ORC or native table (an Athena CTAS, a Redshift CREATE TABLE AS, an
INSERT ... SELECT) is a landing table already being converted, and is not flagged; a copy made
in another file is not looked for.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-data-files.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    OptionSpec,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import (
    column_defs,
    ddl_dialect_of,
    dialect_of,
    name_sql,
    properties,
)
from rules.redshift.ddl._external import (
    COLUMNAR_FORMATS,
    converted_in_file,
    external_table,
    file_format,
    is_ctas,
)

META = RuleMeta(
    id="RS-D22",
    name="external-row-format",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="External table stored as text/JSON/CSV instead of Parquet or ORC",
    fix_safety=FixSafety.ADVISORY,
    options={"narrow_columns": 4},
    option_specs={
        "narrow_columns": OptionSpec(
            int, doc="Tables with fewer data columns than this get an info note instead."
        )
    },
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    found = external_table(stmt)
    if found is None:
        return
    tree, table = found
    fmt, node = file_format(tree)
    if fmt is None or fmt in COLUMNAR_FORMATS:
        return
    if converted_in_file(stmt, ctx, table) is not None:
        return
    dialect = dialect_of(stmt)
    name = name_sql(table, ddl_dialect_of(stmt))
    ctas = is_ctas(tree)
    defs = column_defs(tree)
    columns = len(defs)
    narrow = (
        not ctas
        and 0 < columns < int(ctx.option("narrow_columns", 4))
        and not any(_nested(c) for c in defs)
    )
    message = (
        f"external table {name} is stored as {fmt}: every query reads whole rows; store it as "
        "Parquet or ORC"
    )
    if ctas:
        message += (
            f" (why you may not care: this CTAS asks for {fmt} over Athena's Parquet default,"
            " usually for a reader that needs it)"
        )
    elif narrow:
        message += (
            f" (why you may not care: with {columns} data column{'s' if columns != 1 else ''},"
            " a query reads much of each row anyway)"
        )
    yield META.finding(
        message,
        stmt.locate(next((s for s in map(span_of, _anchors(tree, node, table)) if s), None)),
        severity=Severity.INFO if ctas or narrow else None,
        object=name,
        evidence=Evidence.of(format=fmt, ctas=ctas, columns=columns or None),
        fix=Fix.sql(
            "Convert the files to Parquet and declare the table over them",
            _as_parquet(tree).sql(dialect=dialect) + ";",
        ),
        anchor=stmt.text,
    )


_NESTED = (exp.DataType.Type.STRUCT, exp.DataType.Type.MAP, exp.DataType.Type.ARRAY)


def _nested(col: exp.ColumnDef) -> bool:
    """A struct, map or array column: its fields are columns of their own in Parquet."""
    kind = col.args.get("kind")
    return isinstance(kind, exp.DataType) and kind.is_type(*_NESTED)


def _anchors(tree: exp.Create, node: exp.Expr | None, table: exp.Table) -> list[exp.Expr]:
    """Where to point: the format clause, else a ROW FORMAT clause, else the table name."""
    row_kinds = (exp.RowFormatDelimitedProperty, exp.RowFormatSerdeProperty)
    rows: list[exp.Expr] = [p for p in properties(tree) if isinstance(p, row_kinds)]
    return [n for n in (node, *rows, table) if n is not None]


def _as_parquet(tree: exp.Create) -> exp.Create:
    copy = tree.copy()
    ctas = is_ctas(copy)
    props = copy.args.get("properties")
    if not isinstance(props, exp.Properties):
        return copy
    kept: list[exp.Expr] = []
    parquet = exp.FileFormatProperty(this=exp.var("PARQUET"), hive_format=True)
    has_format = any(isinstance(p, exp.FileFormatProperty) for p in props.expressions)
    for prop in props.expressions:
        if isinstance(prop, exp.RowFormatDelimitedProperty | exp.RowFormatSerdeProperty):
            if not has_format:
                kept.append(parquet)
            continue
        if isinstance(prop, exp.FileFormatProperty):
            value = exp.Literal.string("PARQUET") if ctas else exp.var("PARQUET")
            prop = exp.FileFormatProperty(this=value, hive_format=not ctas)
        elif isinstance(prop, exp.LocationProperty):
            prop = exp.LocationProperty(this=exp.Literal.string("s3://<bucket>/<parquet-prefix>/"))
        elif type(prop) is exp.Property and prop.name.lower() in ("field_delim", "serde"):
            continue
        kept.append(prop)
    props.set("expressions", kept)
    return copy
