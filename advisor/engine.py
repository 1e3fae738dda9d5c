"""Runs the rule base over what was read and applies configuration and suppressions.

Every rule of every kind (SQL statements, DSL requests, the live systems' tables, indexes,
plans, workloads and clusters) runs through one loop, `RuleRunner.run`: given the rules, a
way to get the targets of each `TargetKind` and a context per rule, it applies selection,
superseded-by, suppressions (`-- noqa`, reporting the ones that matched nothing), per-file
ignores and severity overrides once. Inside it, `run_rule` is the one place a rule's check is
called: a rule that raises on one target becomes one AD-004 finding there, and the run goes on.

`lint` reads every file first (so the project catalog sees all DDL before any rule runs),
then runs the loop per file with that file's script context.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlglot import exp

from advisor.config import Config
from advisor.dsl.sniff import has_dsl_suffix, is_dsl_file
from advisor.files import read_bounded, walk
from advisor.model import (
    Catalog,
    Evidence,
    Finding,
    Limits,
    ParseProblem,
    Report,
    Rule,
    SqlStatement,
    TargetKind,
)
from advisor.sql.catalog import catalog_from_statements
from advisor.sql.context import RuleContext, ScriptContext
from advisor.sql.parse import ParsedFile, decode
from advisor.sql.scan import with_statement_scans
from advisor.sql.templater import parse_templated
from rules.advisor import rule_error, unused_noqa
from rules.registry import all_rules, family_rules

SQL_SUFFIXES = (".sql",)
# What `lint` runs on SQL files: the static families only (plans, catalogs and history are
# read by `explain` and `analyze`).
LINT_FAMILIES = ("advisor", "redshift.ddl", "redshift.query")
# Stands for the rule id in an AD-004 raised while building the project catalog from DDL.
CATALOG = "project-catalog"
# The traceback of a failing rule goes here at DEBUG level (shown by `advisor --debug`).
log = logging.getLogger("advisor.rules")


def run_rule(rule: Rule, target: object, ctx: object) -> list[Finding]:
    """The findings of one rule on one target; an exception becomes one AD-004 finding.

    Any exception counts, RecursionError included: a rule's bug on one input must not end
    the run or hide the findings of the other rules. What the rule yielded before failing is
    dropped, as it may be incomplete.
    """
    try:
        return list(rule.check(target, ctx))
    except Exception as error:  # the guard itself: one rule, one target
        found = rule_error.finding(rule.id, target, error)
        log.debug("%s failed at %s", rule.id, found.location or found.object, exc_info=error)
        return [found]


def with_bodies(statements: Iterable[SqlStatement]) -> Iterator[SqlStatement]:
    """Statements in file order, each procedure followed by the statements of its body."""
    for stmt in statements:
        yield stmt
        yield from stmt.body


def describe_rule_errors(report: Report) -> None:
    """Give the report AD-004's metadata when a rule failed, for formats that describe rules."""
    if any(f.rule_id == rule_error.META.id for f in report.findings):
        report.rules.setdefault(rule_error.META.id, rule_error.META)


def reports_rule_errors(config: Config) -> bool:
    """AD-004 is reported unless ignored: a rule that failed must not vanish because the run
    selected only some rules."""
    return replace(config, select=()).rule_enabled(rule_error.META.id)


Targets = Callable[[TargetKind], Iterable[object]]
"""The targets of one kind that a run looks at (a snapshot's `targets`, a file's statements)."""
Contexts = Callable[[Rule, object], object]
"""The context a rule gets beside one target (options, script, catalog, snapshot)."""
Skip = Callable[[Rule, object], bool]


def no_targets(kind: TargetKind) -> Iterable[object]:
    return ()


