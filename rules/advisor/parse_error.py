"""## What it does
Reports a statement that the advisor cannot parse, with the parser's message at the position
where parsing stopped. A Jinja or dbt template that cannot be rendered (a syntax error, an
error raised while rendering, a rendering past its time or size bound) is reported here too,
at the template's line.

## Why is this bad?
A statement the advisor cannot read is a statement no other rule has checked. Often the text is
simply invalid SQL (a missing parenthesis, an unterminated string) that Redshift would reject
too; sometimes it is valid syntax the parser does not know yet.

## Example
```sql
SELECT a, FROM sales;
```

## Use instead
```sql
SELECT a FROM sales;
```

## Evidence
The SQL text only: the parser's message and position.

## Known limits
Valid Redshift syntax that the dialect does not cover is reported too; silence it with
`-- noqa: AD-001` on the statement and report the construct.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_commands.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, SqlStatement, TargetKind
from advisor.sql.context import RuleContext

META = RuleMeta(
    id="AD-001",
    name="parse-error",
    family="advisor",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.ERROR,
    summary="Statement cannot be parsed",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    if stmt.error is None:
        return
    offset = stmt.error_offset
    span = (offset, offset) if offset is not None else None
    yield META.finding(
        f"cannot parse statement: {stmt.error}",
        stmt.locate(span),
        evidence=Evidence.of(parser_message=stmt.error, dialect=stmt.dialect),
        anchor=stmt.text,
    )
