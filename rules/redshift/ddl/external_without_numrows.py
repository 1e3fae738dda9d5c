"""## What it does
Flags `CREATE EXTERNAL TABLE` without a `numRows` table property (`TABLE PROPERTIES
('numRows'='...')` in Redshift, `TBLPROPERTIES ('numRows'='...')` in Athena DDL).

## Why is this bad?
Redshift cannot ANALYZE external tables, so without `numRows` the planner has no row count and
assumes the external table is the larger side of every join. It then redistributes or
broadcasts the wrong side, which can make joins with local tables far slower than needed.

## Example
```sql
CREATE EXTERNAL TABLE spectrum.regions (region_id INT, name VARCHAR(32))
STORED AS PARQUET
LOCATION 's3://lake/regions/';
```

## Use instead
```sql
CREATE EXTERNAL TABLE spectrum.regions (region_id INT, name VARCHAR(32))
STORED AS PARQUET
LOCATION 's3://lake/regions/'
TABLE PROPERTIES ('numRows'='170');
```
or `ALTER TABLE spectrum.regions SET TABLE PROPERTIES ('numRows'='170');`

## Evidence
The SQL text of the CREATE EXTERNAL TABLE: its table properties.

## Known limits
The row count must be measured (`SELECT COUNT(*)`) and kept current as files are added. Athena's
own planner reads Glue column statistics instead; the property matters when the Glue table is
also queried from Redshift Spectrum. Athena CTAS tables are not checked.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlglot
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
from rules.redshift._fixes import COUNT_ROWS, NUM_ROWS, in_order
from rules.redshift.ddl._ddl import (
    ddl_dialect_of,
    in_athena,
    is_external,
    name_sql,
)
from rules.redshift.ddl._external import external_table, table_property

META = RuleMeta(
    id="RS-D23",
    name="external-without-numrows",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="External table without a numRows statistic",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    found = external_table(stmt)
    if found is None:
        return
    tree, table = found
    if not is_external(tree) or table_property(tree, "numRows") is not None:
        return
    name = name_sql(table, ddl_dialect_of(stmt))
    yield META.finding(
        f"external table {name} has no numRows property: Redshift cannot analyze it and "
        "assumes it is the larger side of every join",
        stmt.locate(span_of(table)),
        object=name,
        evidence=Evidence.of(numRows=None),
        fix=Fix.sql(
            "Count the rows and record them as the numRows table property",
            _athena_statements(table) if in_athena(stmt) else _redshift_statements(table),
        ),
        anchor=stmt.text,
    )


def _redshift_statements(table: exp.Table) -> str:
    return in_order(
        COUNT_ROWS.render(table=written(table)), NUM_ROWS.render(table=written(table), rows="<n>")
    )


# Athena runs its DDL in Hive syntax: the statement is Hive's tree, with the table put in.
_HIVE_NUM_ROWS = sqlglot.parse_one("ALTER TABLE t SET TBLPROPERTIES ('numRows'='<n>')", read="hive")


def _athena_statements(table: exp.Table) -> str:
    plain = table.copy()
    plain.set("alias", None)
    count = exp.select(exp.Count(this=exp.Star())).from_(plain.copy())
    alter = _HIVE_NUM_ROWS.copy()
    alter.set("this", plain)
    return in_order(count.sql(dialect="athena") + ";", alter.sql(dialect="hive") + ";")
