"""## What it does
Flags a query on a partitioned external (Spectrum) table that has no predicate on any of its
partition columns.

## Why is this bad?
Redshift Spectrum prunes partitions only from predicates on partition columns. Without one,
every partition's files under the table's S3 location are listed and scanned, and Spectrum
bills by bytes scanned: the query pays for the whole table. AWS recommends partitioning on the
columns queries filter by and filtering on them.

## Example
```sql
CREATE EXTERNAL TABLE spectrum.sales (salesid INT, pricepaid DECIMAL(8,2))
PARTITIONED BY (saledate DATE)
STORED AS PARQUET LOCATION 's3://bucket/sales/';

SELECT SUM(pricepaid) FROM spectrum.sales WHERE salesid > 1000;
```

## Use instead
```sql
SELECT SUM(pricepaid) FROM spectrum.sales
WHERE salesid > 1000 AND saledate BETWEEN '2024-05-01' AND '2024-05-31';
```

## Evidence
The catalog: the external table's `PARTITIONED BY` columns from a CREATE EXTERNAL TABLE in the
same lint run; and the query's WHERE and JOIN ON predicates. When the DDL names the files'
format, the finding carries an estimate of the bytes one run scans (`scan_*` evidence): every
partition, times the share of the columns the query names for Parquet and ORC (all of them for
text, CSV, JSON and Avro), times the table's size from its `totalSize`, `sizeKey`, `rawDataSize`
or `numRows` property when one is declared. Priced at `spectrum_usd_per_tb`, it is the finding's
cost "estimated from the catalog"; joined to a query history (`--redshift`, `--snapshot`), the
runs measured there make it a cost per day. A file that declares the table more than once means
the definition its earlier statements leave in place (a DROP and a new CREATE replace it; a
second plain CREATE fails and CREATE IF NOT EXISTS is skipped), unless only another of its
definitions has the columns the query reads.

## Known limits
In Athena (`--dialect athena`) the query a `PREPARE name FROM ...` prepares is checked like
any query; a `?` parameter compared with a partition column counts as a predicate.
Fires only when the table's DDL is in the lint run (or, live, from SVV_EXTERNAL_COLUMNS
part_key). A query in a CTE or subquery that passes the partition column (or `*`) to the outer
query is left alone, since the outer predicate may be pushed down. Any predicate on a partition
column counts, even one that prunes nothing (`IS NOT NULL`). A preview (a LIMIT with no WHERE,
ORDER BY, GROUP BY, aggregate or window) is left alone: reading stops once the limit is met.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-tables.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/athena/latest/ug/partitions.html
- https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
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
    TableInfo,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.query import sources
from advisor.sql.scan import columns_read, estimate, stops_early
from advisor.sql.spans import span_of
from rules.redshift.query._shared import is_nested, source_columns, star_or_columns, where_of

META = RuleMeta(
    id="RS-Q25",
    name="no-partition-pruning",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Query on a partitioned external table without a partition-column predicate",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or not ctx.catalog.tables:
        return
    for select in stmt.nodes(exp.Select):
        if stops_early(select) and where_of(select) is None:
            continue  # a preview: reading stops at the limit
        found = list(sources(select))
        for source in found:
            if not isinstance(source, exp.Table):
                continue
            info = ctx.table_info(source, stmt)
            if info is None or not info.external or not info.partition_keys:
                continue
            keys = {k.lower() for k in info.partition_keys}
            alias = source.alias_or_name.lower()
            used = {c.name.lower() for c in source_columns(select, alias)}
            if used & keys:
                continue
            if is_nested(select) and star_or_columns(select) & (keys | {"*"}):
                continue
            yield _finding(stmt, select, source, info, alias)


def _finding(
    stmt: SqlStatement, select: exp.Select, source: exp.Table, info: TableInfo, alias: str
) -> Finding:
    keys = ", ".join(info.partition_keys)
    engine = "Athena" if stmt.dialect.lower() == "athena" else "Spectrum"
    scan = estimate(info, columns_read(select, alias, info), all_partitions=True)
    cost = f": {scan.amount()} ({scan.columns_words()})" if scan and scan.amount() else ""
    return META.finding(
        f"{info.qualified_name} is partitioned by {keys} but the query has no predicate on "
        f"them; {engine} scans every partition{cost}",
        stmt.locate(span_of(source)),
        object=info.qualified_name,
        evidence=Evidence.of(
            table=info.qualified_name,
            partition_keys=keys,
            **(scan.evidence(engine) if scan is not None else {}),
        ),
        fix=Fix.advice(
            f"Filter on the partition column{'s' if len(info.partition_keys) > 1 else ''}, "
            f"e.g. WHERE {alias}.{info.partition_keys[0]} "
            "BETWEEN <first> AND <last>"
        ),
        anchor=stmt.text,
    )
