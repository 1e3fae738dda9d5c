"""## What it does
Flags `DELETE FROM t WHERE <date column> < ...`: a retention purge that removes the oldest rows
of a time-series table by date.

## Why is this bad?
A DELETE only marks rows; the space comes back after a VACUUM, which re-sorts and rewrites the
table and competes with the workload. For data kept for a fixed period, AWS recommends one
table per period (for example per month) behind a `UNION ALL` view: dropping the oldest table
is instant and leaves nothing to vacuum, and each table stays in sort-key order.

## Example
```sql
DELETE FROM web.events WHERE event_date < DATEADD(day, -90, CURRENT_DATE);
```

## Use instead
```sql
-- One table per month behind a view; retire a month by dropping its table.
CREATE OR REPLACE VIEW web.events AS
SELECT * FROM web.events_2024_05
UNION ALL
SELECT * FROM web.events_2024_06;
DROP TABLE web.events_2024_04;
```

## Evidence
The SQL text of the DELETE: a `<` / `<=` (or `>` / `>=` written the other way round) between a
column and a date expression (a `'YYYY-MM-DD'` literal, CURRENT_DATE, GETDATE(), SYSDATE,
DATEADD, or a cast to DATE/TIMESTAMP); or a column declared DATE/TIMESTAMP in the run's DDL.

## Known limits
The rule cannot tell a scheduled purge from a one-off cleanup; it is informational. A table
small enough that vacuuming it is cheap gains little from the time-series design.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-time-series-tables.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
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
from advisor.sql.spans import span_of
from rules.redshift.query._shared import conjuncts, sql, table_display

META = RuleMeta(
    id="RS-Q13",
    name="retention-purge-by-date",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="DELETE of old rows by date; time-series tables let you drop them instead",
    fix_safety=FixSafety.ADVISORY,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DATE_NODES = (exp.CurrentDate, exp.CurrentTimestamp, exp.DateAdd, exp.DateSub, exp.TsOrDsAdd)
_DATE_FUNCS = {"GETDATE", "SYSDATE", "DATEADD", "ADD_MONTHS", "TRUNC"}
_TIME_TYPE = re.compile(r"^(DATE|TIMESTAMP)", re.I)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Delete) or not isinstance(tree.this, exp.Table):
        return
    where = tree.args.get("where")
    if not isinstance(where, exp.Where):
        return
    table = tree.this
    info = ctx.table_info(table)
    for term in conjuncts(where.this):
        column = _old_rows_column(term)
        if column is None or not isinstance(term, exp.Binary):
            continue
        declared = info.column(column.name) if info is not None else None
        other = term.right if term.left is column else term.left
        if not (_date_like(other) or (declared and _TIME_TYPE.match(declared.type))):
            continue
        name = table_display(table)
        yield META.finding(
            f"DELETE purges old rows of {name} by {column.name}; a time-series design (a table "
            "per period behind a UNION ALL view) drops them with no VACUUM",
            stmt.locate(span_of(term)),
            object=name,
            evidence=Evidence.of(table=name, column=column.name, predicate=sql(term)),
            fix=Fix.advice(
                f"Split {name} into one table per period behind a UNION ALL view and DROP the "
                "oldest table instead of deleting"
            ),
            anchor=stmt.text,
        )
        return


def _old_rows_column(term: exp.Expr) -> exp.Column | None:
    """The column of `col < x` / `col <= x` / `x > col` / `x >= col`."""
    if isinstance(term, exp.LT | exp.LTE) and isinstance(term.left, exp.Column):
        return term.left
    if isinstance(term, exp.GT | exp.GTE) and isinstance(term.right, exp.Column):
        return term.right
    return None


def _date_like(node: exp.Expr) -> bool:
    if isinstance(node, exp.Literal) and node.is_string and _ISO_DATE.match(node.this):
        return True
    for sub in node.walk():
        if isinstance(sub, _DATE_NODES):
            return True
        if isinstance(sub, exp.Cast) and sub.to.this in exp.DataType.TEMPORAL_TYPES:
            return True
        if isinstance(sub, exp.Anonymous) and sub.name.upper() in _DATE_FUNCS:
            return True
    return False
