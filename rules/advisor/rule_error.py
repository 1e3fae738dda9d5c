"""## What it does
Reports a rule that failed on one target (a statement, a request, a table, a plan...) instead
of finishing: the rule's id, the place, and a one-line reason. Every other rule, and the same
rule on every other target, still runs and is reported. A statement that the project catalog
(the tables the run's DDL declares) cannot read is reported the same way, as
`project-catalog`, and left out of the catalog.

## Why is this bad?
The failing rule has not checked that target, so a problem it exists to find may be hidden
there. The cause is a bug in the advisor (usually input of a shape the rule did not expect),
not in the code being checked.

## Example
A rule that reaches Python's recursion limit on a self-referencing alias:
```sql
SELECT a AS a FROM t GROUP BY a ORDER BY a;
```

## Use instead
Nothing to change in the SQL or request. Run again with `--debug` to see the traceback, and
report it with the input that caused it; `-- noqa: AD-004` on the statement silences it.

## Evidence
The rule's id, the exception's type and its message (first line, shortened); the traceback
is logged only with `--debug` (or the `ADVISOR_DEBUG` environment variable).

## Known limits
Findings the rule produced on that target before it failed are dropped, since they may be
incomplete. A rule that never returns (rather than failing) is not caught.

## References
- https://docs.python.org/3/library/exceptions.html#RecursionError
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, Location, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="AD-004",
    name="rule-error",
    family="advisor",
    target=TargetKind.SQL_SCRIPT,
    severity=Severity.ERROR,
    summary="A rule failed on this target; it was not checked by that rule",
    fix_safety=FixSafety.ADVISORY,
)

_MAX_REASON = 160


def reason(error: BaseException) -> str:
    """`Type: first line of the message`, shortened to one line."""
    text = str(error).strip().splitlines()
    line = f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
    return line if len(line) <= _MAX_REASON else line[: _MAX_REASON - 3] + "..."


def place(target: object) -> tuple[Location | None, str | None]:
    """Where a target is (its location, when it has one) and what it is called."""
    location = getattr(target, "location", None)
    if not isinstance(location, Location):
        path, line = getattr(target, "path", None), getattr(target, "line", None)
        location = (
            Location(path, line, 1, line, 1)
            if isinstance(path, str) and isinstance(line, int)
            else None
        )
    name = getattr(target, "qualified_name", None) or getattr(target, "name", None)
    return location, name if isinstance(name, str) else None


def finding(rule_id: str, target: object, error: BaseException) -> Finding:
    location, name = place(target)
    what = f" on {name}" if name and location is None else ""
    why = reason(error)
    text = getattr(target, "text", None)
    return META.finding(
        f"rule {rule_id} failed{what} and checked nothing here: {why}",
        location,
        object=name,
        evidence=Evidence.of(rule=rule_id, error=type(error).__name__, reason=why),
        anchor=text if isinstance(text, str) else (name or ""),
    )


def check(target: object, ctx: object) -> Iterator[Finding]:
    # The engine's rule guard makes these findings; this rule only shapes them.
    return iter(())
