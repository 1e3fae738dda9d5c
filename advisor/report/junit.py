"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One test suite per file and one failing test case per finding. Test case names are unique
within the report (GitLab drops test cases whose names repeat), so two findings of one rule on
one line get a numbered suffix. A run with no findings is one passing test case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from advisor.model import Finding, Report, SourceText
from advisor.report import RuleDocs, by_file, logical

# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report, sources: dict[str, SourceText], *, docs: RuleDocs) -> str:
    total = len(report.findings)
    root = ET.Element(
        "testsuites",
        name="advisor",
        tests=str(max(total, 1)),
        failures=str(total),
        errors="0",
        skipped="0",
    )
    groups = _by_place(report)
    if not groups:
        suite = _suite(root, "advisor", tests=1, failures=0)
        ET.SubElement(suite, "testcase", name="advisor lint", classname="advisor")
    seen: set[str] = set()
    for path, findings in groups.items():
        name = path
        suite = _suite(root, name, tests=len(findings), failures=len(findings))
        for finding in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_unique(_case_name(finding, report), seen),
                classname=_clean(name),
            )
            if finding.location is not None:
                case.set("file", _clean(finding.location.path))
                case.set("line", str(finding.location.line))
            failure = ET.SubElement(
                case,
                "failure",
                message=_clean(finding.message),
                type=f"{finding.rule_id} ({finding.severity.label})",
            )
            failure.text = _clean(_details(finding))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(root: ET.Element, name: str, *, tests: int, failures: int) -> ET.Element:
    return ET.SubElement(
        root,
        "testsuite",
        name=_clean(name),
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped="0",
    )


def _by_place(report: Report) -> dict[str, list[Finding]]:
    """Findings by file; findings with no file by their system (`system://redshift`), so that
    a live finding's suite and test case name where it is."""
    groups: dict[str, list[Finding]] = {}
    for path, findings in by_file(report).items():
        for finding in findings:
            key = path or logical.SCHEME + logical.system_of(finding, report)
            groups.setdefault(key, []).append(finding)
    return dict(sorted(groups.items()))


def _case_name(finding: Finding, report: Report) -> str:
    meta = report.rules.get(finding.rule_id)
    rule = f"{finding.rule_id} {meta.name}" if meta else finding.rule_id
    loc = finding.location
    where = f"{loc.path}:{loc.line}:{loc.column}" if loc else logical.object_uri(finding, report)
    return _clean(f"{rule} at {where}")


def _unique(name: str, seen: set[str]) -> str:
    candidate, n = name, 1
    while candidate in seen:
        n += 1
        candidate = f"{name} ({n})"
    seen.add(candidate)
    return candidate


def _details(finding: Finding) -> str:
    lines = [f"{finding.rule_id} [{finding.severity.label}] {finding.message}"]
    if finding.location is not None:
        lines.append(f"at {finding.location}")
    if finding.object:
        lines.append(f"object: {finding.object}")
    lines.extend(f"{key}: {value}" for key, value in finding.evidence.items)
    if finding.fix is not None:
        lines.append(f"fix ({finding.fix.safety.value}): {finding.fix.title}")
        if finding.fix.content:
            lines.append(finding.fix.content)
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)
