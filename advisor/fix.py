"""Applying the edits of fixes to files, without ever corrupting them.

Fixes are applied in passes, as Ruff does: each pass takes every applicable fix whose edits do
not overlap one already taken, applies them all, and lints the new text again. A pass is kept
only when the new text parses wherever the old one did and every rule that was fixed fires less
often; otherwise its fixes are tried one by one and each one that fails that test is rolled
back and reported. Passes stop when nothing is left to apply (or after `MAX_PASSES`).

Only the characters inside an edit's span change: the text is decoded as the linter decodes it
(a UTF-8 BOM, CRLF line ends and trailing whitespace included) and written back the same way,
atomically, keeping the file's permissions.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.dsl.sniff import has_dsl_suffix, is_dsl_file, looks_like_console
from advisor.model import Finding, FixSafety, ParseProblem, SourceText, TextEdit

if TYPE_CHECKING:
    from advisor.engine import Engine

MAX_PASSES = 10
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Linted:
    """What one lint of a text found: its findings and how many statements did not parse."""

    findings: list[Finding]
    parse_errors: int


Linter = Callable[[str, str], Linted]
# Looks at the findings of a text linted while fixing, before any is applied (path, text,
# findings): `--verify-fixes` turns a rewrite that changes results into advice there.
Gate = Callable[[str, str, list[Finding]], list[Finding]]


@dataclass(frozen=True, slots=True)
class RolledBack:
    finding: Finding
    reason: str


@dataclass(slots=True)
class FileFix:
    """The outcome of fixing one file's text."""

    path: str
    original: str
    fixed: str
    applied: Counter[str] = field(default_factory=Counter)
    rolled_back: list[RolledBack] = field(default_factory=list)
    # Every pass kept: the text before it and the edits applied to it.
    passes: list[tuple[str, tuple[TextEdit, ...]]] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def steps(self) -> list[tuple[str, tuple[TextEdit, ...], str]]:
        """Each pass kept as (text before, edits, text after)."""
        afters = [*(text for text, _ in self.passes[1:]), self.fixed]
        return [(t, e, a) for (t, e), a in zip(self.passes, afters, strict=False)]


