"""What `advisor lint` does with `--fix`, `--diff`, `--add-noqa` and `-` (standard input).

Kept out of `advisor.cli` so that the command stays argument handling only; everything here
works on the engine's findings and the fixer in `advisor.fix`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from advisor import fix as fixer
from advisor.dsl.sniff import has_dsl_suffix
from advisor.engine import Engine
from advisor.model import ParseProblem, Report, SourceText
from rules.advisor import unreadable_file

Emit = Callable[[Report, dict[str, SourceText]], None]


def fix_paths(
    engine: Engine, report: Report, *, unsafe: bool, diff: bool, gate: fixer.Gate | None = None
) -> int:
    """Fix the files of `report` (or, with `diff`, print what would change); the exit code.
    `gate` sees the findings of each pass before their fixes are applied."""
    run = fixer.fix_files(engine, report.findings, unsafe=unsafe, gate=gate)
    for problem in run.problems:
        click.echo(f"advisor: {problem.path}: {problem.message}", err=True)
    for line in fixer.rollback_lines(run):
        click.echo(line, err=True)
    looked_at = {item.path for item in run.files}
    remaining = [f for item in run.files for f in item.remaining] + [
        f for f in report.findings if f.location is None or f.location.path not in looked_at
    ]
    if diff:
        for item in run.changed:
            click.echo(fixer.unified_diff(item), nl=False)
        click.echo(
            fixer.summary(run, remaining, unsafe=unsafe).replace("fixed", "would fix"), err=True
        )
        return 1 if run.changed else 0
    fixer.write_fixed(run)
    click.echo(fixer.summary(run, remaining, unsafe=unsafe), err=True)
    return 0


def lint_stdin(
    engine: Engine,
    filename: str,
    *,
    fixing: bool,
    unsafe: bool,
    fix_only: bool,
    diff: bool,
    add_noqa: bool,
    emit: Emit,
) -> None:
    """Lint (and fix) standard input as if it were the file `filename`."""
    data = sys.stdin.buffer.read()
    text, prefix = _decode(filename, data)
    if text is None:
        report = Report(findings=[unreadable_file.finding(prefix)], files=1)  # type: ignore[arg-type]
        emit(report, {})
        sys.exit(2)
    assert isinstance(prefix, str)
    if filename.endswith(".sql") or not fixer.is_dsl_text(filename, text):
        from advisor.engine import parser_for
        from advisor.sql.parse import parse_source

        parsed = parse_source(
            SourceText.of(filename, text), parser_for(engine.config.dialect), engine.config.dialect
        )
        engine.lint_parsed([parsed])
    lint = fixer.engine_linter(engine)
    if add_noqa:
        fixed, added = add_noqa_text(filename, text, lint)
        sys.stdout.buffer.write((prefix + fixed).encode("utf-8"))
        click.echo(f"advisor: added {added} noqa comment{'s' if added != 1 else ''}", err=True)
        sys.exit(0)
    if fixing:
        result = fixer.fix_text(filename, text, lint, unsafe=unsafe)
        run = fixer.FixRun(files=[result])
        for line in fixer.rollback_lines(run):
            click.echo(line, err=True)
        if diff:
            click.echo(fixer.unified_diff(result), nl=False)
            click.echo(fixer.summary(run, result.remaining, unsafe=unsafe), err=True)
            sys.exit(1 if result.changed else 0)
        sys.stdout.buffer.write((prefix + result.fixed).encode("utf-8"))
        sys.stdout.flush()
        click.echo(fixer.summary(run, result.remaining, unsafe=unsafe), err=True)
        if fix_only:
            sys.exit(0)
        findings = result.remaining
        source = SourceText.of(filename, result.fixed)
    else:
        linted = lint(filename, text)
        findings = linted.findings
        source = SourceText.of(filename, text)
    report = Report(findings=sorted(findings, key=lambda f: f.sort_key), files=1)
    report.rules_run = tuple(r.id for r in engine.rules)
    report.rules = {r.id: r.meta for r in engine.rules}
    if fixing:
        # The fixed text went to standard output; the remaining findings go to standard error.
        from advisor.report import render

        click.echo(render(report, "text", {filename: source}), err=True, nl=False)
        sys.exit(1 if any(f.severity >= engine.config.fail_on for f in findings) else 0)
    emit(report, {filename: source})
    sys.exit(1 if any(f.severity >= engine.config.fail_on for f in findings) else 0)


def _decode(filename: str, data: bytes) -> tuple[str | None, str | ParseProblem]:
    from advisor.sql.parse import decode

    dsl = has_dsl_suffix(filename)
    if dsl and data.startswith(b"\xef\xbb\xbf"):
        data, prefix = data[3:], "\ufeff"
    else:
        prefix = ""
    source = decode(filename, data)
    if isinstance(source, ParseProblem):
        return None, source
    return source.text, prefix


# --add-noqa

_NOQA = re.compile(r"--\s*noqa(?::\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*))?", re.I)
_CODE = re.compile(r"[A-Z]{2}-[A-Z]\d+")


def add_noqa_files(engine: Engine, report: Report) -> int:
    """Add noqa comments to every SQL file with findings; the exit code."""
    paths: dict[str, None] = {}
    for finding in report.findings:
        loc = finding.location
        if loc is not None and loc.path.endswith(".sql") and _CODE.fullmatch(finding.rule_id):
            paths.setdefault(loc.path, None)
    # Each file is checked by linting it again, with the catalog of the whole run.
    lint = fixer.engine_linter(engine)
    total = 0
    for display in paths:
        read = fixer.read_text(Path(display))
        if isinstance(read, ParseProblem):
            click.echo(f"advisor: {read.path}: {read.message}", err=True)
            continue
        text, prefix = read
        new, added = add_noqa_text(display, text, lint)
        if added:
            fixer.write_text(Path(display), new, prefix)
            total += added
    click.echo(f"advisor: added {total} noqa comment{'s' if total != 1 else ''}", err=True)
    return 0


def add_noqa_text(path: str, text: str, lint: fixer.Linter) -> tuple[str, int]:
    """`text` with a `-- noqa: ID` on the line of every finding it has; the count added.

    Each line is checked: after the comment is added the file must parse as before and the
    findings of that line must be gone; a line where that fails is left as it was.
    """
    before = lint(path, text)
    wanted: dict[int, set[str]] = {}
    for finding in before.findings:
        loc = finding.location
        if loc is not None and _CODE.fullmatch(finding.rule_id):
            wanted.setdefault(loc.line, set()).add(finding.rule_id)
    if not wanted:
        return text, 0
    source = SourceText.of(path, text)
    batch = _with_noqa(source, wanted)
    if _silenced(lint(path, batch), before, wanted):
        return batch, sum(len(c) for c in wanted.values())
    current, added = text, 0
    for line, codes in sorted(wanted.items()):
        source = SourceText.of(path, current)
        candidate = _with_noqa(source, {line: codes})
        if _silenced(lint(path, candidate), before, {line: codes}):
            current, added = candidate, added + len(codes)
    return current, added


def _silenced(after: fixer.Linted, before: fixer.Linted, wanted: dict[int, set[str]]) -> bool:
    if after.parse_errors > before.parse_errors:
        return False
    left = {(f.location.line, f.rule_id) for f in after.findings if f.location is not None}
    return not any((line, code) in left for line, codes in wanted.items() for code in codes)


def _with_noqa(source: SourceText, wanted: dict[int, set[str]]) -> str:
    text = source.text
    out: list[str] = []
    pos = 0
    for line, codes in sorted(wanted.items()):
        start = source.line_starts[line - 1]
        body = source.line_text(line)
        end = start + len(body)
        out.append(text[pos:start])
        out.append(line_with_noqa(body, codes))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def line_with_noqa(line: str, codes: set[str]) -> str:
    found = _NOQA.search(line)
    if found is not None:
        if not found.group("codes"):
            return line  # a bare noqa already silences every rule
        merged = sorted({c.strip().upper() for c in found.group("codes").split(",")} | codes)
        return line[: found.start()] + "-- noqa: " + ", ".join(merged) + line[found.end() :]
    stripped = line.rstrip(" \t")
    return stripped + " -- noqa: " + ", ".join(sorted(codes)) + line[len(stripped) :]