class RuleRunner:
    """The one loop that runs rules: built once per run from the rules and configuration.

    Selection (`select`, `ignore`, default-off rules) is applied here, so every caller hands
    over all the rules that could apply (`select=False`: run exactly the rules given, as a
    caller that chose them does); `run` does the rest per target.
    """

    def __init__(self, rules: Iterable[Rule], config: Config, *, select: bool = True) -> None:
        self.config = config
        self.rules = tuple(
            r for r in rules if not select or config.rule_selected(r.id, r.meta.default_on)
        )
        by_kind: dict[TargetKind, list[Rule]] = {}
        for rule in self.rules:
            by_kind.setdefault(rule.meta.target, []).append(rule)
        self.by_kind = {kind: tuple(rules) for kind, rules in by_kind.items()}
        self._superseded = {r.id: r.meta.superseded_by for r in self.rules if r.meta.superseded_by}
        self._rule_errors = reports_rule_errors(config)
        self._noqa_unused = config.rule_enabled(unused_noqa.META.id)

    def run(
        self, targets: Targets, context: Contexts, *, skip: Skip | None = None
    ) -> list[Finding]:
        """The findings of every rule on every target of its kind, filtered and final.

        Per target: each rule of its kind runs (unless `skip` says the target suppresses it
        outright), findings superseded by a more precise rule's on the same object go, a SQL
        statement's `-- noqa` comments apply, then ignores and severity overrides.
        """
        out: list[Finding] = []
        for kind, rules in self.by_kind.items():
            for target in targets(kind):
                raw: list[Finding] = []
                for rule in rules:
                    if skip is None or not skip(rule, target):
                        raw.extend(run_rule(rule, target, context(rule, target)))
                out.extend(self.settle(target, raw))
        return out

    def settle(self, target: object, raw: list[Finding]) -> Iterator[Finding]:
        """The final findings of one target from its rules' raw ones: superseded findings
        dropped, a statement's `-- noqa` applied, then ignores and severity overrides (for a
        caller that ran the rules itself, as the editor's memo of unchanged statements)."""
        if self._superseded and len(raw) > 1:
            raw = self._drop_superseded(raw)
        if isinstance(target, SqlStatement):
            yield from self._suppress(target, raw)
        else:
            yield from (f for f in map(self.finalise, raw) if f is not None)

    def report(self, targets: Targets, context: Contexts) -> Report:
        """`run` as a Report: the rules that ran, their findings in a stable order."""
        started = time.perf_counter()
        report = Report(
            rules_run=tuple(r.id for r in self.rules), rules={r.id: r.meta for r in self.rules}
        )
        report.findings = self.run(targets, context)
        report.findings.sort(key=lambda f: f.sort_key)  # stable: rule order within a place
        describe_rule_errors(report)
        report.timings = {"rules": time.perf_counter() - started}
        return report

    def options(self, rule: Rule) -> dict[str, object]:
        return self.config.options_for(rule.id, rule.meta.options)

    def _drop_superseded(self, findings: list[Finding]) -> list[Finding]:
        """Drop a finding when a more precise rule fired on the same object (RuleMeta)."""
        fired = {(f.rule_id, f.object) for f in findings}
        return [
            f
            for f in findings
            if not any((by, f.object) in fired for by in self._superseded.get(f.rule_id, ()))
        ]

    def _suppress(self, stmt: SqlStatement, findings: list[Finding]) -> Iterator[Finding]:
        used: set[int] = set()
        for finding in findings:
            final = self.finalise(finding)
            if final is None:
                continue
            hit = next(
                (
                    i
                    for i, s in enumerate(stmt.suppressions)
                    if s.rules is None or final.rule_id in s.rules
                ),
                None,
            )
            if hit is None:
                yield final
            else:
                used.add(hit)
        if not self._noqa_unused:
            return
        for i, suppression in enumerate(stmt.suppressions):
            if i not in used:
                unused = self.finalise(unused_noqa.finding(stmt, suppression))
                if unused is not None:
                    yield unused

    def finalise(self, finding: Finding) -> Finding | None:
        """Apply per-file ignores and severity overrides; None when the finding is dropped."""
        if finding.rule_id == rule_error.META.id and not self._rule_errors:
            return None
        path = finding.location.path if finding.location else ""
        if path and self.config.ignored_in_file(finding.rule_id, path):
            return None
        finding = bounded(finding, self.config.limits.max_finding_chars)
        override = self.config.severity.get(finding.rule_id)
        if override is not None and override is not finding.severity:
            return replace(finding, severity=override)
        return finding


