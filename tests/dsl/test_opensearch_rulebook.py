"""Every OpenSearch rule of rulebook sections 1a (static) and 1b (mapping-aware) is registered.

The rulebook lives beside the repository (`../shared/rulebook/opensearch.md`); the test skips
with a message when it is not there, e.g. in a standalone checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.model import Severity, TargetKind
from rules.registry import all_rules

RULEBOOK = Path(__file__).resolve().parents[2].parent / "shared" / "rulebook" / "opensearch.md"
_ROW = re.compile(r"^\|\s*(OS-[QM]\d+)\s*\|(?:[^|]*\|){3}\s*([a-z_ /()]+?)\s*\|", re.M)
_LEVELS = {"error": Severity.ERROR, "high": Severity.HIGH, "medium": Severity.MEDIUM}
_LEVELS.update({"low": Severity.LOW, "info": Severity.INFO})


def rulebook_severities(text: str) -> dict[str, Severity]:
    """Rule id -> default severity: the lower level where the rulebook gives two."""
    out: dict[str, Severity] = {}
    for row in _ROW.finditer(text):
        levels = [_LEVELS[w] for w in re.findall(r"[a-z]+", row.group(2)) if w in _LEVELS]
        if levels:
            out[row.group(1)] = min(levels)
    return out


def test_every_static_and_mapping_rule_is_registered_with_its_severity() -> None:
    if not RULEBOOK.is_file():
        pytest.skip(f"rulebook not found at ../shared/rulebook/{RULEBOOK.name}")
    wanted = rulebook_severities(RULEBOOK.read_text(encoding="utf-8"))
    assert len(wanted) == 54, "expected 36 OS-Q and 18 OS-M rows; has the layout changed?"
    registered = {r.id: r.meta for r in all_rules() if r.id.startswith("OS-")}
    missing = sorted(set(wanted) - set(registered))
    assert missing == []
    for rule_id, severity in wanted.items():
        meta = registered[rule_id]
        assert meta.target is TargetKind.DSL_REQUEST
        assert meta.severity is severity, rule_id
