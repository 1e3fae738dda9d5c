"""## What it does
Flags `UNLOAD ... PARALLEL OFF` (or `PARALLEL FALSE`).

## Why is this bad?
By default every slice writes its own files to Amazon S3 at the same time. With PARALLEL OFF
the whole result is funnelled through one writer, serially, and split into files of at most
6.2 GB: the export takes as long as one slice needs to write everything.

## Example
```sql
UNLOAD ('SELECT * FROM sales.orders')
TO 's3://bucket/export/orders_'
IAM_ROLE 'arn:aws:iam::123456789012:role/unload'
PARALLEL OFF;
```

## Use instead
```sql
UNLOAD ('SELECT * FROM sales.orders')
TO 's3://bucket/export/orders_'
IAM_ROLE 'arn:aws:iam::123456789012:role/unload';
```

## Evidence
The SQL text of the UNLOAD: its PARALLEL option.

## Known limits
A consumer that needs one ordered file (ORDER BY in the query and a single object) does need
PARALLEL OFF. When the text says one file is wanted, the rule stays silent: a target whose last
part names a file (`.../report.csv`, `.json`, `.txt`, `.gz`) or an UNLOAD with MAXFILESIZE.
Otherwise the fix is marked unsafe because it produces several files instead of one.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
from advisor.sql.dialect import Unload, option
from rules.redshift.query._shared import flag_value, sql, without_options

META = RuleMeta(
    id="RS-Q23",
    name="serial-unload",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="UNLOAD with PARALLEL OFF writes through a single writer",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, Unload):
        return
    if flag_value(option(tree, "PARALLEL")) not in ("OFF", "FALSE"):
        return
    target = str(tree.args["to"].this)
    if _single_file_wanted(tree, target):
        return
    yield META.finding(
        f"UNLOAD to {target} with PARALLEL OFF writes serially through one writer (files of "
        "at most 6.2 GB); the default writes from every slice at once",
        stmt.location,
        object=target,
        evidence=Evidence.of(to=target, parallel="OFF"),
        fix=Fix.sql(
            "Drop PARALLEL OFF (the output becomes several files)",
            sql(without_options(tree, {"PARALLEL"})) + ";",
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )


_FILE_NAME = re.compile(r"\.[A-Za-z][A-Za-z0-9]{1,7}$")


def _single_file_wanted(tree: Unload, target: str) -> bool:
    """The target names one file (an extension on its last part) or the size of the files is
    set: the author asked for a single object on purpose."""
    last = target.rstrip("'\"").rsplit("/", 1)[-1]
    return bool(_FILE_NAME.search(last)) or option(tree, "MAXFILESIZE") is not None
