"""The HTML report in a real browser (headless Chromium): it loads with no console message at
all (no error, no Content-Security-Policy refusal, no uncaught exception), and its findings
table sorts and filters.

A harness page holds the report in a frame, clicks its column headings and types into its
filter the way a reader does, and writes what the table showed after each step into its own
DOM, which `--dump-dom` prints. The test skips, saying why, where no Chromium is installed
(.ci/run installs Debian's `chromium` package when it can).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from advisor.model import Finding, Impact, Report, Severity, SourceText
from advisor.report import render

from . import browser
from .report_sample import DOCS

BINARY = browser.find()
pytestmark = pytest.mark.skipif(
    BINARY is None,
    reason="no Chromium binary found (looked for ADVISOR_CHROMIUM, then "
    + ", ".join(browser.NAMES)
    + " on PATH); install Debian's chromium package to run the browser tests",
)

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title></head><body>
<pre id="result">not run</pre>
<iframe id="report" src="report.html" width="1200" height="800"></iframe>
<script>
document.getElementById("report").addEventListener("load", function () {
  var out = {};
  try {
    var doc = this.contentDocument;
    var table = doc.getElementById("findings-table");
    function visible(attr) {
      return Array.prototype.filter.call(table.tBodies[0].rows, function (r) {
        return !r.hidden;
      }).map(function (r) { return r.getAttribute("data-" + attr); });
    }
    function heading(key) { return table.querySelector('th[data-key="' + key + '"]'); }
    function click(key) { heading(key).querySelector("button").click(); }
    function arrow(key) {
      var th = heading(key);
      return [th.getAttribute("aria-sort"), th.querySelector(".arrow").textContent.trim()];
    }
    out.initial = visible("severity");
    out.initialArrow = arrow("severity");
    click("rule");
    out.ruleUp = visible("rule");
    out.ruleUpArrow = arrow("rule");
    out.severityArrowAfter = arrow("severity");
    click("rule");
    out.ruleDown = visible("rule");
    out.ruleDownArrow = arrow("rule");
    click("location");
    out.locationUp = visible("location");
    var filter = doc.getElementById("filter");
    filter.value = "RS-Q";
    filter.dispatchEvent(new Event("input"));
    out.filtered = visible("rule");
    out.shown = doc.getElementById("shown").textContent;
    filter.value = "orders  rs-q14";
    filter.dispatchEvent(new Event("input"));
    out.twoWords = visible("rule");
    filter.value = "";
    filter.dispatchEvent(new Event("input"));
    var floor = doc.getElementById("min-severity");
    floor.value = "3";
    floor.dispatchEvent(new Event("change"));
    out.high = visible("severity");
    out.shownHigh = doc.getElementById("shown").textContent;
    floor.value = "0";
    floor.dispatchEvent(new Event("change"));
    out.all = visible("rule").length;
    out.topRows = doc.querySelectorAll("section.cost tr").length;
  } catch (e) {
    out.error = String(e);
  }
  document.getElementById("result").textContent = JSON.stringify(out);
});
</script></body></html>
"""


def _report() -> Report:
    from .report_sample import build_report

    report = build_report()
    cost = Impact(confidence="measured", system="redshift", executions=12, seconds_per_day=40.0)
    report.findings.append(
        Finding("RS-C01", Severity.HIGH, "skewed", None, object="sales.orders", impact=cost)
    )
    return report


def _write(tmp_path: Path, sources: dict[str, SourceText]) -> tuple[Report, Path]:
    report = _report()
    page = tmp_path / "report.html"
    page.write_text(render(report, "html", sources, docs=DOCS), encoding="utf-8")
    return report, page


def _run(
    tmp_path: Path, sources: dict[str, SourceText]
) -> tuple[Report, dict[str, Any], list[str]]:
    assert BINARY is not None
    report, _ = _write(tmp_path, sources)
    harness = tmp_path / "harness.html"
    harness.write_text(HARNESS, encoding="utf-8")
    loaded = browser.load(BINARY, harness, tmp_path / "profile", "--allow-file-access-from-files")
    match = re.search(r'<pre id="result">(.*?)</pre>', loaded.dom, re.S)
    assert match, f"no result in the harness's DOM:\n{loaded.dom[:2000]}"
    return report, json.loads(html.unescape(match[1])), loaded.console


@pytest.fixture(scope="module")
def outcome(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Report, dict[str, Any], list[str]]:
    from .report_sample import build_sources

    return _run(tmp_path_factory.mktemp("browser"), build_sources())


def test_the_report_loads_with_no_console_message(
    outcome: tuple[Report, dict[str, Any], list[str]],
) -> None:
    _, result, console = outcome
    assert "error" not in result, result.get("error")
    assert console == []


def test_the_table_opens_sorted_most_severe_first(
    outcome: tuple[Report, dict[str, Any], list[str]],
) -> None:
    report, result, _ = outcome
    severities = [int(s) for s in result["initial"]]
    assert len(severities) == len(report.findings)
    assert severities == sorted(severities, reverse=True)
    assert result["initialArrow"] == ["descending", "\u25bc"]
    assert result["topRows"] == 2  # the heading and the one finding with a known cost


def test_a_heading_sorts_ascending_then_descending_with_one_meaning_of_the_arrow(
    outcome: tuple[Report, dict[str, Any], list[str]],
) -> None:
    report, result, _ = outcome
    rules = sorted(f.rule_id.lower() for f in report.findings)
    assert [r.lower() for r in result["ruleUp"]] == rules
    assert result["ruleUpArrow"] == ["ascending", "\u25b2"]
    assert result["severityArrowAfter"] == [None, ""]
    assert [r.lower() for r in result["ruleDown"]] == rules[::-1]
    assert result["ruleDownArrow"] == ["descending", "\u25bc"]
    places = [p.lower() for p in result["locationUp"]]
    assert places == sorted(places)
    assert "system://redshift/sales.orders" in places


def test_the_filter_and_the_minimum_severity_hide_rows(
    outcome: tuple[Report, dict[str, Any], list[str]],
) -> None:
    report, result, _ = outcome
    total = len(report.findings)
    assert sorted(result["filtered"]) == ["RS-Q01", "RS-Q14"]
    assert result["shown"] == f"showing 2 of {total}"
    assert result["twoWords"] == ["RS-Q14"]
    high = [f for f in report.findings if f.severity >= Severity.HIGH]
    assert sorted(int(s) for s in result["high"]) == sorted(int(f.severity) for f in high)
    assert result["shownHigh"] == f"showing {len(high)} of {total}"
    assert result["all"] == total


def test_a_script_error_in_the_page_would_be_seen(tmp_path: Path) -> None:
    """The console capture works: a page whose script throws shows up in it."""
    assert BINARY is not None
    page = tmp_path / "broken.html"
    page.write_text("<script>undefinedFunction();</script>", encoding="utf-8")
    loaded = browser.load(BINARY, page, tmp_path / "profile")
    assert any("undefinedFunction" in line for line in loaded.console), loaded.stderr[-2000:]


def test_a_screenshot_of_the_report(
    tmp_path: Path,
) -> None:
    from .report_sample import build_sources

    assert BINARY is not None
    _, page = _write(tmp_path, build_sources())
    shot = tmp_path / "report.png"
    browser.screenshot(BINARY, page, shot, tmp_path / "profile")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
