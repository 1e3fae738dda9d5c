"""## What it does
Flags the Spectrum pseudocolumns `"$path"`, `"$size"` and `"$spectrum_oid"` in a select list.

## Why is this bad?
These pseudocolumns report the S3 object each row came from and its size. AWS notes that
selecting them incurs charges: Spectrum bills by the bytes it scans in S3, and asking for them
makes it read the data files to return them. They are meant for debugging a table's files, not
for production queries.

## Example
```sql
SELECT "$path", "$size", COUNT(*) FROM spectrum.sales GROUP BY 1, 2;
```

## Use instead
```sql
-- List the table's files from S3 (or SVV_EXTERNAL_PARTITIONS) instead of scanning them.
SELECT location FROM svv_external_partitions WHERE tablename = 'sales';
```

## Evidence
The SQL text of the select list.

## Known limits
Pseudocolumns are recognised by their quoted names; a regular column that happens to be named
`"$path"` is flagged too. The fix is advice: the query's purpose decides what replaces them.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-tables.html
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
from advisor.sql.spans import span_of

META = RuleMeta(
    id="RS-Q27",
    name="costly-pseudocolumns",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary='Spectrum pseudocolumns "$path", "$size" or "$spectrum_oid" in a select list',
    fix_safety=FixSafety.ADVISORY,
)

_PSEUDO = frozenset({"$path", "$size", "$spectrum_oid"})


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or "$" not in stmt.text:
        return
    seen: set[int] = set()  # a scalar subquery's select list sits inside the outer one
    for select in stmt.nodes(exp.Select):
        for item in select.expressions:
            for column in item.find_all(exp.Column):
                name = column.name.lower()
                if name not in _PSEUDO or id(column) in seen:
                    continue
                seen.add(id(column))
                yield META.finding(
                    f'pseudocolumn "{name}" makes Spectrum scan the data files to report it, '
                    "billed as S3 bytes scanned",
                    stmt.locate(span_of(column)),
                    object=name,
                    evidence=Evidence.of(pseudocolumn=name),
                    fix=Fix.advice(
                        f'Drop "{name}" from production queries; list files from S3 or '
                        "SVV_EXTERNAL_PARTITIONS instead"
                    ),
                    anchor=stmt.text,
                )
