"""## What it does
Flags `VACUUM` and `ANALYZE` with no table: maintenance of the whole database.

## Why is this bad?
Only one VACUUM can run on a cluster at a time, and a database-wide VACUUM walks every table,
including the many that need nothing, so it holds that slot for hours; it also silently skips
tables the user does not own. A database-wide ANALYZE likewise re-reads every table. Redshift
already runs automatic vacuum and analyze in the background; explicit maintenance pays off
when aimed at the tables that need it (unsorted or stale, as the catalog rules RS-C01..C05
report).

## Example
```sql
COPY staging.orders FROM 's3://bucket/orders/' IAM_ROLE 'arn:aws:iam::123456789012:role/load';
VACUUM;
ANALYZE;
```

## Use instead
```sql
COPY staging.orders FROM 's3://bucket/orders/' IAM_ROLE 'arn:aws:iam::123456789012:role/load';
VACUUM staging.orders;
ANALYZE staging.orders PREDICATE COLUMNS;
```

## Evidence
The SQL text of the statement; the script index of tables loaded earlier in the same file
(COPY and INSERT targets), which the fix names.

## Known limits
Tables changed by other jobs are not known; when the script loads no table, the fix is advice.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Reclaiming_storage_space202.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
- https://github.com/open-guides/og-aws/pull/234
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
from advisor.sql.dialect import Vacuum
from advisor.sql.fixsql import spelled
from rules.redshift._fixes import ANALYZE_PREDICATE_COLUMNS, VACUUM, in_order

META = RuleMeta(
    id="RS-Q16",
    name="database-wide-maintenance",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="VACUUM or ANALYZE of the whole database instead of the tables that need it",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if isinstance(tree, Vacuum) and tree.this is None:
        command = "VACUUM"
    elif isinstance(tree, exp.Analyze) and not tree.args.get("tables"):
        command = "ANALYZE"
    else:
        return
    loaded = [
        key for key, indices in ctx.script.loads.items() if any(i < stmt.index for i in indices)
    ]
    if loaded:
        statement = ANALYZE_PREDICATE_COLUMNS if command == "ANALYZE" else VACUUM
        fix = Fix.sql(
            f"{command} only the tables this script loaded",
            in_order(*(statement.render(table=spelled(*key.split("."))) for key in loaded)),
        )
    else:
        fix = Fix.advice(
            f"{command} the specific tables that need it (see the catalog rules' findings)"
        )
    yield META.finding(
        f"{command} with no table processes the whole database"
        + (f"; this script loaded only {', '.join(loaded)}" if loaded else ""),
        stmt.location,
        evidence=Evidence.of(command=command, tables_loaded_in_script=", ".join(loaded) or None),
        fix=fix,
        anchor=stmt.text,
    )
