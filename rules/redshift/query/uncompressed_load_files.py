"""## What it does
Flags a COPY from Amazon S3 that names no compression (GZIP, LZOP, BZIP2, ZSTD) and does not
load a columnar format (Parquet, ORC).

## Why is this bad?
Uncompressed text files are several times larger than compressed ones: the load spends its time
reading bytes from S3, and the files cost more to store and transfer. AWS recommends
compressing load files; Redshift Advisor's ideal object is 1-128 MB after compression.

## Example
```sql
COPY sales.orders FROM 's3://bucket/orders/part-'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV;
```

## Use instead
```sql
-- after writing the files gzip-compressed:
COPY sales.orders FROM 's3://bucket/orders/part-'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Evidence
The SQL text of the COPY: its S3 source, its compression options and FORMAT.

## Known limits
The files themselves are not inspected: the fix only helps once they are written compressed,
so it is advice. Loads from DynamoDB, EMR or SSH hosts are not checked. Avro files (which may
compress internally) are not flagged. Loads from AWS's public sample-data buckets
(`s3://redshift-downloads/`, `s3://awssampledbuswest2/`) are skipped: nobody loading them can
rewrite those files.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-compress-data-files.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
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
from advisor.sql.dialect import option
from rules.redshift.query._shared import (
    copy_sources,
    flag_value,
    sql,
    table_display,
    with_option,
)

META = RuleMeta(
    id="RS-Q20",
    name="uncompressed-load-files",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="COPY of uncompressed text files from S3",
    fix_safety=FixSafety.ADVISORY,
)

_CODECS = ("GZIP", "LZOP", "BZIP2", "ZSTD")
_COLUMNAR = ("PARQUET", "ORC", "AVRO")


# AWS's public bucket of sample and benchmark data (TPC-H, TPC-DS, TICKIT) used in its guides.
_PUBLIC_SAMPLES = ("s3://redshift-downloads/", "s3://awssampledbuswest2/")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Copy):
        return
    paths = copy_sources(tree)
    if not paths or not all(p.lower().startswith("s3://") for p in paths):
        return
    if all(p.lower().startswith(_PUBLIC_SAMPLES) for p in paths):
        return  # AWS's public sample data: the reader cannot rewrite those files
    if any(option(tree, c) is not None for c in _CODECS):
        return
    if flag_value(option(tree, "FORMAT")) in _COLUMNAR or option(tree, "AVRO") is not None:
        return
    name = table_display(tree.this)
    yield META.finding(
        f"COPY into {name} loads uncompressed files from {paths[0]}; compressed files load "
        "faster and cost less to store",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, source=paths[0]),
        fix=Fix.sql(
            "Write the files gzip- or zstd-compressed (1-128 MB each) and add the codec to COPY",
            sql(with_option(tree, "GZIP", None)) + ";",
        ),
        anchor=stmt.text,
    )
