"""Re-lint only what an edit changed: the language server's statement-level memo.

After an edit most of a document's statements are the same text as before, often on other
lines. A statement rule that looks only at its own statement (its text and tree, the project
catalog and its options) gives the same findings for the same text, moved by as many lines and
characters as the statement moved; such findings are kept from the last lint and shifted.
Rules that read the rest of the file (the script context, other statements' positions, the
text around the statement) are *file-level* and run on every statement every time, and so
does everything after the rules (superseded findings, suppressions, per-file ignores). The
result is the list of findings `Engine.lint_file` returns for the same text, in the same order.

A memo entry is keyed on the statement's text and the column it starts at, and belongs to one
engine (configuration and rule set) and one catalog: a different catalog (DDL edited here or in
another file, usage counts that changed) empties the memo, so its findings can never be stale.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from types import ModuleType

from advisor.engine import Engine, run_rule, with_bodies
from advisor.model import Catalog, Finding, Location, Rule, SqlStatement
from advisor.sql.context import RuleContext, ScriptContext
from advisor.sql.parse import ParsedFile
from advisor.sql.scan import with_statement_scans

# Reading any of these makes a rule file-level: the script context, another statement (by
# index), the file's text around the statement, the statement's own offsets, or the table a
# reference means (`RuleContext.table_info` reads the file's earlier CREATE and DROP TABLE).
_FILE_LEVEL = re.compile(
    r"\.script\b|\.source\.text\b|\.index\b(?!\s*\()|\bstmt\.(?:start|end)\b|\.table_info\("
)
_MAX_ENTRIES = 20000


def file_level(rule: Rule) -> bool:
    """Whether the rule may read more than its own statement (see `_FILE_LEVEL`).

    The rule's module is read, and so is every module of the `rules` package that it uses (a
    family's shared helpers): a rule whose source cannot be read counts as file-level.
    """
    return _file_level_module(getattr(rule.check, "__module__", None) or "")


@functools.cache
def _file_level_module(name: str) -> bool:
    module = sys.modules.get(name)
    if module is None:
        return True
    try:
        sources = [inspect.getsource(m) for m in _modules_used(module)]
    except (OSError, TypeError):
        return True
    return any(_FILE_LEVEL.search(text) for text in sources)


def _modules_used(module: ModuleType) -> list[ModuleType]:
    """The module and the modules of the `rules` package it uses, transitively."""
    seen = {module.__name__: module}
    todo = [module]
    while todo:
        for value in vars(todo.pop()).values():
            home = value if inspect.ismodule(value) else None
            if home is None:
                home = sys.modules.get(getattr(value, "__module__", None) or "")
            if (
                home is not None
                and home.__name__.startswith("rules.")
                and home.__name__ not in seen
            ):
                seen[home.__name__] = home
                todo.append(home)
    return list(seen.values())


@dataclass(slots=True)
class _Entry:
    start: int
    line: int
    # Raw findings of the statement-local rules, before any filtering, with the position of
    # their rule among the engine's statement rules (most statements have none).
    found: list[tuple[int, list[Finding]]]


@dataclass(slots=True)
class Memo:
    """Findings of statement-local rules per statement text, for one engine and catalog."""

    engine: Engine | None = None
    catalog: Catalog | None = None
    entries: dict[tuple[str, int, str], _Entry] = field(default_factory=dict)
    # Statements linted afresh and statements whose findings were reused, in the last lint.
    fresh: int = 0
    reused: int = 0

    def lint_file(self, engine: Engine, parsed: ParsedFile, catalog: Catalog) -> list[Finding]:
        """What `engine.lint_file(parsed, catalog)` returns, reusing unchanged statements."""
        if engine is not self.engine or catalog != self.catalog or parsed.source.origin:
            self.engine, self.catalog = engine, catalog
            self.entries = {}
        if len(self.entries) > _MAX_ENTRIES:
            self.entries = {}
        self.fresh = self.reused = 0
        found = list(self._script(engine, parsed.statements, catalog, top=True))
        return with_statement_scans(found, list(with_bodies(parsed.statements)), catalog)

    def _script(
        self, engine: Engine, statements: list[SqlStatement], catalog: Catalog, *, top: bool
    ) -> Iterator[Finding]:
        # The loop of Engine._lint_script, with the statement-local rules' findings memoised.
        script = ScriptContext.build(statements)
        rules = engine.statement_rules
        contexts = [
            RuleContext(script, catalog, engine.config.options_for(r.id, r.meta.options))
            for r in rules
        ]
        local = [not file_level(rule) for rule in rules]
        # Reused statements run only these; the others' findings come from the memo.
        file_rules = [(i, rule) for i, rule in enumerate(rules) if not local[i]]
        kept: dict[tuple[str, int, str], _Entry] = {}
        for stmt in statements:
            # Procedure bodies are parsed with their variables blanked: their trees are not a
            # function of their own text alone, so they are always linted afresh.
            entry, key = (None, None) if not top else self._lookup(stmt, kept)
            line = stmt.source.position(stmt.start)[0]
            raw: list[Finding] = []
            found: list[tuple[int, list[Finding]]] = []
            if entry is None:
                for i, rule in enumerate(rules):
                    out = run_rule(rule, stmt, contexts[i])
                    raw.extend(out)
                    if local[i] and out:
                        found.append((i, out))
            else:
                # Findings in rule order, as a full run gives them: the file-level rules'
                # fresh ones merged with the memo's, moved to where the statement now is.
                outputs = [(i, run_rule(rule, stmt, contexts[i])) for i, rule in file_rules]
                if entry.found:
                    chars, lines = stmt.start - entry.start, line - entry.line
                    moved = [(i, _shifted(out, chars, lines)) for i, out in entry.found]
                    outputs = sorted([*outputs, *moved], key=lambda pair: pair[0])
                for _, out in outputs:
                    raw.extend(out)
            if key is not None:
                kept[key] = entry if entry is not None else _Entry(stmt.start, line, found)
                if entry is not None:
                    self.reused += 1
                else:
                    self.fresh += 1
            yield from engine.runner.settle(stmt, raw)
            if stmt.body:
                yield from self._script(engine, stmt.body, catalog, top=False)
        if top:
            self.entries.update(kept)

    def _lookup(
        self, stmt: SqlStatement, kept: dict[tuple[str, int, str], _Entry]
    ) -> tuple[_Entry | None, tuple[str, int, str]]:
        column = stmt.start - stmt.source.line_starts[stmt.source.position(stmt.start)[0] - 1]
        key = (stmt.text, column, stmt.dialect)
        return self.entries.get(key) or kept.get(key), key


def _shifted(findings: list[Finding], chars: int, lines: int) -> list[Finding]:
    if not chars and not lines:
        return findings
    out = []
    for f in findings:
        fix = f.fix
        if fix is not None and fix.edits:
            edits = tuple(
                replace(e, start=e.start + chars, end=e.end + chars, span=_moved(e.span, lines))
                for e in fix.edits
            )
            fix = replace(fix, edits=edits)
        location = _moved(f.location, lines) if f.location is not None else None
        out.append(replace(f, location=location, fix=fix))
    return out


def _moved(loc: Location, lines: int) -> Location:
    return replace(loc, line=loc.line + lines, end_line=loc.end_line + lines)
