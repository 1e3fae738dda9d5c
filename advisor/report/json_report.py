"""The JSON report: a documented, versioned schema (`advisor/report/schema.json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from advisor import __version__
from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Location,
    Report,
    RuleMeta,
    Severity,
    TargetKind,
)

SCHEMA_NAME = "advisor-report"
SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("schema.json")


def to_data(report: Report) -> dict[str, Any]:
    counts = report.counts()
    used = sorted({f.rule_id for f in report.findings})
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "tool": {"name": "advisor", "version": __version__},
        "summary": {
            "files": report.files,
            "statements": report.statements,
            "findings": len(report.findings),
            "by_severity": {s.label: counts[s] for s in reversed(Severity)},
        },
        "rules": {
            rid: {
                "name": m.name,
                "family": m.family,
                "severity": m.severity.label,
                "summary": m.summary,
            }
            for rid in used
            if (m := report.rules.get(rid)) is not None
        },
        "findings": [finding_data(f) for f in report.sorted()],
    }


def finding_data(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.label,
        "message": f.message,
        "location": None
        if loc is None
        else {
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
        },
        "object": f.object,
        "evidence": f.evidence.as_dict(),
        "fix": None
        if f.fix is None
        else {
            "title": f.fix.title,
            "safety": f.fix.safety.value,
            "kind": f.fix.kind.value,
            "content": f.fix.content,
        },
        "fingerprint": f.fingerprint,
        "source": f.source,
    }


def render(report: Report) -> str:
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


class ReportDataError(ValueError):
    """A saved result that is not an advisor JSON report this version can read."""


def from_data(data: Any) -> Report:
    """Rebuild a Report from `to_data` output (e.g. a result saved by `lint --format json`)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise ReportDataError("not an advisor JSON report (no `schema: advisor-report`)")
    if data.get("version") != SCHEMA_VERSION:
        raise ReportDataError(f"unsupported report version {data.get('version')!r}")
    try:
        summary = data["summary"]
        findings = [_finding_from(item) for item in data["findings"]]
        rules = {rid: _rule_from(rid, item) for rid, item in data["rules"].items()}
        return Report(
            findings=findings,
            files=int(summary["files"]),
            statements=int(summary["statements"]),
            rules_run=tuple(rules),
            rules=rules,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ReportDataError(f"malformed report: {type(err).__name__}: {err}") from err


def _finding_from(item: dict[str, Any]) -> Finding:
    loc = item["location"]
    fix = item["fix"]
    finding = Finding(
        rule_id=item["rule_id"],
        severity=Severity.parse(item["severity"]),
        message=item["message"],
        location=None
        if loc is None
        else Location(loc["path"], loc["line"], loc["column"], loc["end_line"], loc["end_column"]),
        object=item["object"],
        evidence=Evidence(tuple(item["evidence"].items())),
        fix=None
        if fix is None
        else Fix(fix["title"], FixSafety(fix["safety"]), FixKind(fix["kind"]), fix["content"]),
        source=item["source"],
    )
    # The anchor text is not saved, so the saved fingerprint is the one to keep.
    return SavedFinding(
        **{f.name: getattr(finding, f.name) for f in fields(Finding)},
        saved_fingerprint=item["fingerprint"],
    )


@dataclass(frozen=True, slots=True)
class SavedFinding(Finding):
    """A finding read back from a saved report, keeping the fingerprint it was saved with."""

    saved_fingerprint: str = ""

    @property
    def fingerprint(self) -> str:
        return self.saved_fingerprint


def _rule_from(rule_id: str, item: dict[str, Any]) -> RuleMeta:
    family = str(item["family"])
    # The target kind is not saved; reports do not use it.
    target = TargetKind.DSL_REQUEST if family.startswith("opensearch") else TargetKind.SQL_STATEMENT
    return RuleMeta(
        id=rule_id,
        name=item["name"],
        family=family,
        target=target,
        severity=Severity.parse(item["severity"]),
        summary=item["summary"],
    )
