"""## What it does
Flags an `INTERLEAVED SORTKEY` with a single column.

## Why is this bad?
An interleaved key pays off only when queries filter on different columns of the key with equal
weight. With one column it behaves like a compound key but still needs `VACUUM REINDEX` (slower
than `VACUUM FULL`) to stay sorted. Amazon Redshift Advisor recommends replacing such keys. The
only exception is a CHAR/VARCHAR column whose values share a long prefix in their first 8
bytes (such as URLs), where interleaving compresses the zone map better.

## Example
```sql
CREATE TABLE web.hits (hit_time TIMESTAMP, url VARCHAR(500)) INTERLEAVED SORTKEY (hit_time);
```

## Use instead
```sql
CREATE TABLE web.hits (hit_time TIMESTAMP, url VARCHAR(500)) COMPOUND SORTKEY (hit_time);
```

## Evidence
The SQL text of the CREATE TABLE: the sort key and the key column's declared type.

## Known limits
A CHAR/VARCHAR key column is still flagged: the prefix exception depends on the data, which the
SQL text does not show; the message names the exception for such columns. A single DATE or
TIMESTAMP key is reported by RS-D02 only, whose fix is the same.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
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
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import COMPOUND_SORTKEY
from rules.redshift.ddl._ddl import (
    CHARACTER_TYPES,
    base_type,
    column_named,
    created_table,
    interleaved_key,
    name_sql,
)

META = RuleMeta(
    id="RS-D03",
    name="single-column-interleaved",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Interleaved sort key with a single column",
    fix_safety=FixSafety.UNSAFE,
    superseded_by=("RS-D02",),
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    key = interleaved_key(tree)
    if key is None or len(key[1]) != 1:
        return
    prop, (node,) = key
    name = name_sql(table)
    column = name_sql(node)
    col_def = column_named(tree, node.name)
    col_type = base_type(col_def) if col_def is not None else None
    note = ""
    if col_type in CHARACTER_TYPES:
        note = " (keep it only if the values share a long prefix in their first 8 bytes)"
    yield META.finding(
        f"{name} has a single-column interleaved sort key on {column}; a compound key sorts the "
        f"same way without VACUUM REINDEX{note}",
        stmt.locate(span_of(prop)),
        object=name,
        evidence=Evidence.of(column=node.name, column_type=col_type),
        fix=Fix.sql(
            f"Use a compound sort key on {column}",
            COMPOUND_SORTKEY.render(table=written(table), columns=[written(node)]),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )
