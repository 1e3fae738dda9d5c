"""What the language server knows and computes, without any protocol: plain and testable.

A `Workspace` keeps the parsed DDL of the workspace's SQL files (for the project catalog, as
the CLI builds it from every file of a run) and lints one document's text at a time with the
configuration found for that document, as `advisor lint` would find it. A finding on a read of
an external table whose DDL gives its size carries its cost per run, estimated from the catalog
and priced at the configuration's `[impact]` (the editor reads no live history).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlglot import exp

from advisor import fix as fixer
from advisor.config import Config, ConfigError, load_config
from advisor.engine import Engine, parser_for
from advisor.impact import prices_of, with_catalog_estimates
from advisor.lsp.incremental import Memo
from advisor.model import Finding, Location, Severity, SourceText, SqlStatement
from advisor.sql.catalog import catalog_from_statements
from advisor.sql.parse import parse_source

# A workspace larger than this is not scanned for DDL (open documents still are).
MAX_WORKSPACE_FILES = 2000
_MAX_TREES = 20000
_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


@dataclass(slots=True)
class Linted:
    """One lint of one document: its text, findings, and the engine that made them."""

    path: str
    source: SourceText
    findings: list[Finding]
    engine: Engine | None
    error: str | None = None


@dataclass(slots=True)
class Workspace:
    root: Path | None = None
    # Statements of CREATE statements per workspace file (absolute path).
    ddl: dict[str, list[SqlStatement]] = field(default_factory=dict)
    # Engines per configuration, so that an unchanged configuration keeps its engine.
    _engines: dict[tuple[str, float], tuple[Config, Engine]] = field(default_factory=dict)
    # Trees of statements already parsed, by dialect and text: after an edit only the changed
    # statements are parsed again (rules never change a tree; they copy before rewriting).
    _trees: dict[tuple[str, str], exp.Expr] = field(default_factory=dict)
    # Per document: the findings of its unchanged statements are kept from the last lint.
    _memos: dict[str, Memo] = field(default_factory=dict)

    def scan(self) -> None:
        """Read the DDL of the workspace's SQL files (bounded)."""
        if self.root is None or not self.root.is_dir():
            return
        seen = 0
        for base, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
            for name in files:
                if not name.endswith(".sql"):
                    continue
                seen += 1
                if seen > MAX_WORKSPACE_FILES:
                    return
                path = Path(base, name)
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                self.update_file(str(path), text)

    def update_file(self, path: str, text: str) -> None:
        """Keep (or replace) the DDL of one file: called on open, save and file changes."""
        if "create" not in text.lower():
            self.ddl.pop(path, None)
            return
        config = self.config_for(path)
        dialect = config.dialect if config else "redshift"
        parsed = parse_source(SourceText.of(path, text), parser_for(dialect), dialect)
        ddl = [s for s in parsed.statements if s.text[:6].upper() == "CREATE"]
        if ddl:
            self.ddl[path] = ddl
        else:
            self.ddl.pop(path, None)

    def forget(self, path: str) -> None:
        """Drop what was kept for a closed document."""
        self._memos.pop(path, None)

    def config_for(self, path: str) -> Config | None:
        try:
            return load_config(None, start=Path(path).parent)
        except ConfigError:
            return None

    def engine_for(self, path: str) -> Engine:
        """The engine for a document, with the closest configuration (reloaded when it changes)."""
        config = load_config(None, start=Path(path).parent)
        found = _config_file(Path(path).parent)
        key = (str(found), found.stat().st_mtime if found is not None else 0.0)
        cached = self._engines.get(key)
        if cached is not None and cached[0] == config:
            return cached[1]
        engine = Engine(config, lint=True)
        self._engines[key] = (config, engine)
        return engine

    def lint(self, path: str, text: str) -> Linted:
        """Lint one document; a configuration error or a crash becomes one finding."""
        source = SourceText.of(path, text)
        try:
            engine = self.engine_for(path)
        except ConfigError as err:
            return Linted(path, source, [_problem(path, f"configuration error: {err}")], None)
        try:
            if not fixer.is_dsl_text(path, text):
                others = [s for p, stmts in self.ddl.items() if p != path for s in stmts]
                dialect = engine.config.dialect
                parsed = parse_source(source, self._parser(dialect), dialect)
                engine.catalog = catalog_from_statements([*others, *parsed.statements])
                memo = self._memos.setdefault(path, Memo())
                found = memo.lint_file(engine, parsed, engine.catalog)
                # What a read of a declared external table costs per run, as `lint` says.
                findings = with_catalog_estimates(found, prices_of(engine.config))
            else:
                findings = fixer.engine_linter(engine)(path, text).findings
        except Exception as err:  # a crash in one rule must not take the server down
            detail = traceback.format_exception_only(type(err), err)[-1].strip()
            return Linted(
                path, source, [_problem(path, f"internal error: {detail}")], engine, detail
            )
        return Linted(path, source, sorted(findings, key=lambda f: f.sort_key), engine)

    def _parser(self, dialect: str) -> Callable[[str], exp.Expr]:
        parse = parser_for(dialect)
        trees = self._trees

        def cached(text: str) -> exp.Expr:
            key = (dialect, text)
            tree = trees.get(key)
            if tree is None:
                tree = parse(text)
                if len(trees) > _MAX_TREES:
                    trees.clear()
                trees[key] = tree
            return tree

        return cached


def _config_file(start: Path) -> Path | None:
    from advisor.config import find_config_file

    return find_config_file(start)


def _problem(path: str, message: str) -> Finding:
    return Finding("advisor", Severity.ERROR, f"advisor: {message}", Location(path, 1, 1, 1, 1))
