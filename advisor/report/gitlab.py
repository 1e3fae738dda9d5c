"""GitLab Code Quality JSON (the `codequality` report artifact of a CI job).

GitLab identifies an issue by its fingerprint and collapses issues that share one, so findings
that would share a fingerprint (the same statement twice in a file) get a numbered variant.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from advisor.model import Finding, Report, Severity, SourceText
from advisor.report import RuleDocs, fence_language, fenced, logical

SEVERITIES = {
    Severity.INFO: "info",
    Severity.LOW: "minor",
    Severity.MEDIUM: "major",
    Severity.HIGH: "critical",
    Severity.ERROR: "blocker",
}


def render(report: Report, sources: dict[str, SourceText], *, docs: RuleDocs) -> str:
    seen: set[str] = set()
    issues = [_issue(f, report, _unique(f.fingerprint, seen)) for f in report.sorted()]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _unique(fingerprint: str, seen: set[str]) -> str:
    candidate, n = fingerprint, 1
    while candidate in seen:
        n += 1
        candidate = hashlib.sha256(f"{fingerprint}#{n}".encode()).hexdigest()[:24]
    seen.add(candidate)
    return candidate


def _issue(finding: Finding, report: Report, fingerprint: str) -> dict[str, Any]:
    loc = finding.location
    meta = report.rules.get(finding.rule_id)
    issue: dict[str, Any] = {
        "type": "issue",
        "engine_name": "advisor",
        "check_name": f"{finding.rule_id} {meta.name}" if meta else finding.rule_id,
        "description": finding.message,
        "categories": ["Performance"],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            # GitLab needs a path for every issue: a live finding no file defines is placed at
            # its object (`system://redshift/schema.table`).
            "path": logical.place(finding, report),
            "lines": {"begin": loc.line if loc else 1, "end": loc.end_line if loc else 1},
        },
    }
    if finding.fix is not None:
        fix = finding.fix
        body = f"Fix ({fix.safety.value}): {fix.title}"
        if fix.content:
            body += "\n\n" + fenced(fix.content, fence_language(fix.kind))
        issue["content"] = {"body": body}
    return issue