def script_targets(statements: Sequence[SqlStatement]) -> Targets:
    """A file's statements as targets, each procedure followed by its body's statements."""

    def targets(kind: TargetKind) -> Iterator[SqlStatement]:
        if kind is TargetKind.SQL_STATEMENT:
            yield from _nested(statements)

    return targets


def _nested(statements: Sequence[SqlStatement]) -> Iterator[SqlStatement]:
    for stmt in statements:
        yield stmt
        yield from _nested(stmt.body)


@dataclass(slots=True)
class SqlFileResult:
    parsed: ParsedFile | None
    problem: ParseProblem | None


def discover(
    paths: Sequence[Path], config: Config, problems: list[ParseProblem] | None = None
) -> Iterator[Path]:
    """Files to lint: the files named, and files with a known suffix below named folders.

    What is not read (a FIFO or device, a link out of the tree, a folder that cannot be
    listed) is added to `problems`; see `advisor.files`.
    """
    found = [] if problems is None else problems
    skip = None
    if config.respect_gitignore and any(p.is_dir() for p in paths):
        from advisor.gitignore import ignored_below

        skip = ignored_below([p for p in paths if p.is_dir()])
    yield from walk(
        paths,
        _known_suffix,
        config.excluded,
        found,
        follow_symlinks=config.follow_symlinks,
        skip=skip if skip is not None and skip.paths else None,
    )


def _known_suffix(name: str) -> bool:
    return name.endswith(SQL_SUFFIXES) or has_dsl_suffix(name)


def is_sql_file(path: Path) -> bool:
    """SQL unless the file is recognised as an OpenSearch request file."""
    return path.name.endswith(SQL_SUFFIXES) or not is_dsl_file(path)


def read_sql_file(
    path: Path, dialect: str, limits: Limits | None = None, templater: str = "auto"
) -> SqlFileResult:
    display = path.as_posix()
    data = read_bounded(path, limits or Limits())
    if isinstance(data, ParseProblem):
        return SqlFileResult(None, data)
    source = decode(display, data)
    if isinstance(source, ParseProblem):
        return SqlFileResult(None, source)
    parsed = parse_templated(source, parser_for(dialect), dialect, templater, path, limits)
    return SqlFileResult(parsed, None)


def parser_for(dialect: str) -> Callable[[str], exp.Expr]:
    # Imported here so that commands which never parse SQL do not pay for building the dialect.
    if dialect.lower() == "athena":
        from advisor.sql import athena

        return athena.parse_one
    if dialect.lower() == "postgres":
        from advisor.sql import postgres

        return postgres.parse_one
    # Queries and DML parse with sqlglot's own Redshift dialect (the same trees; the part a
    # compiled sqlglot could parse), the statements that need our grammar with our dialect.
    from advisor.sql.route import parse_one

    return parse_one


