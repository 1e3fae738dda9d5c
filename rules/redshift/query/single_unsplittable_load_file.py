"""## What it does
Flags a COPY from one named S3 object that Redshift cannot split: a GZIP, LZOP or ZSTD
compressed file, or a JSON file.

## Why is this bad?
COPY loads in parallel only when there are several files: each slice reads its own. A single
compressed or JSON file is read by one slice while the rest of the cluster waits. Redshift
splits a large single file automatically only for uncompressed or BZIP2 CSV/delimited text and
for columnar files (Parquet/ORC). AWS recommends splitting the data into files of 1 MB to 1 GB
after compression, their number a multiple of the cluster's slice count.

## Example
```sql
COPY sales.orders FROM 's3://bucket/orders/orders.csv.gz'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Use instead
```sql
-- orders.csv.gz split into orders.part-0000.gz ... orders.part-0031.gz under one prefix:
COPY sales.orders FROM 's3://bucket/orders/orders.part-'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Evidence
The SQL text of the COPY: its one FROM path (an object name with a file extension, no
MANIFEST) and its GZIP/LZOP/ZSTD and JSON options.

## Known limits
A FROM path is a prefix, so a path that looks like one file may still match several objects
(`part.gz` also matches `part.gz.1`); the rule trusts the file extension. The file's size is
unknown: a small file loads quickly either way.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-multiple-files.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
"""

from __future__ import annotations

import re
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
from rules.redshift.query._shared import copy_sources, flag_value, table_display

META = RuleMeta(
    id="RS-Q19",
    name="single-unsplittable-load-file",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="COPY from one compressed or JSON file is read by a single slice",
    fix_safety=FixSafety.ADVISORY,
)

_OBJECT = re.compile(r"^s3://[^/]+/(?:.*/)?[^/]+\.[A-Za-z0-9]{1,8}$")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Copy) or option(tree, "MANIFEST") is not None:
        return
    paths = copy_sources(tree)
    if len(paths) != 1 or not _OBJECT.match(paths[0]):
        return
    why = _unsplittable(tree)
    if why is None:
        return
    name = table_display(tree.this)
    yield META.finding(
        f"COPY into {name} reads the single {why} file {paths[0]}; one slice loads it while the "
        "others wait",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, path=paths[0], format=why),
        fix=Fix.advice(
            "Split the file into parts of 1 MB-1 GB (compressed), a multiple of the slice "
            "count, under one prefix, and COPY from that prefix"
        ),
        anchor=stmt.text,
    )


def _unsplittable(tree: exp.Copy) -> str | None:
    for codec in ("GZIP", "LZOP", "ZSTD"):
        if option(tree, codec) is not None:
            return codec
    if option(tree, "JSON") is not None or flag_value(option(tree, "FORMAT")) == "JSON":
        return "JSON"
    return None
