"""docs/rules.md is generated from the rule modules and checked for staleness."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import docs
from rules.registry import all_rules


def test_every_rule_has_a_section_and_an_index_row() -> None:
    text = docs.render(all_rules())
    for rule in all_rules():
        assert f"\n## {rule.id} {rule.meta.name}\n" in text
        assert f"| [{rule.id}](#" in text
    assert "\n## What it does" not in text  # rule headings are nested one level down
    assert "\n### What it does" in text


def test_headings_in_code_blocks_are_left_alone() -> None:
    doc = "## Example\n```console\n# a shell comment\n```\n## References"
    assert docs.demote_headings(doc) == [
        "### Example",
        "```console",
        "# a shell comment",
        "```",
        "### References",
    ]


def test_check_fails_when_missing_or_stale_and_passes_after_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs" / "rules.md"
    assert docs.main(["--check", "--output", str(out)]) == 1
    assert "is missing" in capsys.readouterr().err
    assert docs.main(["--output", str(out)]) == 0
    assert docs.main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert docs.main(["--check", "--output", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err
