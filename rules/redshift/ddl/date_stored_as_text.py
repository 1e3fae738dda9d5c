"""## What it does
Flags CHAR/VARCHAR columns whose names say they hold dates or times (`order_date`,
`created_at`, `event_ts`, `load_dt`, `start_time`).

## Why is this bad?
DATE and TIMESTAMP are stored more compactly than their text forms, compress with AZ64, compare
and sort as dates, and let zone maps skip blocks on range filters. Text dates also need a cast
in every predicate, which defeats block skipping.

## Example
```sql
CREATE TABLE sales.orders (order_id BIGINT, order_date VARCHAR(10), created_at CHAR(19));
```

## Use instead
```sql
CREATE TABLE sales.orders (order_id BIGINT, order_date DATE, created_at TIMESTAMP);
```

## Evidence
The SQL text of the CREATE TABLE: column names and declared types.

## Known limits
A heuristic on names: a column named like a date may hold free text (a `date_format` or
`time_zone` column is skipped, others are not), and a date column with an unrelated name is
missed. The suggested statement picks DATE for `date`/`dt` names and TIMESTAMP otherwise.
Names that end in a key word (`d_date_id`, `date_key`, `ship_date_sk`, `date_code`) are keys,
not dates, and are skipped. So are the columns of a date or time dimension (`date_dim`,
`time_dim`, `dim_calendar`, `dwdate`): its text columns are the labels of a date (`'December
22, 1998'`, `'breakfast'`) kept beside the real DATE column on purpose.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-timestamp-date-columns.html
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
from advisor.sql.dialect import DIALECT
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import (
    CHARACTER_TYPES,
    base_type,
    column_defs,
    created_table,
    name_sql,
)

META = RuleMeta(
    id="RS-D11",
    name="date-stored-as-text",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="Date or time value stored in a CHAR/VARCHAR column",
    fix_safety=FixSafety.ADVISORY,
)

_DATE_WORDS = {"date", "dt"}
_TIME_WORDS = {"time", "ts", "timestamp", "datetime", "at"}
_NOT_A_VALUE = {"zone", "tz", "format", "fmt", "type", "unit", "name", "label", "text", "desc"}
_NOT_DATES = {"candidate", "validate", "mandate", "consolidate", "update", "accommodate"}
# A name ending in one of these is a key or code that mentions a date (`d_date_id`, `date_key`).
_KEY_WORDS = {"id", "key", "sk", "code", "no", "num", "nbr", "hash", "uuid", "seq"}
_CALENDAR_WORDS = {"date", "dates", "time", "calendar", "dwdate", "day", "days"}
_DIMENSION_WORDS = {"dim", "dimension", "d", "dw"}
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def date_words(name: str) -> tuple[str, ...]:
    """Lower-case words of a column name, split on underscores and camelCase."""
    return tuple(w.lower() for part in name.split("_") for w in _WORD.findall(part))


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    if _calendar_dimension(table.name):
        return  # text forms of dates in a date dimension are its display labels
    name = name_sql(table)
    suspects = [(c, t) for c in column_defs(tree) if (t := _temporal(c)) is not None]
    if not suspects:
        return
    rewritten = _rewritten(tree, {c.name: t for c, t in suspects})
    for col, wanted in suspects:
        column = name_sql(col.this)
        yield META.finding(
            f"column {column} of {name} is {base_type(col)} but its name says it holds a "
            f"{wanted.lower()}; store it as {wanted}",
            stmt.locate(span_of(col)),
            object=name,
            evidence=Evidence.of(column=col.name, column_type=base_type(col), suggested=wanted),
            fix=Fix.sql(f"Declare {column} as {wanted}", rewritten + ";"),
            anchor=stmt.text,
        )


def _temporal(col: exp.ColumnDef) -> str | None:
    if base_type(col) not in CHARACTER_TYPES:
        return None
    words = date_words(col.name)
    if not words or any(w in _NOT_A_VALUE for w in words) or words[-1] in _KEY_WORDS:
        return None
    if any(w in _DATE_WORDS or (w.endswith("date") and w not in _NOT_DATES) for w in words):
        return "DATE"
    if any(w in _TIME_WORDS for w in words[1:]) or words[0] in (_TIME_WORDS - {"at"}):
        return "TIMESTAMP"
    return None


def _calendar_dimension(table: str) -> bool:
    """`date_dim`, `time_dim`, `dim_calendar`, `dwdate`: a table of dates and their labels."""
    words = set(date_words(table)) - _DIMENSION_WORDS
    return bool(words) and words <= _CALENDAR_WORDS


def _rewritten(tree: exp.Create, wanted: dict[str, str]) -> str:
    copy = tree.copy()
    for col in copy.find_all(exp.ColumnDef):
        if col.name in wanted:
            col.set("kind", exp.DataType.build(wanted[col.name]))
    return copy.sql(dialect=DIALECT)
