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
CREATE EXTERNAL TABLE spectrum.clicks (ts TIMESTAMP, url VARCHAR(500))
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://lake/clicks/';
```

## Use instead
```sql
CREATE EXTERNAL TABLE spectrum.clicks (ts TIMESTAMP, url VARCHAR(500))
STORED AS PARQUET
LOCATION 's3://lake/clicks_parquet/';
```
after converting the files (for example `UNLOAD ... FORMAT AS PARQUET`, or an Athena CTAS with
`format = 'PARQUET'`).

## Evidence
The SQL text of the CREATE statement: its STORED AS, ROW FORMAT and WITH (format = ...) clauses.

## Known limits
Changing the DDL does not convert the data: the suggested statement points at a new location
to be filled with Parquet files. Small lookup files may not be worth converting.

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
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import ddl_dialect_of, dialect_of, name_sql, properties
from rules.redshift.ddl._external import COLUMNAR_FORMATS, external_table, file_format, is_ctas

META = RuleMeta(
    id="RS-D22",
    name="external-row-format",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="External table stored as text/JSON/CSV instead of Parquet or ORC",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    found = external_table(stmt)
    if found is None:
        return
    tree, table = found
    fmt, node = file_format(tree)
    if fmt is None or fmt in COLUMNAR_FORMATS:
        return
    dialect = dialect_of(stmt)
    name = name_sql(table, ddl_dialect_of(stmt))
    yield META.finding(
        f"external table {name} is stored as {fmt}: every query reads whole rows; store it as "
        "Parquet or ORC",
        stmt.locate(next((s for s in map(span_of, _anchors(tree, node, table)) if s), None)),
        object=name,
        evidence=Evidence.of(format=fmt),
        fix=Fix.sql(
            "Convert the files to Parquet and declare the table over them",
            _as_parquet(tree).sql(dialect=dialect) + ";",
        ),
        anchor=stmt.text,
    )


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