class Engine:
    """Holds the enabled rules and configuration for one run."""

    def __init__(
        self, config: Config, rules: Iterable[Rule] | None = None, *, lint: bool = False
    ) -> None:
        self.config = config
        # `lint` mode loads the OpenSearch rules only once request files turn up, and never the
        # live families: importing ~100 rule modules is a visible share of a small run.
        self._dsl_pending = rules is None and lint
        if rules is not None:
            chosen = tuple(rules)
        elif lint:
            chosen = sum((family_rules(f) for f in LINT_FAMILIES), ())
        else:
            chosen = all_rules()
        self.runner = RuleRunner(chosen, config)
        self.rules = self.runner.rules
        self.statement_rules = self.runner.by_kind.get(TargetKind.SQL_STATEMENT, ())
        # Index names the linted requests search (to tell a mapping pattern that matches none).
        self.request_indices: set[str] = set()
        # The project catalog of the last lint run, kept so a fixed file can be linted again
        # against the DDL of every file.
        self.catalog = Catalog()

    def load_dsl_rules(self) -> None:
        """Add the OpenSearch rules to a lint-mode engine (once)."""
        self._load_dsl_rules()

    def _load_dsl_rules(self) -> None:
        if self._dsl_pending:
            self._dsl_pending = False
            extra = [
                r
                for r in family_rules("opensearch")
                if self.config.rule_selected(r.id, r.meta.default_on)
            ]
            self.rules = tuple(sorted((*self.rules, *extra), key=lambda r: r.id))
            self.runner = RuleRunner(self.rules, self.config)

    def lint_paths(self, paths: Sequence[Path]) -> Report:
        """Lint files and folders in this process, without the cache: the two passes of
        `advisor.parallel` (the catalog first, then the rules), which keep only a bounded
        share of the trees between them, so memory does not grow with the number of files."""
        from advisor import parallel

        return parallel.lint_paths(self, paths, jobs=1)

    def lint_parsed(self, files: Sequence[ParsedFile]) -> Report:
        statements = [s for f in files for s in with_bodies(f.statements)]
        failures: list[tuple[SqlStatement, Exception]] = []
        catalog = self.catalog = catalog_from_statements(statements, failures)
        report = Report(
            rules_run=tuple(r.id for r in self.rules), rules={r.id: r.meta for r in self.rules}
        )
        report.statements = len(statements)
        for stmt, error in failures:
            # The project catalog is not a rule, but a failure there is reported the same way.
            found = self._finalise(rule_error.finding(CATALOG, stmt, error))
            if found is not None:
                log.debug("%s failed at %s", CATALOG, found.location, exc_info=error)
                report.findings.append(found)
        for parsed in files:
            report.findings.extend(self.lint_file(parsed, catalog))
        return report

    def lint_file(self, parsed: ParsedFile, catalog: Catalog) -> list[Finding]:
        return self._lint_script(parsed.statements, catalog)

    def _lint_script(self, statements: list[SqlStatement], catalog: Catalog) -> list[Finding]:
        """The findings of a file's statements; a procedure's body is a script of its own
        (its COMMITs end the procedure's transaction, not the file's)."""
        options = {r.id: self.runner.options(r) for r in self.statement_rules}
        scripts: dict[int, ScriptContext] = {}
        contexts: dict[tuple[int, str], RuleContext] = {}

        def script_of(block: Sequence[SqlStatement]) -> None:
            script = ScriptContext.build(list(block))
            for stmt in block:
                scripts[id(stmt)] = script
                if stmt.body:
                    script_of(stmt.body)

        script_of(statements)

        def context(rule: Rule, target: object) -> RuleContext:
            script = scripts[id(target)]
            key = (id(script), rule.id)
            found = contexts.get(key)
            if found is None:
                found = contexts[key] = RuleContext(script, catalog, options[rule.id])
            return found

        found = self.runner.run(script_targets(statements), context)
        return with_statement_scans(found, list(with_bodies(statements)), catalog)

    def finalise(self, finding: Finding) -> Finding | None:
        """Apply per-file ignores and severity overrides to a finding produced elsewhere."""
        return self.runner.finalise(finding)

    def _finalise(self, finding: Finding) -> Finding | None:
        return self.runner.finalise(finding)


def bounded(finding: Finding, limit: int) -> Finding:
    """The finding with its message, evidence values and fix text cut to `limit` characters
    each, saying so: a rule quoting a 10 MB array must not make a 10 MB report."""
    fix = finding.fix
    long_evidence = any(isinstance(v, str) and len(v) > limit for _, v in finding.evidence.items)
    if (
        len(finding.message) <= limit
        and not long_evidence
        and (fix is None or (len(fix.content) <= limit and len(fix.title) <= limit))
    ):
        return finding
    evidence = finding.evidence
    if long_evidence:
        evidence = Evidence(
            tuple((k, _cut(v, limit) if isinstance(v, str) else v) for k, v in evidence.items)
        )
    if fix is not None:
        fix = replace(fix, title=_cut(fix.title, limit), content=_cut(fix.content, limit))
    return replace(finding, message=_cut(finding.message, limit), evidence=evidence, fix=fix)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    more = len(text) - limit
    return f"{text[:limit]}… [{more:,} more characters cut: raise `max-finding-chars` to see them]"
