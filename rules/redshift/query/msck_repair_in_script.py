"""## What it does
Flags `MSCK REPAIR TABLE t` in a script that does not itself create `t`: a script run again and
again (a schedule, a pipeline step) to register the partitions new data added.

## Why is this bad?
`MSCK REPAIR TABLE` lists the table's whole S3 location, every folder below it, and compares
what it finds with the partitions in the catalog. Its run time grows with the number of
partitions, not with the few new ones; AWS notes it can time out half done (to be run again)
and advises, for partitions added frequently such as daily, `ALTER TABLE ADD PARTITION`
instead. Partition projection removes partition management altogether: Athena computes the
partitions from table properties and never reads the catalog's partition list.

## Example
```sql
-- nightly.sql, after the day's files are written
MSCK REPAIR TABLE lake.clicks;
```

## Use instead
```sql
ALTER TABLE lake.clicks ADD IF NOT EXISTS PARTITION (dt = '2024-05-01')
LOCATION 's3://bucket/clicks/dt=2024-05-01/';
-- or, once: partition projection in the table's TBLPROPERTIES
-- ('projection.enabled'='true', 'projection.dt.type'='date', ...)
```

## Evidence
The SQL text: the MSCK REPAIR TABLE statement, and whether the same file creates the table
(a CREATE TABLE of that name before it).

## Known limits
A file that creates the table and then repairs it is left alone: loading the partitions of a
new table once is what AWS documents the statement for. Whether the script is scheduled is not
known from the text; a one-off repair script gets the finding too.

## References
- https://docs.aws.amazon.com/athena/latest/ug/msck-repair-table.html
- https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
- https://docs.aws.amazon.com/athena/latest/ug/alter-table-add-partition.html
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

META = RuleMeta(
    id="RS-Q30",
    name="msck-repair-in-script",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="MSCK REPAIR TABLE run on a schedule lists every partition each time",
    fix_safety=FixSafety.ADVISORY,
)

_TABLE = re.compile(
    r"^\s*TABLE\s+((?:`[^`]+`|\"[^\"]+\"|[\w$]+)(?:\.(?:`[^`]+`|\"[^\"]+\"|[\w$]+))?)"
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Command) or str(tree.this).upper().split() != ["MSCK", "REPAIR"]:
        return
    match = _TABLE.match(str(tree.expression.name if tree.expression else ""))
    if match is None:
        return
    written = match.group(1)
    key = re.sub(r"[`\"]", "", written).lower()
    created = ctx.script.created.get(key)
    if created is not None and created < stmt.index:
        return
    yield META.finding(
        f"MSCK REPAIR TABLE {written} lists every partition folder under the table's location "
        "on each run; register new partitions with ALTER TABLE ADD PARTITION, or use partition "
        "projection",
        stmt.location,
        object=key,
        evidence=Evidence.of(table=key),
        fix=Fix.advice(
            f"ALTER TABLE {written} ADD IF NOT EXISTS PARTITION (<column> = '<value>') for the "
            "partitions the run wrote, or set 'projection.enabled'='true' with the projection "
            "properties of each partition column"
        ),
        anchor=stmt.text,
    )
