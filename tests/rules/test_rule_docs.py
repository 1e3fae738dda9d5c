"""Every rule documents itself in the house order, with a bad and a good example and a reference."""

from __future__ import annotations

import re

import pytest

from advisor.model import Rule
from rules.registry import all_rules

HEADINGS = (
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Evidence",
    "## Known limits",
    "## References",
)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_docstring_has_every_heading_in_order(rule: Rule) -> None:
    positions = [rule.doc.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), f"{rule.id} lacks {HEADINGS[positions.index(-1)]}"
    assert positions == sorted(positions), f"{rule.id}: headings out of order"
    references = rule.doc[positions[-1] :]
    assert re.search(r"https?://", references), f"{rule.id} has no reference link"


def test_ids_are_unique_and_names_are_kebab_case() -> None:
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    for rule in all_rules():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.meta.name), rule.meta.name


def test_every_rule_whose_fix_has_edits_says_how_safe_it_is() -> None:
    import inspect
    import sys

    markers = ("rewrite_fix(", "value_edit(", "node_edit(", "statement_edit(")
    for rule in all_rules():
        source = inspect.getsource(sys.modules[rule.check.__module__])
        if any(m in source for m in markers):
            assert "## Fix safety" in rule.doc, f"{rule.id} applies edits: document its Fix safety"
