"""Incremental lint in the server: after an edit, the diagnostics are those of a full re-lint.

Each file is linted, then edited (a line inserted, deleted or changed, at several places), and
the server's lint of the edited text, which reuses the findings of unchanged statements, must
equal `Engine.lint_file` on the edited text from scratch: same findings, same order, same
locations and edits.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from advisor.config import load_config
from advisor.engine import Engine, parser_for
from advisor.impact import prices_of, with_catalog_estimates
from advisor.lsp.analysis import Workspace
from advisor.lsp.incremental import file_level
from advisor.model import Finding, SourceText
from advisor.sql.catalog import catalog_from_statements
from advisor.sql.parse import parse_source

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "rules" / "cases"
SHARED = ROOT.parent / "shared" / "corpora" / "sqlfluff"
PROJECT_CORPUS = ROOT / "tests" / "corpus" / "redshift"


def full_lint(tmp: Path, path: str, text: str) -> list[Finding]:
    engine = Engine(load_config(None, start=tmp), lint=True)
    parsed = parse_source(SourceText.of(path, text), parser_for("redshift"), "redshift")
    catalog = catalog_from_statements(parsed.statements)
    found = sorted(engine.lint_file(parsed, catalog), key=lambda f: f.sort_key)
    # The editor gives findings their cost from the catalog, as `advisor lint` does.
    return with_catalog_estimates(found, prices_of(engine.config))


def edits(text: str, seed: int) -> list[str]:
    """Texts after inserting, deleting and changing a line at a few seeded places."""
    lines = text.splitlines(keepends=True)
    rng = random.Random(seed)
    out = []
    for _ in range(2):
        at = rng.randrange(len(lines) + 1)
        out.append("".join([*lines[:at], "SELECT 1;\n", *lines[at:]]))
        out.append("".join([*lines[:at], "-- a comment\n", *lines[at:]]))
        if lines:
            at = rng.randrange(len(lines))
            out.append("".join([*lines[:at], *lines[at + 1 :]]))
            out.append("".join([*lines[:at], lines[at].replace("a", "b", 1), *lines[at + 1 :]]))
            out.append("".join([*lines[:at], "  " + lines[at], *lines[at + 1 :]]))
    return out


def check_edits(tmp: Path, text: str, seed: int = 0) -> None:
    path = str(tmp / "doc.sql")
    workspace = Workspace(tmp)
    workspace.lint(path, text)
    for edited in edits(text, seed):
        assert workspace.lint(path, edited).findings == full_lint(tmp, path, edited)
        # And back: the findings of the first text are found again.
        assert workspace.lint(path, text).findings == full_lint(tmp, path, text)


def rule_cases_script() -> str:
    """Every Redshift rule case (failing and passing) one after another, in one file."""
    parts = []
    for file in sorted(CASES.glob("RS-*.yml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            text = (case.get("fail") or case.get("pass") or "").strip()
            if text:
                parts.append(text if text.endswith(";") else text + ";")
    return "\n".join(parts) + "\n"


def test_a_changed_line_keeps_the_other_statements_findings(tmp_path: Path) -> None:
    path = str(tmp_path / "doc.sql")
    workspace = Workspace(tmp_path)
    text = "SELECT * FROM a;\nSELECT * FROM b WHERE x LIKE 'y';\nSELECT 1;\n"
    workspace.lint(path, text)
    edited = "-- new\n" + text.replace("SELECT 1", "SELECT 2")
    assert workspace.lint(path, edited).findings == full_lint(tmp_path, path, edited)
    memo = workspace._memos[path]
    assert (memo.fresh, memo.reused) == (1, 2)


def test_the_rule_cases_edited(tmp_path: Path) -> None:
    check_edits(tmp_path, rule_cases_script(), seed=1)


def test_file_level_rules_are_recognised() -> None:
    engine = Engine(load_config(None, start=ROOT), lint=True)
    level = {r.id for r in engine.statement_rules if file_level(r)}
    # Rules that read the script context, other statements or the text around theirs.
    assert {"RS-Q01", "RS-Q11", "RS-Q12", "RS-Q14", "RS-Q16", "RS-Q21", "RS-D01"} <= level
    assert "RS-Q05" not in level
    # Rules that ask which table a reference means: the answer depends on the file's DDL order.
    assert {"RS-Q25", "RS-Q31"} <= level


@pytest.mark.parametrize("corpus", [SHARED, PROJECT_CORPUS], ids=["sqlfluff", "project"])
def test_corpus_files_edited(tmp_path: Path, corpus: Path) -> None:
    if not corpus.is_dir():
        pytest.skip(f"corpus not found at {corpus}")
    files = sorted(corpus.rglob("*.sql"))
    rng = random.Random(5)
    for file in rng.sample(files, min(25, len(files))):
        text = file.read_text(encoding="utf-8", errors="replace")
        if len(text) > 200_000:
            continue
        check_edits(tmp_path, text, seed=len(text))
