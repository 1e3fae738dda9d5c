"""## What it does
Flags VACUUM option combinations that Redshift rejects: `TO n PERCENT` without a table;
REINDEX or RECLUSTER with `TO n PERCENT`; REINDEX, RECLUSTER or BOOST without a table; BOOST
with REINDEX; a threshold outside 0-100.

## Why is this bad?
The statement fails at run time, typically in an unattended maintenance job, so the table
silently goes unvacuumed. The syntax is `VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX |
RECLUSTER] [[table_name] [TO threshold PERCENT] [BOOST]]`, and the command reference lists
the combinations each mode accepts.

## Example
```sql
VACUUM REINDEX sales.events TO 90 PERCENT BOOST;
```

## Use instead
```sql
VACUUM REINDEX sales.events;
```

## Fix safety
Unsafe (`--unsafe-fixes`): dropping the options Redshift rejects makes the statement run, which it
did not before; check that the mode left is the one wanted. A VACUUM without a table stays advice.

## Evidence
The SQL text of the VACUUM statement: its mode, table, threshold and BOOST flag.

## Known limits
BOOST with DELETE ONLY is accepted (BOOST is ignored there) and is not flagged. The rewrite
drops the rejected parts; when the table is missing it cannot be invented, so the fix is
advice.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
"""

from __future__ import annotations

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
from advisor.sql.dialect import Vacuum
from advisor.sql.edits import statement_edit
from rules.redshift.query._shared import sql

META = RuleMeta(
    id="RS-Q15",
    name="invalid-vacuum-options",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="VACUUM option combination that Redshift rejects",
    fix_safety=FixSafety.UNSAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, Vacuum):
        return
    mode_node = tree.args.get("mode")
    mode = mode_node.name.upper() if mode_node is not None else "FULL"
    table, percent, boost = tree.this, tree.args.get("percent"), bool(tree.args.get("boost"))
    problems: list[str] = []
    if percent is not None and table is None:
        problems.append("TO n PERCENT needs a table")
    if percent is not None and mode in ("REINDEX", "RECLUSTER"):
        problems.append(f"{mode} does not take TO n PERCENT")
    if table is None and mode in ("REINDEX", "RECLUSTER"):
        problems.append(f"{mode} needs a table")
    if table is None and boost:
        problems.append("BOOST needs a table")
    if boost and mode == "REINDEX":
        problems.append("BOOST cannot be used with REINDEX")
    if percent is not None and not 0 <= float(percent.this) <= 100:
        problems.append(f"threshold {percent.this} is outside 0-100")
    if not problems:
        return
    yield META.finding(
        f"Redshift rejects this VACUUM: {'; '.join(problems)}",
        stmt.location,
        object=sql(table) if table is not None else None,
        evidence=Evidence.of(mode=mode, problems="; ".join(problems)),
        fix=_fix(stmt, tree, mode),
        anchor=stmt.text,
    )


def _fix(stmt: SqlStatement, tree: Vacuum, mode: str) -> Fix:
    if tree.this is None:
        return Fix.advice(
            "Name the table to vacuum (REINDEX, RECLUSTER, BOOST and TO n PERCENT need one)"
        )
    fixed = tree.copy()
    percent = fixed.args.get("percent")
    if mode in ("REINDEX", "RECLUSTER") or (
        percent is not None and not 0 <= float(percent.this) <= 100
    ):
        fixed.set("percent", None)
    if mode == "REINDEX":
        fixed.set("boost", None)
    return Fix.sql(
        "Drop the options this VACUUM mode does not accept",
        sql(fixed) + ";",
        FixSafety.UNSAFE,
        edits=(edit,) if (edit := statement_edit(stmt, fixed)) is not None else (),
    )
