"""## What it does
Flags a table with a VARCHAR column declared wider than 1,000 characters: svv_table_info
`max_varchar` above 1,000.

## Why is this bad?
Storage is compressed, but intermediate results (hash tables, sorts, network buffers) reserve
memory for the declared width: wide columns make queries spill to disk sooner.

## Example
```sql
CREATE TABLE rs_demo.pages_wide (page_id BIGINT, url VARCHAR(256), body VARCHAR(65535));
```

## Use instead
```sql
ALTER TABLE rs_demo.pages_wide ALTER COLUMN body TYPE varchar(4000);  -- sized to the data
```

## Evidence
`svv_table_info.max_varchar`. Option `max_width` (1,000, MCP REC_011).

## Known limits
svv_table_info does not say which column is the wide one; the static rule RS-D10 names it when
the DDL is linted, and the data's longest value sets the new width (× 1.2 in
amazon-redshift-utils).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-smallest-column-size.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift.catalog._catalog import table_evidence, table_finding

META = RuleMeta(
    id="RS-C14",
    name="wide-varchar",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table has a VARCHAR column wider than 1,000 (svv_table_info.max_varchar)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_width": 1000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.max_varchar <= ctx.number("max_width"):
        return
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has a VARCHAR({table.max_varchar}) column",
        table_evidence(table, max_varchar=table.max_varchar),
        Fix.advice("Size the column to its data: ALTER TABLE ... ALTER COLUMN c TYPE varchar(n)"),
    )
