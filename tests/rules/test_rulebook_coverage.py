"""Every static rule of the Redshift rulebook (sections 1A and 1B, mode S or S+L) is registered.

The rulebook lives beside the repository (`../shared/rulebook/redshift.md`); the test skips
with a message when it is not there, e.g. in a standalone checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rules.registry import all_rules

RULEBOOK = Path(__file__).resolve().parents[2].parent / "shared" / "rulebook" / "redshift.md"
SECTIONS = ("1A", "1B")
STATIC_MODES = {"S", "S+L"}
_HEADING = re.compile(r"^###\s+(\d[A-Z])\.", re.M)
_ROW = re.compile(r"^\|\s*(RS-[A-Z]\d+)\s*\|\s*([^|]+?)\s*\|", re.M)


def static_rule_ids(text: str, sections: tuple[str, ...] = SECTIONS) -> dict[str, str]:
    """Rule id -> section for the table rows of `sections` whose mode is static."""
    found: dict[str, str] = {}
    headings = list(_HEADING.finditer(text))
    for i, heading in enumerate(headings):
        section = heading.group(1)
        if section not in sections:
            continue
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        for row in _ROW.finditer(text, heading.end(), end):
            if row.group(2).strip() in STATIC_MODES:
                found[row.group(1)] = section
    return found


def test_parser_reads_rows_of_the_named_sections_only() -> None:
    text = (
        "### 1A. DDL\n| ID | Mode |\n|---|---|\n| RS-D01 | S | x |\n| RS-D99 | L | x |\n"
        "### 1B. Queries\n| RS-Q06 | S+L | x |\n### 1C. Catalog\n| RS-C01 | S | x |\n"
    )
    assert static_rule_ids(text) == {"RS-D01": "1A", "RS-Q06": "1B"}


def test_every_static_rulebook_rule_is_registered() -> None:
    if not RULEBOOK.is_file():
        pytest.skip(f"rulebook not found at ../shared/rulebook/{RULEBOOK.name}")
    wanted = static_rule_ids(RULEBOOK.read_text(encoding="utf-8"))
    assert wanted, "no static rules found in sections 1A/1B; has the rulebook's layout changed?"
    registered = {rule.id for rule in all_rules()}
    missing = sorted(rule_id for rule_id in wanted if rule_id not in registered)
    by_section = {s: [m for m in missing if wanted[m] == s] for s in SECTIONS}
    assert not missing, "static rulebook rules without a rule module: " + "; ".join(
        f"{section}: {', '.join(ids)}" for section, ids in by_section.items() if ids
    )
