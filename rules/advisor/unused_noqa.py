"""## What it does
Reports a `-- noqa` comment that suppressed nothing.

## Why is this bad?
A stale suppression hides the next real problem on that statement, and tells readers that a
rule fires where it no longer does.

## Example
```sql
SELECT id, total FROM sales; -- noqa: RS-Q01
```

## Use instead
```sql
SELECT id, total FROM sales;
```

## Evidence
The SQL text only: the comment and the findings on its statement.

## Known limits
A suppression for a rule that is not selected in this run is still checked against the
findings of the rules that did run.

## References
- https://docs.astral.sh/ruff/rules/unused-noqa/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    Location,
    RuleMeta,
    Severity,
    SqlStatement,
    Suppression,
    TargetKind,
)

META = RuleMeta(
    id="AD-003",
    name="unused-noqa",
    family="advisor",
    target=TargetKind.SQL_SCRIPT,
    severity=Severity.LOW,
    summary="Suppression comment that matched no finding",
    fix_safety=FixSafety.SAFE,
)


def finding(stmt: SqlStatement, suppression: Suppression) -> Finding:
    codes = ", ".join(sorted(suppression.rules)) if suppression.rules else "all rules"
    line, col = suppression.line, suppression.column
    # The comment's own line and column: for a rendered template they are the model file's.
    loc = Location(stmt.path, line, col, line, col + 6)
    return META.finding(
        f"unused suppression ({codes}): no finding to silence on this statement",
        loc,
        evidence=Evidence.of(codes=codes),
        fix=Fix.advice("Remove the `-- noqa` comment", safety=FixSafety.SAFE),
        anchor=stmt.text,
    )


def check(stmt: SqlStatement, ctx: object) -> Iterator[Finding]:
    # The engine decides which suppressions were used; this rule only shapes the finding.
    return iter(())