def applicable(finding: Finding, path: str, unsafe: bool) -> bool:
    fix = finding.fix
    if fix is None or not fix.edits:
        return False
    if fix.safety is FixSafety.SAFE or (unsafe and fix.safety is FixSafety.UNSAFE):
        return all(e.path == path for e in fix.edits)
    return False


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """`text` with non-overlapping edits applied; every other character stays as it was."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            raise ValueError(f"edit {edit.start}-{edit.end} overlaps another or is out of range")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _key(finding: Finding) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    assert finding.fix is not None
    return finding.rule_id, tuple((e.start, e.end, e.replacement) for e in finding.fix.edits)


def _select(findings: Sequence[Finding]) -> list[Finding]:
    """Fixes whose edits overlap no edit of a fix chosen before them (in file order)."""
    chosen: list[Finding] = []
    taken: list[TextEdit] = []
    ordered = sorted(findings, key=lambda f: (min(e.start for e in f.fix.edits), f.rule_id))  # type: ignore[union-attr]
    for finding in ordered:
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(a.overlaps(b) for a in edits for b in taken):
            continue
        if any(a.overlaps(b) for i, a in enumerate(edits) for b in edits[i + 1 :]):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen


def _problem(before: Linted, after: Linted, fixed: Sequence[Finding]) -> str | None:
    """Why applying `fixed` to the text linted as `before` giving `after` is not acceptable."""
    if after.parse_errors > before.parse_errors:
        return "the fixed text no longer parses"
    counts_before = Counter(f.rule_id for f in before.findings)
    counts_after = Counter(f.rule_id for f in after.findings)
    for rule_id, n in Counter(f.rule_id for f in fixed).items():
        if counts_after[rule_id] > counts_before[rule_id] - n:
            return f"{rule_id} still fires after its fix"
    return None


def fix_text(path: str, text: str, lint: Linter, *, unsafe: bool = False) -> FileFix:
    """Apply every applicable fix to `text` (the contents of `path`) in bounded passes."""
    result = FileFix(path, text, text)
    rejected: set[tuple[str, tuple[tuple[int, int, str], ...]]] = set()
    current = text
    linted = lint(path, current)
    for _ in range(MAX_PASSES):
        candidates = [
            f for f in linted.findings if applicable(f, path, unsafe) and _key(f) not in rejected
        ]
        if not candidates:
            break
        chosen = _select(candidates)
        batch = _try(path, current, linted, chosen, lint)
        if isinstance(batch, tuple):
            current, linted = _keep(result, current, chosen, batch)
            continue
        for finding in chosen:
            single = _try(path, current, linted, [finding], lint)
            if single is None or isinstance(single, str):
                reason = single if isinstance(single, str) else "the edit could not be applied"
                result.rolled_back.append(RolledBack(finding, reason))
                rejected.add(_key(finding))
                continue
            current, linted = _keep(result, current, [finding], single)
            break
    result.fixed = current
    result.remaining = linted.findings
    return result


def _try(
    path: str, text: str, before: Linted, fixes: Sequence[Finding], lint: Linter
) -> tuple[str, Linted] | str | None:
    """The new text and its lint when `fixes` apply cleanly; else why not (a batch: None)."""
    edits = [e for f in fixes for e in f.fix.edits]  # type: ignore[union-attr]
    try:
        new = apply_edits(text, edits)
    except ValueError as err:
        return None if len(fixes) > 1 else str(err)
    after = lint(path, new)
    problem = _problem(before, after, fixes)
    if problem is not None:
        return None if len(fixes) > 1 else problem
    return new, after


def _keep(
    result: FileFix, text: str, fixes: Sequence[Finding], outcome: tuple[str, Linted] | str | None
) -> tuple[str, Linted]:
    assert isinstance(outcome, tuple)
    result.passes.append((text, tuple(e for f in fixes for e in f.fix.edits)))  # type: ignore[union-attr]
    result.applied.update(f.rule_id for f in fixes)
    return outcome


def is_dsl_text(path: str, text: str) -> bool:
    """Whether the linter reads this text as OpenSearch requests (by suffix, then content)."""
    if has_dsl_suffix(path):
        return True
    return not path.lower().endswith(".sql") and looks_like_console(text)


def engine_linter(engine: Engine) -> Linter:
    """Lint a text as the engine lints files: the run's catalog, config and suppressions."""
    from advisor.dsl.reader import read_requests
    from advisor.engine import parser_for
    from advisor.sql.parse import parse_source

    mappings: dict[str, Any] | None = None

    def lint(path: str, text: str) -> Linted:
        nonlocal mappings
        source = SourceText.of(path, text)
        if is_dsl_text(path, text):
            from advisor import engine_dsl

            engine.load_dsl_rules()
            if mappings is None:
                mappings = dict(engine_dsl.load_mappings(engine.config)[0])
            requests = read_requests(source)
            found = engine_dsl.lint_requests(
                requests, engine.config, engine.rules, mappings, runner=engine.runner
            )
            return Linted(found, sum(r.error is not None for r in requests))
        dialect = engine.config.dialect
        parsed = parse_source(source, parser_for(dialect), dialect)
        found = engine.lint_file(parsed, engine.catalog)
        return Linted(found, sum(s.error is not None for s in parsed.statements))

    return lint


# Reading and writing files as the linter reads them.


def read_text(path: Path) -> tuple[str, str] | ParseProblem:
    """A file's text as the linter sees it, and the prefix (a BOM) the linter strips."""
    from advisor.engine_dsl import decode as decode_dsl
    from advisor.sql.parse import decode as decode_sql

    display = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as err:
        return ParseProblem(display, f"cannot read file: {err.strerror}")
    dsl = is_dsl_file(path) and not path.name.endswith(".sql")
    source = (decode_dsl if dsl else decode_sql)(display, data)
    if isinstance(source, ParseProblem):
        return source
    assert isinstance(source, SourceText)
    prefix = _BOM if dsl and data.startswith(b"\xef\xbb\xbf") else ""
    return source.text, prefix


