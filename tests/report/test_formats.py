"""Behaviour of each report format beyond its golden file."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from advisor import __version__
from advisor.model import Evidence, Finding, Impact, Location, Report, Severity, SourceText
from advisor.report import FORMATS, Figure, RunInfo, fenced, github, gitlab, html, render, sarif
from advisor.report.json_report import from_data, to_data

from .report_sample import DOCS, DSL_PATH, SQL_PATH

SARIF_SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")


def _sarif(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report, "sarif", docs=DOCS))
    return data


def test_sarif_validates_against_the_oasis_schema(report: Report) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_sarif(report)), key=str)
    assert not errors, "\n".join(e.message for e in errors)


def test_sarif_describes_every_rule_that_ran(report: Report) -> None:
    driver = _sarif(report)["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(report.rules)
    assert "RS-Q02" in ids  # ran, found nothing
    select_star = driver["rules"][ids.index("RS-Q01")]
    assert select_star["help"]["markdown"] == DOCS["RS-Q01"]
    assert select_star["fullDescription"]["text"] == "Flags `SELECT *` over a stored table."
    assert select_star["shortDescription"]["text"].startswith("SELECT * reads every column")


def test_sarif_results_levels_regions_and_rule_index(report: Report) -> None:
    run = _sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["RS-Q14"] == "error"
    assert levels["RS-D02"] == "error"
    assert levels["OS-101"] == "warning"
    assert levels["RS-Q01"] == "warning"
    assert levels["OS-104"] == "note"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    d02 = next(r for r in run["results"] if r["ruleId"] == "RS-D02")
    region = d02["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 8, "startColumn": 1, "endLine": 12, "endColumn": 33}
    # A run-level finding has no file: code scanning still needs a location for it.
    run_level = next(r for r in run["results"] if r["ruleId"] == "AD-002")
    assert run_level["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "system://advisor"},
                "region": {"startLine": 1},
            }
        }
    ]


def test_sarif_fingerprints_survive_moved_lines(make_report: Callable[[int], Report]) -> None:
    def prints(report: Report) -> list[str]:
        results = _sarif(report)["runs"][0]["results"]
        return [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results]

    before, after = prints(make_report(0)), prints(make_report(7))
    assert before == after
    assert len(set(before)) == len(before)


def test_sarif_uri_of_absolute_and_spaced_paths() -> None:
    assert sarif.artifact_uri("dir/my file.sql") == "dir/my%20file.sql"
    assert sarif.artifact_uri("/srv/q.sql") == "file:///srv/q.sql"


def test_junit_one_suite_per_file_and_unique_case_names(report: Report) -> None:
    twin = replace(report.findings[0], message="another problem at the same place")
    report.findings.append(twin)
    root = ET.fromstring(render(report, "junit"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"system://advisor", DSL_PATH, SQL_PATH}
    assert suites[SQL_PATH].get("tests") == "4"
    names = [c.get("name") for c in root.iter("testcase")]
    assert len(names) == len(set(names)) == 7
    assert root.get("failures") == "7"


def test_junit_without_findings_is_one_passing_case() -> None:
    root = ET.fromstring(render(Report(files=3), "junit"))
    cases = list(root.iter("testcase"))
    assert len(cases) == 1
    assert not list(root.iter("failure"))


def test_junit_drops_characters_xml_cannot_hold(report: Report) -> None:
    report.findings[0] = replace(report.findings[0], message="bell \x07 here")
    ET.fromstring(render(report, "junit"))  # parses


def test_github_escaping() -> None:
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotation_properties(report: Report) -> None:
    lines = render(report, "github").splitlines()
    d02 = next(line for line in lines if "RS-D02" in line)
    assert d02.startswith(
        "::error file=warehouse/orders.sql,line=8,col=1,endLine=12,endColumn=32,"
        "title=RS-D02 interleaved-monotonic-sortkey::"
    )
    os104 = next(line for line in lines if "OS-104" in line)
    assert "100%25 of hits" in os104
    assert "%0Ause search_after" in os104


def _many(level_counts: dict[Severity, int]) -> Report:
    findings = [
        Finding(
            "RS-Q01",
            severity,
            f"problem {i}",
            Location("q.sql", i + 1, 1, i + 1, 5),
        )
        for severity, n in level_counts.items()
        for i in range(n)
    ]
    return Report(findings=findings, files=1)


def test_github_respects_the_ten_per_level_cap() -> None:
    report = _many({Severity.ERROR: 25, Severity.LOW: 3, Severity.INFO: 12})
    lines = render(report, "github").splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert sum(line.startswith("::error ") for line in commands) == 10
    assert sum(line.startswith("::warning ") for line in commands) == 3
    notices = [line for line in commands if line.startswith("::notice ")]
    assert len(notices) == 10  # 9 findings and the line about the rest
    assert notices[-1].endswith(
        "18 more findings not annotated (15 errors, 3 notices); the job summary lists every finding"
    )


def test_github_no_overflow_notice_under_the_cap() -> None:
    out = render(_many({Severity.ERROR: 10, Severity.INFO: 10}), "github")
    assert "not annotated" not in out


def test_github_step_summary_holds_every_finding(tmp_path: Path) -> None:
    report = _many({Severity.ERROR: 25})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    assert github.write_step_summary(report, {}, {"GITHUB_STEP_SUMMARY": str(summary)}) == summary
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## advisor: 25 findings")
    # One collapsed group for the rule, one line per finding in it.
    assert text.count("<b>RS-Q01</b>") == 1
    assert text.count("- `q.sql` line ") == 25
    assert github.write_step_summary(report, {}, {}) is None


def test_gitlab_code_quality_fields(report: Report) -> None:
    issues = json.loads(render(report, "gitlab"))
    assert {i["severity"] for i in issues} == {"info", "minor", "major", "critical", "blocker"}
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["location"]["lines"]["begin"] >= 1
        assert isinstance(issue["location"]["path"], str)


def test_gitlab_fingerprints_are_unique_for_repeated_findings(report: Report) -> None:
    first = report.findings[0]
    assert first.location is not None
    moved = replace(first, location=replace(first.location, line=40, end_line=40))
    assert moved.fingerprint == first.fingerprint
    report.findings.append(moved)
    prints = [i["fingerprint"] for i in json.loads(render(report, "gitlab"))]
    assert len(prints) == len(set(prints)) == 7
    assert first.fingerprint in prints


def test_markdown_counts_then_rules_with_fenced_fixes(report: Report) -> None:
    out = render(report, "markdown")
    # Grouped by rule (most severe first), each rule collapsed; the files are on each line.
    assert out.index("| 🛑 error | 1 |") < out.index("<b>RS-Q14</b>") < out.index("<b>RS-D02</b>")
    assert f"- `{SQL_PATH}` line 2, column 8: " in out
    assert "```sql\n  SELECT order_id, total FROM sales.orders" in out
    assert '```json\n  {"query"' in out
    assert "<script>alert" not in out


def test_fenced_outlasts_backticks_in_content() -> None:
    assert fenced("a ``` b", "sql") == "````sql\na ``` b\n````"


def test_html_escapes_every_user_string(report: Report, sources: dict[str, SourceText]) -> None:
    out = render(report, "html", sources)
    # The page's own script is the only one; every user string is escaped.
    assert out.count("<script") == 1 and f"<script>{html.SCRIPT}</script>" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # from the SQL text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)" in out  # from the message


def test_html_is_self_contained(report: Report, sources: dict[str, SourceText]) -> None:
    out = render(report, "html", sources, docs=DOCS)
    for needle in ("<script src", "@import", "url(", "src=", "<img", "<iframe"):
        assert needle not in out
    # Links stay inside the page (the icon is an empty data URL, so there is no fetch for it).
    links = re.findall(r'href="([^"]*)"', out)
    assert links and all(link.startswith("#") or link == "data:," for link in links), links
    # The browser is told so too: nothing from the network, only the page's own script.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out)
    assert policy is not None and "default-src 'none'" in policy.group(1)
    digest = base64.b64encode(hashlib.sha256(html.SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy.group(1)
    # A bare URL in a rule's documentation stays text (no link that would leave the page).
    assert "https://docs.aws.amazon.com/" in out
    assert out.count('class="chart"') == 2


def test_html_live_figures_hook(report: Report) -> None:
    assert "Live figures" not in html.render(report, {}, docs={})
    figure = Figure("Shard sizes <b>", (("products[0]", 61.5, "GB"), ("products[1]", 12.0, "GB")))
    out = html.render(report, {}, docs={}, figures=[figure])
    assert "Live figures" in out
    assert "Shard sizes &lt;b&gt;" in out
    assert "61.5 GB" in out
    assert out.count('class="chart"') == 3


def test_html_shows_what_ran(report: Report) -> None:
    run = RunInfo(
        generated="2026-01-02T03:04:05Z",
        version="9.9.9",
        command="advisor lint --format html warehouse <x>",
        config="pyproject.toml",
        sources=("warehouse", "postgres"),
    )
    out = html.render(report, {}, docs={}, run=run)
    for needle in (
        "2026-01-02T03:04:05Z",
        "9.9.9",
        "advisor lint --format html warehouse &lt;x&gt;",
        "pyproject.toml",
        "warehouse, postgres",
    ):
        assert needle in out
    # Without it (a golden file, the TUI's export) the page still names the version.
    assert f"<dd>{__version__}</dd>" in html.render(report, {}, docs={})


def test_html_collapses_findings_by_rule_with_counts_and_docs(
    report: Report, sources: dict[str, SourceText]
) -> None:
    out = render(report, "html", sources, docs=DOCS)
    counts = Counter(f.rule_id for f in report.findings)
    for rule_id, n in counts.items():
        noun = "finding" if n == 1 else "findings"
        block = re.search(
            rf'<details class="rule" id="rule-{re.escape(rule_id)}">.*?</summary>', out, re.S
        )
        assert block is not None, rule_id
        assert f"{n} {noun}" in block.group(0)
        # Each table row links to its rule's block, which carries the rule's documentation.
        assert f'href="#rule-{rule_id}"' in out
    assert "<summary>Documentation of RS-Q01</summary>" in out
    assert "<h2>What it does</h2>" in out and "<code>SELECT *</code>" in out


def test_html_evidence_and_markdown_render_as_values() -> None:
    finding = Finding(
        "RS-Q01",
        Severity.LOW,
        "`*` reads every column of <b>sales.orders</b>",
        Location("a.sql", 1, 1, 1, 5),
        evidence=Evidence.of(missing=None, flag=True, rows=1234567, ratio=0.25, size=12.0),
    )
    out = html.render(Report(findings=[finding]), {}, docs={})
    assert "None" not in out and "True" not in out
    assert '<td>missing</td><td><span class="none" title="no value">—</span></td>' in out
    assert "<td>flag</td><td>yes</td>" in out
    assert "<td>rows</td><td>1,234,567</td>" in out
    assert "<td>ratio</td><td>0.25</td>" in out and "<td>size</td><td>12</td>" in out
    # The same message renders the same way in the table and in the finding: code as code,
    # HTML as text.
    shown = "<code>*</code> reads every column of &lt;b&gt;sales.orders&lt;/b&gt;"
    assert out.count(shown) == 2


def test_json_round_trip_keeps_fingerprints(report: Report) -> None:
    data = to_data(report)
    again = from_data(json.loads(json.dumps(data)))
    assert to_data(again) == data
    assert [f.fingerprint for f in again.sorted()] == [f.fingerprint for f in report.sorted()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    assert render(Report(), fmt)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(Report(), "yaml")


def test_gitlab_module_maps_all_severities() -> None:
    assert set(gitlab.SEVERITIES) == set(Severity)


def test_live_findings_name_their_object_where_text_and_concise_put_the_place() -> None:
    live = Finding("RS-C01", Severity.HIGH, "skewed", None, object="sales.orders")
    note = Finding("AD-002", Severity.INFO, "no cluster section", None)
    report = Report(findings=[live, note])
    text = render(report, "text")
    concise = render(report, "concise")
    assert "system://redshift/sales.orders: RS-C01 [high] skewed" in text
    assert "system://redshift/sales.orders: RS-C01 skewed" in concise
    # A note about the run itself has no object: it stays the run's.
    assert "<run>: AD-002" in text and "<run>: AD-002" in concise
    assert "<run>: RS-C01" not in text + concise


def test_html_top_by_cost_names_the_full_place_of_each_finding() -> None:
    cost = Impact(confidence="measured", system="redshift", executions=3, seconds_per_day=9.0)
    live = Finding("RS-C01", Severity.HIGH, "skewed", None, object="sales.orders", impact=cost)
    static = Finding(
        "RS-Q01",
        Severity.MEDIUM,
        "select star",
        Location("q/report.sql", 7, 3, 7, 9),
        object="sales.clicks",
        impact=replace(cost, seconds_per_day=4.0),
    )
    out = render(Report(findings=[live, static]), "html")
    top = out[out.index("by cost</h2>") : out.index("</section>", out.index("by cost</h2>"))]
    assert "<td>system://redshift/sales.orders</td>" in top
    assert "<td>q/report.sql:7:3</td>" in top
    # The findings table and the finding itself name the live object's place the same way.
    assert 'data-location="system://redshift/sales.orders"' in out
    assert '<span class="where">system://redshift/sales.orders</span>' in out
    markdown = render(Report(findings=[live, static]), "markdown")
    assert "| `system://redshift/sales.orders` |" in markdown
    assert "| `q/report.sql:7` |" in markdown
