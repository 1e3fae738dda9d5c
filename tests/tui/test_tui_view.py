"""The table state without a terminal: filter, minimum severity, sort and grouping."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tui_sample import many_findings, sample_report

from advisor.model import Finding, Impact, Severity
from advisor.tui.view import CELL, FindingsView, Group, Grouping, Row


def rule_ids(view: FindingsView) -> list[str]:
    return [row.finding.rule_id for row in view.matching()]


def test_default_order_puts_the_most_urgent_first() -> None:
    view = FindingsView.of(sample_report().findings)
    assert rule_ids(view) == ["XX-Q02", "XX-O01", "XX-Q01", "XX-Q01", "XX-I01"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xx-q01", 2),  # rule id, any case
        ("transaction", 1),  # message
        ("web.", 2),  # object
        ("search.json", 1),  # path
        ("orders vacuum", 1),  # every word must match
        ("nothing-like-this", 0),
    ],
)
def test_text_filter_matches_rule_message_object_and_path(text: str, expected: int) -> None:
    view = FindingsView.of(sample_report().findings)
    view.text = text
    assert len(view.matching()) == expected


def test_minimum_severity_hides_lower_findings() -> None:
    view = FindingsView.of(sample_report().findings)
    view.min_severity = Severity.HIGH
    assert rule_ids(view) == ["XX-Q02", "XX-O01"]


def test_sort_by_the_same_column_twice_reverses() -> None:
    view = FindingsView.of(sample_report().findings)
    view.sort_by("rule")
    assert rule_ids(view) == ["XX-I01", "XX-O01", "XX-Q01", "XX-Q01", "XX-Q02"]
    view.sort_by("rule")
    assert rule_ids(view)[0] == "XX-Q02"
    with pytest.raises(ValueError, match="unknown column"):
        view.sort_by("colour")


def test_grouping_cycles_and_adds_headings() -> None:
    view = FindingsView.of(sample_report().findings)
    view.grouping = view.grouping.next()
    assert view.grouping is Grouping.FILE
    entries = view.entries()
    headings = [e for e in entries if isinstance(e, Group)]
    assert [(g.name, g.count) for g in headings] == [
        ("(no file)", 1),
        ("queries/export.sql", 3),
        ("search.json", 1),
    ]
    assert sum(isinstance(e, Row) for e in entries) == 5
    view.grouping = view.grouping.next()
    assert view.grouping is Grouping.RULE
    assert view.grouping.next() is Grouping.NONE


def test_ten_thousand_findings_filter_in_memory() -> None:
    view = FindingsView.of(many_findings(10_000).findings)
    view.text = "t42 "
    view.min_severity = Severity.HIGH
    assert all(row.finding.severity >= Severity.HIGH for row in view.matching())
    assert 0 < len(view.matching()) < 10_000


def costed_findings() -> list[Finding]:
    """Three findings of the sample with a measured cost (one never ran), the rest uncosted."""
    findings = sample_report().findings
    costs = {
        0: Impact("measured", "redshift", 4, 7.0, seconds_per_day=30.0),
        2: Impact("measured", "redshift", 40, 7.0, seconds_per_day=90.0, dollars_per_day=2.5),
        3: Impact("unknown", note="no execution of this statement in the history read"),
    }
    return [replace(f, impact=costs[n]) if n in costs else f for n, f in enumerate(findings)]


def test_known_costs_sort_the_table_costliest_first_with_a_cost_column() -> None:
    findings = costed_findings()
    view = FindingsView.of(findings)
    assert view.sort_column == "cost" and view.arrow == "▼"
    assert [key for key, _ in view.columns][:3] == ["severity", "rule", "cost"]
    shown = view.matching()
    assert [row.finding for row in shown[:2]] == [findings[2], findings[0]]
    assert [row.cells[CELL["cost"]] for row in shown[:2]] == ["$2.50/day", "30.0 s/day"]
    # Unknown costs after the known ones: a statement the history never saw run says so, a
    # finding no cost was looked up for shows a dash.
    assert all(
        row.cells[CELL["cost"]] == ("—" if row.finding.impact is None else "no history")
        for row in shown[2:]
    )
    assert {row.cells[CELL["cost"]] for row in shown[2:]} <= {"—", "no history"}
    # Choosing another column sticks across a re-run; the cost column stays available.
    view.sort_by("rule")
    view.replace_findings(findings)
    assert view.sort_column == "rule"
    view.sort_by("cost")
    assert view.sort_column == "cost"


def test_without_known_costs_the_table_is_unchanged() -> None:
    findings = sample_report().findings
    view = FindingsView.of(findings)
    assert view.sort_column == "severity"
    assert "cost" not in view.column_keys
    with pytest.raises(ValueError, match="unknown column"):
        view.sort_by("cost")
    unknown = [replace(f, impact=Impact("unknown", note="never ran")) for f in findings]
    assert "cost" not in FindingsView.of(unknown).column_keys
    # A re-run that lost its costs goes back to severity.
    view = FindingsView.of(costed_findings())
    view.replace_findings(findings)
    assert view.sort_column == "severity" and "cost" not in view.column_keys
    view.next_sort()
    assert view.sort_column == "rule"


def _reference_key(finding: Finding, column: str) -> tuple[object, ...]:
    """Each column's order as a whole key with Finding.sort_key as the tie-break."""
    if column == "severity":
        return (-int(finding.severity), finding.sort_key)
    if column == "rule":
        return (finding.rule_id, finding.sort_key)
    if column == "object":
        return ((finding.object or "").lower(), finding.sort_key)
    if column == "message":
        return (finding.message.lower(), finding.sort_key)
    return (finding.sort_key,)


@pytest.mark.parametrize("column", ["severity", "rule", "object", "location", "message"])
@pytest.mark.parametrize("reverse", [False, True])
def test_every_sort_breaks_ties_by_file_line_column_and_rule(column: str, reverse: bool) -> None:
    # Shuffled, with many ties per column and findings without a location among them.
    findings = many_findings(2_000).findings[::-7] + many_findings(2_000).findings[1::3]
    findings += [Finding("RS-C01", Severity.HIGH, "skewed", None, object="s.t")] * 3
    view = FindingsView.of(findings)
    view.sort_column, view.reverse, view.sort_chosen = column, reverse, True
    expected = sorted(findings, key=lambda f: _reference_key(f, column), reverse=reverse)
    assert [row.finding for row in view.matching()] == expected


def test_a_cost_without_a_figure_is_named_in_one_word() -> None:
    estimate = Impact("estimated from the catalog", "redshift", note="the table's size is unknown")
    finding = replace(sample_report().findings[0], impact=estimate)
    assert Row.of(0, finding).cells[CELL["cost"]] == "estimated"
    measured = Impact("measured", "redshift", 4, 7.0, seconds_per_day=30.0)
    assert Row.of(0, replace(finding, impact=measured)).cells[CELL["cost"]] == "30.0 s/day"
