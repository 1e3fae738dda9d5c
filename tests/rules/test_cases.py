"""Runs every rule case file in `tests/rules/cases/` through the real engine.

A case file holds one rule's cases:

```yaml
rule: RS-Q01
suffix: .sql                # file suffix the case text is written with (default .sql)
cases:
  - name: star-over-table   # what the case shows
    fail: SELECT * FROM t;  # or `pass:` for text that must not fire
    lines: [1]              # expected lines of the rule's findings (fail cases; optional)
    fix_contains: "..."     # text the first finding's fix must contain (optional)
    fixed: "..."            # the file once the rule's fixes are applied, unsafe ones too (optional)
    evidence: {k: v}        # items the first finding's evidence must hold (optional)
    severity: info          # severity of every finding of the case (optional)
    options: {k: v}         # rule options, as in [tool.advisor.rules.ID] (optional)
    files: {name: text}     # further files in the same run, e.g. DDL in another file
    dialect: athena         # dialect of this case (default: the file's `dialect`, else redshift)
    mappings: {index: {...}} # OpenSearch mappings, as `GET index/_mapping` returns them
```
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.config import Config
from advisor.engine import Engine
from advisor.model import Finding, TargetKind
from rules.registry import all_rules

CASES_DIR = Path(__file__).with_name("cases")


def _load() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    out = []
    for file in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((file.stem, data, case))
    return out


ALL_CASES = _load()


def run_case(tmp_path: Path, data: dict[str, Any], case: dict[str, Any]) -> list[Finding]:
    rule_id = data["rule"]
    text = case["fail"] if "fail" in case else case["pass"]
    target = tmp_path / f"case{data.get('suffix', '.sql')}"
    target.write_text(text, encoding="utf-8")
    for name, extra in (case.get("files") or {}).items():
        (tmp_path / name).write_text(extra, encoding="utf-8")
    config = Config(
        select=(rule_id,),
        rule_options={rule_id: case.get("options") or {}},
        mappings=_mappings(tmp_path, case),
        dialect=case.get("dialect", data.get("dialect", "redshift")),
        root=tmp_path,
    )
    report = Engine(config).lint_paths([tmp_path])
    return [
        f
        for f in report.findings
        if f.rule_id == rule_id and f.location is not None and f.location.path == target.as_posix()
    ]


def _mappings(tmp_path: Path, case: dict[str, Any]) -> dict[str, Path]:
    """The case's index mappings, written beside it."""
    mappings = {}
    for index, body in (case.get("mappings") or {}).items():
        mapping_file = tmp_path / f"mapping-{index.replace('*', '_')}.json"
        mapping_file.write_text(json.dumps(body), encoding="utf-8")
        mappings[index] = mapping_file
    return mappings


@pytest.mark.parametrize(
    ("rule_file", "data", "case"),
    ALL_CASES,
    ids=[f"{stem}:{case['name']}" for stem, _, case in ALL_CASES],
)
def test_rule_case(
    tmp_path: Path, rule_file: str, data: dict[str, Any], case: dict[str, Any]
) -> None:
    assert rule_file == data["rule"], "a case file is named after its rule"
    findings = run_case(tmp_path, data, case)
    if "pass" in case:
        assert findings == [], [f.message for f in findings]
        return
    assert findings, f"{data['rule']} did not fire"
    if "lines" in case:
        assert sorted(f.location.line for f in findings if f.location) == sorted(case["lines"])
    first = findings[0]
    if "fix_contains" in case:
        assert first.fix is not None
        assert case["fix_contains"] in first.fix.content or case["fix_contains"] in first.fix.title
    for key, value in (case.get("evidence") or {}).items():
        assert first.evidence.as_dict().get(key) == value, first.evidence
    if "severity" in case:
        assert {f.severity.label for f in findings} == {case["severity"]}
    if "fixed" in case:
        assert _fixed(tmp_path, data, case) == case["fixed"]


def _fixed(tmp_path: Path, data: dict[str, Any], case: dict[str, Any]) -> str:
    """The case file after `advisor lint --fix --unsafe-fixes --select RULE`."""
    from advisor import fix

    rule_id = data["rule"]
    config = Config(
        select=(rule_id,),
        rule_options={rule_id: case.get("options") or {}},
        mappings=_mappings(tmp_path, case),
        dialect=case.get("dialect", data.get("dialect", "redshift")),
        root=tmp_path,
    )
    engine = Engine(config)
    report = engine.lint_paths([tmp_path])
    target = (tmp_path / f"case{data.get('suffix', '.sql')}").as_posix()
    run = fix.fix_files(engine, report.findings, unsafe=True)
    assert not run.rolled_back, run.rolled_back
    return next((f.fixed for f in run.files if f.path == target), case["fail"])


def test_every_rule_has_a_case_file_with_both_kinds() -> None:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for stem, _, case in ALL_CASES:
        by_rule.setdefault(stem, []).append(case)
    engine_made = {"AD-002", "AD-003", "AD-004"}
    for rule in all_rules():
        # Live rules are tested in Python against model objects and the real servers; plan
        # rules read EXPLAIN text, not SQL, and are tested in tests/redshift on AWS's plans.
        if rule.id in engine_made or rule.meta.live or rule.meta.target is TargetKind.PLAN:
            continue
        cases = by_rule.get(rule.id, [])
        fails = [c for c in cases if "fail" in c]
        passes = [c for c in cases if "pass" in c]
        assert len(fails) >= 2 and len(passes) >= 2, f"{rule.id} needs 2 fail and 2 pass cases"
