"""## What it does
Flags an external table without partitions: `CREATE EXTERNAL TABLE` without `PARTITIONED BY`
(Redshift Spectrum or Athena), or an Athena CTAS without `partitioned_by` in its WITH clause.

## Why is this bad?
Without partitions every query lists and scans every file under the location, whatever its
WHERE clause says. Partitioning on the columns queries filter on most (year/month/day/hour, or
a source id plus a date) lets Spectrum and Athena skip whole S3 prefixes. AWS's operational
review flags large unpartitioned external tables.

## Example
```sql
CREATE EXTERNAL TABLE spectrum.clicks (ts TIMESTAMP, url VARCHAR(500))
STORED AS PARQUET
LOCATION 's3://lake/clicks/';
```

## Use instead
```sql
CREATE EXTERNAL TABLE spectrum.clicks (ts TIMESTAMP, url VARCHAR(500))
PARTITIONED BY (event_date DATE)
STORED AS PARQUET
LOCATION 's3://lake/clicks/';
ALTER TABLE spectrum.clicks ADD PARTITION (event_date = '2024-01-01')
LOCATION 's3://lake/clicks/event_date=2024-01-01/';
```

## Evidence
The SQL text of the CREATE statement: its PARTITIONED BY clause, or `partitioned_by` in an
Athena CTAS.

## Known limits
Small tables (a few files) gain nothing from partitions; the SQL text does not show the size.
Partitioning needs the files laid out by partition on S3.
An Athena CTAS without `partitioned_by` gets an `info` note: the rulebook's signal is the
CREATE EXTERNAL TABLE over existing files, while a CTAS writes a new table whose size and
queries the statement does not show (like an UNLOAD without PARTITION BY, which no rule flags),
and it is limited to 100 partitions per statement.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-tables.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
"""

from __future__ import annotations

from collections.abc import Iterator

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
from rules.redshift.ddl._ddl import ddl_dialect_of, name_sql
from rules.redshift.ddl._external import external_table, is_ctas, partition_property

META = RuleMeta(
    id="RS-D24",
    name="unpartitioned-external-table",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="External table without partitions",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    found = external_table(stmt)
    if found is None:
        return
    tree, table = found
    if partition_property(tree) is not None:
        return
    name = name_sql(table, ddl_dialect_of(stmt))
    ctas = is_ctas(tree)
    how = (
        "add partitioned_by = ARRAY['<column>'] to the WITH clause (partition columns come last "
        "in the select list)"
        if ctas
        else "declare PARTITIONED BY (<column> <type>) and lay the files out by partition"
    )
    message = (
        f"external table {name} has no partitions: every query scans every file under its location"
    )
    if ctas:
        message += (
            " (why you may not care: a CTAS result is often small or read whole; partition it"
            " when queries filter it by date or source)"
        )
    yield META.finding(
        message,
        stmt.locate(span_of(table)),
        severity=Severity.INFO if ctas else None,
        object=name,
        evidence=Evidence.of(partitioned=False, ctas=ctas),
        fix=Fix.advice(
            f"Partition on the columns queries filter on most (year/month/day, source + date): "
            f"{how}"
        ),
        anchor=stmt.text,
    )
