"""Every OpenSearch rule of rulebook sections 1c (profile, Query Insights) and 1d (index and
cluster) is registered as a live rule with the rulebook's severity.

The rulebook lives beside the repository (`../shared/rulebook/opensearch.md`); the test skips
with a message when it is not there, e.g. in a standalone checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.model import Severity
from rules.registry import all_rules

RULEBOOK = Path(__file__).resolve().parents[2].parent / "shared" / "rulebook" / "opensearch.md"
_ROW = re.compile(r"^\|\s*(OS-[CP]\d+)\s*\|(?:[^|]*\|){3}\s*([a-z_ /()]+?)\s*\|", re.M)
_LEVELS = {s.label: s for s in Severity}
FAMILIES = {"OS-C": "opensearch.cluster", "OS-P": "opensearch.profile"}


def test_every_profile_and_cluster_rule_is_registered_with_its_severity() -> None:
    if not RULEBOOK.is_file():
        pytest.skip(f"rulebook not found at ../shared/rulebook/{RULEBOOK.name}")
    wanted: dict[str, Severity] = {}
    for row in _ROW.finditer(RULEBOOK.read_text(encoding="utf-8")):
        levels = [_LEVELS[w] for w in re.findall(r"[a-z]+", row.group(2)) if w in _LEVELS]
        if levels:
            wanted[row.group(1)] = min(levels)
    assert len(wanted) == 37, "expected 15 OS-P and 22 OS-C rows; has the layout changed?"
    registered = {r.id: r.meta for r in all_rules() if r.id[:4] in FAMILIES}
    assert sorted(set(wanted) - set(registered)) == []
    for rule_id, severity in wanted.items():
        meta = registered[rule_id]
        assert meta.live and meta.family == FAMILIES[rule_id[:4]], rule_id
        assert meta.severity is severity, rule_id
