"""Properties of `--fix` over the rule cases and the public corpora.

For any fail case of any rule, written with LF or CRLF line ends, with or without trailing
blanks, a leading comment and a BOM, fixing everything fixable (unsafe fixes included) must leave a
text that parses wherever the original did, that differs from the original only inside the
edits' spans, and on which a second fix changes nothing. The corpora beside the repository
(`../shared/corpora`) get the same check file by file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import fix
from advisor.config import Config, load_config
from advisor.engine import Engine, parser_for
from advisor.model import SourceText
from advisor.sql.parse import parse_source

CASES = Path(__file__).resolve().parents[1] / "rules" / "cases"
ROOT = Path(__file__).resolve().parents[2]
CORPORA = Path(os.environ.get("ADVISOR_CORPORA", ROOT.parent / "shared" / "corpora"))


def _fail_cases() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for file in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            if "fail" in case and not case.get("mappings"):
                out.append((data["rule"], data.get("suffix", ".sql"), case))
    return out


FAIL_CASES = _fail_cases()


def _engine(case: dict[str, Any], suffix: str) -> Engine:
    dialect = case.get("dialect", "redshift")
    engine = Engine(Config(dialect=dialect, rule_options={}))
    extra = [
        parse_source(SourceText.of(name, text), parser_for(dialect), dialect)
        for name, text in (case.get("files") or {}).items()
        if name.endswith(".sql")
    ]
    engine.lint_parsed(extra)  # the catalog of the case's other files
    if suffix != ".sql":
        engine.load_dsl_rules()
    return engine


def _decorate(text: str, crlf: bool, trailing: bool, comment: bool, suffix: str) -> str:
    lines = text.split("\n")
    if trailing:
        lines = [line + "  " if line.strip() else line for line in lines]
    if comment:
        lines.insert(0, "-- kept as written" if suffix == ".sql" else "# kept as written")
    return ("\r\n" if crlf else "\n").join(lines)


def _check_fixed(path: str, text: str, lint: fix.Linter) -> fix.FileFix:
    result = fix.fix_text(path, text, lint, unsafe=True)
    before, after = lint(path, text), lint(path, result.fixed)
    assert after.parse_errors <= before.parse_errors, result.fixed
    previous = text
    for start_text, edits, nxt in result.steps():
        assert start_text == previous
        assert fix.apply_edits(start_text, edits) == nxt  # nothing changed outside the spans
        previous = nxt
    again = fix.fix_text(path, result.fixed, lint, unsafe=True)
    assert not again.changed, f"a second fix changed {path}"
    assert previous == result.fixed
    return result


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    case=st.sampled_from(FAIL_CASES),
    crlf=st.booleans(),
    trailing=st.booleans(),
    comment=st.booleans(),
    bom=st.booleans(),
)
def test_fixing_a_rule_case_never_corrupts_it(
    case: tuple[str, str, dict[str, Any]], crlf: bool, trailing: bool, comment: bool, bom: bool
) -> None:
    _, suffix, data = case
    engine = _engine(data, suffix)
    text = _decorate(data["fail"], crlf, trailing, comment, suffix)
    if bom and suffix == ".sql":
        text = "\ufeff" + text  # SQL text keeps its BOM (request files are read without it)
    path = f"case{suffix}"
    result = _check_fixed(path, text, fix.engine_linter(engine))
    if crlf:
        assert "\n" not in result.fixed.replace("\r\n", "")
    assert result.fixed.startswith("\ufeff") == text.startswith("\ufeff")


def test_every_fixable_rule_case_gets_fixed() -> None:
    """The cases whose fix has edits are fixed (none rolled back) when written plainly."""
    fixed_rules: set[str] = set()
    for rule_id, suffix, data in FAIL_CASES:
        engine = _engine(data, suffix)
        lint = fix.engine_linter(engine)
        path = f"case{suffix}"
        linted = lint(path, data["fail"])
        if not any(f.fix is not None and f.fix.edits for f in linted.findings):
            continue
        result = _check_fixed(path, data["fail"], lint)
        fixed_rules.update(result.applied)
        assert not [r for r in result.rolled_back if r.finding.rule_id == rule_id], rule_id
    assert {"RS-Q01", "RS-Q05", "RS-Q17", "OS-Q25", "OS-Q30"} <= fixed_rules


def _corpus_files() -> list[Path]:
    return sorted(
        p
        for p in CORPORA.rglob("*")
        if p.is_file() and p.suffix in (".sql", ".console", ".json", ".ndjson", ".osq")
    )


def test_fixing_the_corpora_never_corrupts_them() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"corpora not found at {CORPORA} (set ADVISOR_CORPORA to their folder)")
    files = _corpus_files()
    engine = Engine(load_config(None, start=CORPORA), lint=True)
    engine.lint_paths([CORPORA])  # the catalog of every file's DDL
    lint = fix.engine_linter(engine)
    applied = 0
    for path in files:
        read = fix.read_text(path)
        if isinstance(read, tuple):
            applied += sum(_check_fixed(path.as_posix(), read[0], lint).applied.values())
    assert applied > 0
