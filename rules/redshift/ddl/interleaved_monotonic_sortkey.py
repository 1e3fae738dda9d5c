"""## What it does
Flags an `INTERLEAVED SORTKEY` that contains a column whose values only grow: a DATE,
TIMESTAMP or TIMESTAMPTZ column, or an IDENTITY column.

## Why is this bad?
An interleaved sort gives each key column equal weight by mapping values into zones. New rows
of an ever-increasing column all land past the last zone, so every load widens the unsorted
region, the interleaved skew climbs, and only `VACUUM REINDEX` (slower than `VACUUM FULL`)
restores block skipping. AWS says plainly: don't use an interleaved sort key on columns with
monotonically increasing attributes, such as identity columns, dates, or timestamps.

## Example
```sql
CREATE TABLE sales.events (
    event_id BIGINT IDENTITY(1, 1),
    event_ts TIMESTAMP,
    region VARCHAR(16)
)
INTERLEAVED SORTKEY (event_ts, region);
```

## Use instead
```sql
CREATE TABLE sales.events (
    event_id BIGINT IDENTITY(1, 1),
    event_ts TIMESTAMP,
    region VARCHAR(16)
)
COMPOUND SORTKEY (event_ts, region);
```
or, for an existing table, `ALTER TABLE sales.events ALTER COMPOUND SORTKEY (event_ts, region);`
(an interleaved key may be altered to compound, not the reverse), or `ALTER SORTKEY AUTO`.

## Evidence
The SQL text of the CREATE TABLE: the sort key's columns and their declared types and
IDENTITY clauses.

## Known limits
Column types come from the statement itself; CREATE TABLE AS gives no types, so only its
IDENTITY-free form can be judged when the columns are known from other DDL in the run. A
VARCHAR column holding ISO dates is not recognised (see RS-D11).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data-interleaved.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    ColumnInfo,
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.catalog import sortkey_columns, sortkey_style, table_info
from advisor.sql.context import RuleContext
from advisor.sql.fixsql import spelled, written
from advisor.sql.spans import span_of
from rules.redshift._fixes import COMPOUND_SORTKEY
from rules.redshift.ddl._ddl import created_table, name_sql

META = RuleMeta(
    id="RS-D02",
    name="interleaved-monotonic-sortkey",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.HIGH,
    summary="Interleaved sort key on a date, timestamp or identity column",
    fix_safety=FixSafety.UNSAFE,
)

_MONOTONIC_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE")


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Create):
        return
    prop = stmt.first(exp.SortKeyProperty)
    if prop is None or sortkey_style(prop) != "INTERLEAVED":
        return
    info = table_info(tree)
    if info is None:
        return
    key_nodes = sortkey_columns(prop)
    keys = [n.name for n in key_nodes]
    for node in key_nodes:
        column = info.column(node.name)
        if column is None:
            continue
        why = _monotonic(column)
        if why is None:
            continue
        created = created_table(tree) or tree.this
        table = name_sql(created)
        ordered = [column.name] + [k for k in keys if k.lower() != column.name.lower()]
        alter = COMPOUND_SORTKEY.render(
            table=written(created), columns=[spelled(k) for k in ordered]
        )
        yield META.finding(
            f"interleaved sort key of {table} includes {column.name} ({why}), whose values only "
            "grow; use a compound sort key",
            stmt.locate(span_of(node)),
            object=table,
            evidence=Evidence.of(
                column=column.name,
                column_type=column.type,
                identity=column.identity,
                sortkey=", ".join(keys),
            ),
            fix=Fix.sql(
                f"Use a compound sort key led by {column.name}, or SORTKEY AUTO",
                alter,
                FixSafety.UNSAFE,
            ),
            anchor=stmt.text,
        )


def _monotonic(column: ColumnInfo) -> str | None:
    if column.identity:
        return "an IDENTITY column"
    base = column.type.split("(")[0].strip().upper()
    if base in _MONOTONIC_TYPES:
        return f"type {base}"
    return None
