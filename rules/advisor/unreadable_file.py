"""## What it does
Reports a file that is not read: binary content, invalid UTF-8, an I/O error, a file past a
size limit (`max-file-bytes`, `max-statements`), something that is not a regular file (a FIFO,
a device), a folder that cannot be listed, or a symbolic link out of the linted folder.

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
Only UTF-8 is read. Links out of the linted folder are followed only with `--follow-symlinks`.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    FixSafety,
    Location,
    ParseProblem,
    RuleMeta,
    Severity,
    TargetKind,
)

META = RuleMeta(
    id="AD-002",
    name="unreadable-file",
    family="advisor",
    target=TargetKind.SQL_SCRIPT,
    severity=Severity.ERROR,
    summary="File or folder cannot be read, or is not read",
    fix_safety=FixSafety.ADVISORY,
)


def finding(problem: ParseProblem) -> Finding:
    # Without a position the finding still names its file (line 1), so that every consumer
    # (SARIF, annotations, per-file ignores) can place it.
    where = problem.location or Location(problem.path, 1, 1, 1, 1)
    return META.finding(
        problem.message,
        where,
        evidence=Evidence.of(path=problem.path),
        anchor=problem.path,
    )


def check(problem: ParseProblem, ctx: object) -> Iterator[Finding]:
    yield finding(problem)
