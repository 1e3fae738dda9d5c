"""Runs every live-rule case file in `tests/rules/live_cases/` without a server.

A live rule reads a snapshot, not a file, so its cases are snapshot fragments: the part of
one system's section of an `advisor snapshot` file that the rule looks at. Everything a
fragment leaves out takes its default (no tables, no history, ...), so a case shows exactly
what makes the rule speak and what keeps it quiet:

```yaml
rule: RS-C02
system: redshift            # postgres | opensearch | redshift
options: {k: v}             # rule options, as in [tool.advisor.rules.ID] (optional)
cases:
  - name: stale-statistics  # what the case shows
    fail:                   # or `pass:` for a fragment that must not fire
      tables:
        - {schema: s, table: t, tbl_rows: 10000000, stats_off: 10.5}
    count: 1                # how many findings of the rule (fail cases; optional)
    object: s.t             # the first finding's object (optional)
    note: ...               # for a pass case: what changed from its failing twin (optional)
```

Redshift plan rules take their plans as saved EXPLAIN text under `explain:` (a list of
texts, each one or more plans), the way `advisor explain` reads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.config import Config
from advisor.live import analyze_opensearch, analyze_postgres, analyze_redshift
from advisor.model import Finding, Report
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsSnapshot
from advisor.sql.explain import parse_plans
from connectors.snapshot import decode, encode
from rules.registry import all_rules

CASES_DIR = Path(__file__).with_name("live_cases")
SYSTEMS = ("postgres", "opensearch", "redshift")


def _load() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    out = []
    for file in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((file.stem, data, case))
    return out


ALL_CASES = _load()


def fragment_report(
    system: str, fragment: dict[str, Any], rule_id: str, options: dict[str, Any]
) -> Report:
    """The report of one rule over the snapshot that `fragment` describes."""
    data = dict(fragment)
    config = Config(select=(rule_id,), rule_options={rule_id: options})
    if system == "redshift":
        texts = data.pop("explain", ())
        plans = [encode(p) for text in texts for p in parse_plans(text, "plan.txt")]
        data["plans"] = [*plans, *data.get("plans", ())]
        return analyze_redshift(decode(RsSnapshot, data), config)
    if system == "postgres":
        return analyze_postgres(decode(PgSnapshot, data), config)
    return analyze_opensearch(decode(OsSnapshot, data), config)


def run_case(data: dict[str, Any], case: dict[str, Any]) -> list[Finding]:
    rule_id = data["rule"]
    fragment = case["fail"] if "fail" in case else case["pass"]
    report = fragment_report(data["system"], fragment, rule_id, data.get("options") or {})
    errors = [f.message for f in report.findings if f.rule_id == "AD-004"]
    assert not errors, f"the rule raised: {errors}"
    return [f for f in report.findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    ("rule_file", "data", "case"),
    ALL_CASES,
    ids=[f"{stem}:{case['name']}" for stem, _, case in ALL_CASES],
)
def test_live_case(rule_file: str, data: dict[str, Any], case: dict[str, Any]) -> None:
    assert data["rule"] == rule_file, "a case file is named after its rule"
    assert data["system"] in SYSTEMS
    found = run_case(data, case)
    if "pass" in case:
        assert found == [], [f.message for f in found]
        return
    assert found, "the rule did not fire"
    if "count" in case:
        assert len(found) == case["count"], [f.message for f in found]
    if "object" in case:
        assert found[0].object == case["object"]
    if "message_contains" in case:
        assert case["message_contains"] in found[0].message


def _live_rule_ids() -> list[str]:
    return sorted(r.id for r in all_rules() if r.meta.live or r.meta.family == "redshift.plan")


def test_every_live_rule_has_a_failing_case_and_a_clean_twin() -> None:
    by_rule: dict[str, set[str]] = {}
    for stem, _, case in ALL_CASES:
        by_rule.setdefault(stem, set()).update(k for k in ("fail", "pass") if k in case)
    missing = [r for r in _live_rule_ids() if by_rule.get(r) != {"fail", "pass"}]
    assert missing == [], f"live rules without both a failing and a passing case: {missing}"


def test_no_case_file_for_a_rule_that_does_not_exist() -> None:
    known = set(_live_rule_ids())
    assert sorted({stem for stem, _, _ in ALL_CASES} - known) == []
