"""## What it does
Flags `SELECT *` (or `t.*`) in a query whose result leaves the statement, over an external
table (Athena, Redshift Spectrum) that the lint run declares stored in a row format: text,
CSV, JSON, Avro, or a regex/Grok SerDe.

## Why is this bad?
Athena and Spectrum bill by the bytes read from S3. Row-format files are read whole, so such a
query pays for every byte of every file it touches, and `*` hides that it also needs all of
it: naming the columns saves nothing while the files stay text, and once they are Parquet or
ORC a star still reads every column. With no partition predicate it reads the whole table.
A report or export that runs this on a schedule pays it on every run. When the DDL declares
the table's size (`totalSize`, `sizeKey`, `rawDataSize`, `numRows`), the finding states the
bytes and dollars per run.

## Example
```sql
CREATE EXTERNAL TABLE spectrum.clicks_raw (event_day DATE, user_id BIGINT, url VARCHAR(512))
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'
STORED AS TEXTFILE LOCATION 's3://bucket/clicks/raw/';

SELECT * FROM spectrum.clicks_raw WHERE event_day = '2024-06-01';
```

## Use instead
Convert the files to Parquet (an Athena CTAS with `format = 'PARQUET'`, or Redshift's
`UNLOAD ... FORMAT AS PARQUET`), declare the table over them, and name the columns the report
needs:
```sql
SELECT event_day, user_id, url FROM spectrum.clicks_parquet WHERE event_day = '2024-06-01';
```

## Evidence
The catalog: the external table's CREATE statement in the same lint run (its format, column
count, partition columns and size properties), and the query's select list and predicates. The
`scan_*` evidence is the estimate of the bytes one run reads; priced at `spectrum_usd_per_tb` it
is the finding's cost "estimated from the catalog", and joined to a query history (`--redshift`,
`--snapshot`) the runs measured there make it a cost per day. A file that declares the table
more than once means the definition its earlier statements leave in place (a DROP and a new
CREATE replace it; a second plain CREATE fails and CREATE IF NOT EXISTS is skipped), unless only
another of its definitions has the columns the query reads.

## Known limits
Fires only when the table's DDL is in the lint run and names a row format. Only the star of the
statement's own result is checked (a top-level SELECT, or the query of an Athena `PREPARE`):
`INSERT ... SELECT *` and `CREATE TABLE ... AS SELECT *` copy whole rows, the usual way to
convert the files, and are left alone, as is a star over a CTE or subquery. So is a sample (a
LIMIT with no ORDER BY, GROUP BY, aggregate or window): the engine stops reading files once it
has the rows. A table whose declared size is below `min_table_bytes` (100 MB) is left alone:
reading it whole costs little. A table of fewer than `narrow_columns` (4) data columns, none a
struct, map or array, gets an `info` note: a Parquet copy of so few columns would save little.
RS-Q01 (select-star) leaves such tables to this rule: its advice, name the columns, saves
nothing on row-format files.

## References
- https://docs.aws.amazon.com/athena/latest/ug/performance-tuning.html
- https://docs.aws.amazon.com/athena/latest/ug/columnar-storage.html
- https://docs.aws.amazon.com/athena/latest/ug/ctas-examples.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
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
    TableInfo,
    TargetKind,
)
from advisor.sql.catalog import display_name
from advisor.sql.context import RuleContext
from advisor.sql.external import COLUMNAR_FORMATS
from advisor.sql.query import branches, sources, star_items
from advisor.sql.scan import ScanEstimate, estimate, stops_early
from advisor.sql.spans import span_of
from rules.redshift.query._shared import source_columns

# Where the conversion is spelled out: RS-D22's fix on the table's DDL gives the statement.
_CONVERT_ATHENA = (
    "An Athena CTAS writes a Parquet copy: CREATE TABLE ... WITH (format = 'PARQUET',"
    " external_location = 's3://<bucket>/<parquet-prefix>/') AS SELECT ... (RS-D22's fix on"
    " the table's DDL declares it)."
)
_CONVERT_SPECTRUM = (
    "UNLOAD ... FORMAT AS PARQUET writes a Parquet copy to a new S3 prefix; declare the"
    " external table over it (RS-D22's fix on the table's DDL gives the statement)."
)

META = RuleMeta(
    id="RS-Q31",
    name="star-over-text-external-table",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="SELECT * over an external table stored as text, CSV or JSON",
    fix_safety=FixSafety.ADVISORY,
    options={"min_table_bytes": 100_000_000, "narrow_columns": 4},
    option_specs={
        "min_table_bytes": OptionSpec(
            int, doc="Tables declared smaller than this many bytes are left alone."
        ),
        "narrow_columns": OptionSpec(
            int, doc="Tables with fewer data columns than this get an info note instead."
        ),
    },
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Query) or not ctx.catalog.tables:
        return
    floor = int(ctx.option("min_table_bytes", 100_000_000))
    for select in branches(tree):
        stars = list(star_items(select))
        if not stars or stops_early(select):
            continue
        qualifiers = {_qualifier(s): s for s in reversed(stars)}
        for source in sources(select):
            if not isinstance(source, exp.Table):
                continue
            alias = source.alias_or_name.lower()
            if "" not in qualifiers and alias not in qualifiers:
                continue
            info = ctx.table_info(source, stmt)
            if info is None or not info.external:
                continue
            fmt = (info.storage_format or "").upper()
            if not fmt or fmt in COLUMNAR_FORMATS:
                continue
            keys = {k.lower() for k in info.partition_keys}
            pruned = bool(keys & {c.name.lower() for c in source_columns(select, alias)})
            scan = estimate(info, None, all_partitions=not pruned)
            if scan is None or (scan.table_bytes is not None and scan.table_bytes < floor):
                continue
            star = qualifiers.get(alias, qualifiers.get(""))
            narrow = _narrow(info, int(ctx.option("narrow_columns", 4)))
            yield _finding(stmt, star or source, source, info, scan, narrow)


def _narrow(info: TableInfo, below: int) -> bool:
    """Fewer than `below` declared data columns, none a struct, map or array: a columnar copy
    of so few columns would save little (RS-D22 says the same of the table)."""
    return 0 < len(info.columns) < below and not any(
        c.type.upper().startswith(("STRUCT", "MAP")) or c.type.endswith("]") for c in info.columns
    )


def _qualifier(star: exp.Expr) -> str:
    return star.table.lower() if isinstance(star, exp.Column) else ""


def _finding(
    stmt: SqlStatement,
    star: exp.Expr,
    source: exp.Table,
    info: TableInfo,
    scan: ScanEstimate,
    narrow: bool,
) -> Finding:
    athena = stmt.dialect.lower() == "athena"
    engine = "Athena" if athena else "Spectrum"
    name = display_name(source)
    where = (
        "every file of every partition"
        if scan.partitioned and scan.all_partitions
        else "every file of the partitions it selects"
        if scan.partitioned
        else "every file"
    )
    amount = scan.amount()
    message = (
        f"`*` over {name}, stored as {scan.format}: each run reads whole rows of {where}"
        f"{f' ({amount})' if amount else ''}; naming the columns saves nothing until the files "
        "are Parquet or ORC"
    )
    if narrow:
        message += (
            f" (why you may not care: with {len(info.columns)} data column"
            f"{'s' if len(info.columns) != 1 else ''}, a Parquet copy would save little)"
        )
    return META.finding(
        message,
        stmt.locate(span_of(star)),
        severity=Severity.INFO if narrow else None,
        object=name,
        evidence=Evidence.of(
            table=info.qualified_name, format=scan.format, **scan.evidence(engine)
        ),
        fix=Fix.advice(
            "Convert the files to Parquet, declare the table over them, and name the columns"
            " the query needs",
            _CONVERT_ATHENA if athena else _CONVERT_SPECTRUM,
        ),
        anchor=stmt.text,
    )
