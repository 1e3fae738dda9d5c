"""SARIF 2.1.0, the format GitHub code scanning (and most security dashboards) read.

Every rule that ran is described in `tool.driver.rules` with its documentation as help text.
Results carry a `partialFingerprints` entry built from Finding.fingerprint, which ignores line
numbers, so code scanning keeps an alert's identity when code moves above it.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from advisor import __version__
from advisor.model import Finding, Report, RuleMeta, Severity, SourceText, TargetKind
from advisor.report import RuleDocs, first_paragraph, logical

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "advisorFingerprint/v1"

LEVELS = {
    Severity.ERROR: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "warning",
    Severity.INFO: "note",
}


def render(report: Report, sources: dict[str, SourceText], *, docs: RuleDocs) -> str:
    return json.dumps(to_data(report, docs), indent=2, ensure_ascii=False) + "\n"


def to_data(report: Report, docs: RuleDocs) -> dict[str, Any]:
    metas = _rule_metas(report)
    index = {rule_id: i for i, rule_id in enumerate(metas)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "advisor",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(meta, docs.get(meta.id, "")) for meta in metas.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule_id], report) for f in report.sorted()],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule_metas(report: Report) -> dict[str, RuleMeta]:
    """Rules that ran plus any rule with a finding, by id; unknown ids get a stub description."""
    metas = dict(report.rules)
    for finding in report.findings:
        if finding.rule_id not in metas:
            metas[finding.rule_id] = RuleMeta(
                id=finding.rule_id,
                name=finding.rule_id.lower(),
                family="",
                target=TargetKind.SQL_STATEMENT,
                severity=finding.severity,
                summary=finding.rule_id,
            )
    return dict(sorted(metas.items()))


def _rule(meta: RuleMeta, doc: str) -> dict[str, Any]:
    summary = meta.summary.rstrip(".") + "."
    full = first_paragraph(doc) if doc else summary
    help_text = doc.strip() if doc else summary
    rule: dict[str, Any] = {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full or summary},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {
            "tags": [t for t in (meta.family, "performance") if t],
            "severity": meta.severity.label,
            "fixSafety": meta.fix_safety.value,
            "live": meta.live,
        },
    }
    return rule


def _result(finding: Finding, rule_index: int, report: Report) -> dict[str, Any]:
    text = finding.message
    if finding.fix is not None:
        text = f"{text}\nFix ({finding.fix.safety.value}): {finding.fix.title}"
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [_location(finding, report)],
    }
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    properties: dict[str, Any] = {"severity": finding.severity.label}
    if finding.object:
        properties["object"] = finding.object
    if finding.evidence:
        properties["evidence"] = finding.evidence.as_dict()
    if finding.fix is not None:
        properties["fix"] = {
            "title": finding.fix.title,
            "safety": finding.fix.safety.value,
            "kind": finding.fix.kind.value,
            "content": finding.fix.content,
        }
    if finding.impact is not None:
        from advisor.report.json_report import impact_data

        properties["impact"] = impact_data(finding.impact)
    result["properties"] = properties
    return result


def _location(finding: Finding, report: Report) -> dict[str, Any]:
    """A physical location for every result (code scanning rejects a result without one):
    the finding's file and span, or, for a live finding no file defines, its object's
    `system://` URI at line 1. A finding about an object also carries it as a logical
    location."""
    loc = finding.location
    if loc is not None:
        physical = {
            "artifactLocation": {"uri": artifact_uri(loc.path)},
            "region": {
                "startLine": loc.line,
                "startColumn": loc.column,
                "endLine": loc.end_line,
                # SARIF's end column is exclusive; ours is inclusive.
                "endColumn": loc.end_column + 1,
            },
        }
    else:
        physical = {
            "artifactLocation": {"uri": logical.object_uri(finding, report)},
            "region": {"startLine": 1},
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.object and (loc is None or finding.source != "static"):
        location["logicalLocations"] = [
            {
                "name": finding.object,
                "fullyQualifiedName": logical.object_uri(finding, report),
                "kind": "resource",
            }
        ]
    return location


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the checkout)."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)
