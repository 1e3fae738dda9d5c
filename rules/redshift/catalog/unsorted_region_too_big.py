"""## What it does
Flags a table whose unsorted region is too big for VACUUM to sort well: svv_table_info `size`
over 716,800 MB (700 GB) and `unsorted` over 50%.

## Why is this bad?
VACUUM sorts the unsorted region in place and needs free space and memory in proportion to
it; on a very large, mostly unsorted table it runs for hours, competes with the workload and
may not finish. A deep copy rewrites the table sorted in one bulk insert, much faster.

## Example
```sql
SELECT "table", size, unsorted FROM svv_table_info;
-- events_unsorted | 912000 | 62.50
```

## Use instead
```sql
CREATE TABLE rs_demo.events_unsorted_copy (LIKE rs_demo.events_unsorted);
INSERT INTO rs_demo.events_unsorted_copy (SELECT * FROM rs_demo.events_unsorted);
DROP TABLE rs_demo.events_unsorted;
ALTER TABLE rs_demo.events_unsorted_copy RENAME TO events_unsorted;
```

## Evidence
`svv_table_info.size` (1 MB blocks), `unsorted`. Options `min_size_mb` (716,800) and
`min_unsorted` (50), the defaults of amazon-redshift-utils' Analyze & Vacuum utility
(`--max-table-size-mb`, `--max-unsorted-pct`), which skips such tables.

## Known limits
A deep copy needs the table's size in free space and blocks writes to the table while it runs
(stop loads, or copy into a new table and swap). `CREATE TABLE ... (LIKE ...)` keeps the keys
and encodings but not grants, owner or dependent views: recreate them after the rename.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_vacuum_diskspacereqs.html
- https://github.com/awslabs/amazon-redshift-utils/tree/master/src/AnalyzeVacuumUtility
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from advisor.sql.fixsql import Template, name
from rules.redshift._fixes import DROP_TABLE
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)

_LIKE = Template("CREATE TABLE {copy} (LIKE {table})")
_FILL = Template("INSERT INTO {copy} (SELECT * FROM {table})")
_DROP = DROP_TABLE
_RENAME = Template("ALTER TABLE {copy} RENAME TO {table:ident}")

META = RuleMeta(
    id="RS-C04",
    name="unsorted-region-too-big",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A huge table is mostly unsorted: a deep copy sorts it faster than VACUUM",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_size_mb": 716_800, "min_unsorted": 50.0},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    unsorted = table.unsorted
    if unsorted is None or unsorted <= ctx.number("min_unsorted"):
        return
    if table.size_mb <= ctx.number("min_size_mb"):
        return
    copy = name(table.schema, f"{table.table}_copy")
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} is {unsorted:g}% unsorted over {table.size_mb:,} MB: "
        "a deep copy sorts it faster than VACUUM",
        table_evidence(table, unsorted=unsorted),
        Fix.sql(
            f"Deep copy {table.qualified_name} (the copy is written sorted)",
            "\n".join(
                (
                    _LIKE.render(copy=copy, table=table_ref(table)),
                    _FILL.render(copy=copy, table=table_ref(table)),
                    _DROP.render(table=table_ref(table)),
                    _RENAME.render(copy=copy, table=table.table),
                )
            ),
        ),
    )
