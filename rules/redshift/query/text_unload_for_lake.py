"""## What it does
Flags an UNLOAD that writes text (delimited, CSV, fixed-width or JSON) instead of Parquet.

## Why is this bad?
Data unloaded for a data lake is read again by Redshift Spectrum, Athena or EMR. Text must be
parsed in full on every read, while Parquet is columnar and compressed: readers fetch only the
columns and row groups they need. AWS documents that UNLOAD to Parquet is up to 2x faster and
takes up to 6x less storage in S3 than text, and `PARTITION BY` lays files out by partition
for pruning. MAXFILESIZE for Parquet can be 5 MB-6.2 GB, rounded down to 32 MB row groups.

## Example
```sql
UNLOAD ('SELECT * FROM sales.orders')
TO 's3://bucket/lake/orders/'
IAM_ROLE 'arn:aws:iam::123456789012:role/unload'
DELIMITER '|' GZIP;
```

## Use instead
```sql
UNLOAD ('SELECT * FROM sales.orders')
TO 's3://bucket/lake/orders/'
IAM_ROLE 'arn:aws:iam::123456789012:role/unload'
FORMAT AS PARQUET;
```

## Fix safety
Unsafe (`--unsafe-fixes`): the rewrite writes Parquet instead of text, which every reader of the
prefix must expect. The statement is rewritten only when it holds no comment.

## Evidence
The SQL text of the UNLOAD: its FORMAT and text-only options.

## Known limits
An export for a system that reads only text (a partner feed, a spreadsheet) is a good reason to
keep text; the rule is informational and the fix unsafe. The rewrite drops the options Parquet
does not accept (DELIMITER, FIXEDWIDTH, ADDQUOTES, ESCAPE, NULL AS, HEADER, CSV, JSON, the
compression codecs); add `PARTITION BY (...)` yourself for partitioned layouts.
Statements that read only system tables and views (STL, STV, SVL, SVV, SYS, the pg_ catalog)
are admin queries over small or virtual tables and are not flagged.

## References
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
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.dialect import Unload, option
from advisor.sql.edits import as_edits, statement_edit
from rules.redshift.query._shared import (
    flag_value,
    reads_only_system_relations,
    sql,
    with_option,
    without_options,
)

META = RuleMeta(
    id="RS-Q24",
    name="text-unload-for-lake",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="UNLOAD writes text; Parquet is smaller and faster to read back",
    fix_safety=FixSafety.UNSAFE,
)

_TEXT_ONLY = {
    "DELIMITER",
    "FIXEDWIDTH",
    "ADDQUOTES",
    "ESCAPE",
    "NULL",
    "HEADER",
    "CSV",
    "JSON",
    "GZIP",
    "BZIP2",
    "ZSTD",
    "FORMAT",
}


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, Unload) or reads_only_system_relations(tree):
        return  # an export of system tables is read back by tools, not by a lake
    fmt = flag_value(option(tree, "FORMAT"))
    if fmt == "PARQUET":
        return
    written = fmt or ("CSV" if option(tree, "CSV") is not None else "delimited text")
    target = str(tree.args["to"].this)
    rewritten = with_option(without_options(tree, _TEXT_ONLY), "FORMAT", exp.var("PARQUET"))
    yield META.finding(
        f"UNLOAD to {target} writes {written}; FORMAT AS PARQUET is columnar and compressed "
        "for readers such as Spectrum and Athena",
        stmt.location,
        object=target,
        evidence=Evidence.of(to=target, format=written),
        fix=Fix.sql(
            "Unload as Parquet",
            sql(rewritten) + ";",
            FixSafety.UNSAFE,
            edits=as_edits(statement_edit(stmt, rewritten)),
        ),
        anchor=stmt.text,
    )
