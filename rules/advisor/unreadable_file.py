"""## What it does
Reports a file that cannot be read as text: binary content, invalid UTF-8, or an I/O error.

## Why is this bad?
Nothing in such a file is checked. A SQL file saved in another encoding (Latin-1, UTF-16) is
the usual cause.

## Example
A `.sql` file saved as UTF-16 by an editor.

## Use instead
Save the file as UTF-8 (a byte order mark is accepted).

## Evidence
The file's bytes: the first byte that is not valid UTF-8, or the presence of NUL bytes.

## Known limits
Only UTF-8 is read.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, ParseProblem, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="AD-002",
    name="unreadable-file",
    family="advisor",
    target=TargetKind.SQL_SCRIPT,
    severity=Severity.ERROR,
    summary="File cannot be read as UTF-8 text",
    fix_safety=FixSafety.ADVISORY,
)


def finding(problem: ParseProblem) -> Finding:
    return META.finding(
        problem.message,
        problem.location,
        evidence=Evidence.of(path=problem.path),
        anchor=problem.path,
    )


def check(problem: ParseProblem, ctx: object) -> Iterator[Finding]:
    yield finding(problem)
