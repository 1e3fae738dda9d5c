"""## What it does
Flags a Spectrum external table without a `numRows` table property: svv_external_tables
`parameters` has no `numRows`.

## Why is this bad?
Redshift cannot ANALYZE external tables. Without `numRows` the planner assumes an external
table is the larger side of every join, which can broadcast a large local table or pick the
wrong join order.

## Example
```sql
SELECT schemaname, tablename, parameters FROM svv_external_tables;
-- spectrum | clicks_raw | {"EXTERNAL":"TRUE"}
```

## Use instead
```sql
ALTER TABLE spectrum.clicks_raw SET TABLE PROPERTIES ('numRows'='900000000');
```

## Evidence
`svv_external_tables.parameters`.

## Known limits
The row count must come from the data; the fix shows where to put it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_EXTERNAL_TABLES.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from advisor.sql.fixsql import name
from rules.redshift._fixes import NUM_ROWS

META = RuleMeta(
    id="RS-C24",
    name="external-table-without-row-count",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="A Spectrum external table has no numRows property",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for table in snapshot.external_tables:
        if "numrows" in table.parameters.lower():
            continue
        yield META.finding(
            f"External table {table.qualified_name} has no numRows: the planner takes it for "
            "the larger side of every join",
            None,
            object=table.qualified_name,
            evidence=Evidence.of(parameters=table.parameters),
            fix=Fix.sql(
                f"Record the row count of {table.qualified_name}",
                NUM_ROWS.render(table=name(table.schema, table.table), rows="<row count>"),
            ),
            anchor=table.qualified_name,
        )