def write_text(path: Path, text: str, prefix: str = "") -> None:
    """Write `prefix + text` as UTF-8 atomically: a temporary file beside it, then a rename."""
    data = (prefix + text).encode("utf-8")
    mode = os.stat(path).st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# Fixing the files of a lint run.


@dataclass(slots=True)
class FixRun:
    """Every file a `--fix` run looked at, with what it applied and rolled back."""

    files: list[FileFix] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def applied(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for item in self.files:
            total.update(item.applied)
        return total

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def rolled_back(self) -> list[RolledBack]:
        return [r for f in self.files for r in f.rolled_back]


def fixable_paths(findings: Iterable[Finding], unsafe: bool) -> list[str]:
    """Paths that have at least one fix to apply, in order of first appearance."""
    seen: dict[str, None] = {}
    for finding in findings:
        loc = finding.location
        if loc is not None and applicable(finding, loc.path, unsafe):
            seen.setdefault(loc.path, None)
    return list(seen)


def fix_files(
    engine: Engine, findings: Iterable[Finding], *, unsafe: bool, gate: Gate | None = None
) -> FixRun:
    """Fix the text of every file with an applicable fix (nothing is written here)."""
    run = FixRun()
    lint = engine_linter(engine) if gate is None else gated(engine_linter(engine), gate)
    for display in fixable_paths(findings, unsafe):
        read = read_text(Path(display))
        if isinstance(read, ParseProblem):
            run.problems.append(read)
            continue
        text, prefix = read
        run.prefixes[display] = prefix
        run.files.append(fix_text(display, text, lint, unsafe=unsafe))
    return run


def gated(lint: Linter, gate: Gate) -> Linter:
    def checked(path: str, text: str) -> Linted:
        linted = lint(path, text)
        return Linted(gate(path, text, linted.findings), linted.parse_errors)

    return checked


def write_fixed(run: FixRun) -> None:
    for item in run.changed:
        write_text(Path(item.path), item.fixed, run.prefixes.get(item.path, ""))


def unified_diff(item: FileFix) -> str:
    import difflib

    lines = difflib.unified_diff(
        item.original.splitlines(keepends=True),
        item.fixed.splitlines(keepends=True),
        fromfile=f"a/{item.path}",
        tofile=f"b/{item.path}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def unsafe_available(findings: Iterable[Finding]) -> int:
    """Findings that `--unsafe-fixes` would add an edit for."""
    return sum(
        1
        for f in findings
        if f.fix is not None and f.fix.edits and f.fix.safety is FixSafety.UNSAFE
    )


def summary(run: FixRun, remaining: Sequence[Finding], *, unsafe: bool) -> str:
    """One line: what was fixed, what was rolled back, what `--unsafe-fixes` would add."""
    applied = run.applied
    total = sum(applied.values())
    per_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(applied.items()))
    files = len(run.changed)
    text = f"advisor: fixed {total} finding{'s' if total != 1 else ''}"
    if total:
        text += f" in {files} file{'s' if files != 1 else ''} ({per_rule})"
    back = run.rolled_back
    if back:
        text += f"; rolled back {len(back)} fix{'es' if len(back) != 1 else ''}"
    hidden = 0 if unsafe else unsafe_available(remaining)
    if hidden:
        text += f"; {hidden} more fixable with --unsafe-fixes"
    return text


def rollback_lines(run: FixRun) -> list[str]:
    out = []
    for item in run.rolled_back:
        loc = item.finding.location
        out.append(f"advisor: {loc}: {item.finding.rule_id} fix not applied: {item.reason}")
    return out
