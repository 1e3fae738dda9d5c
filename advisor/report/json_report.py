"""The JSON report: a documented, versioned schema (`advisor/report/schema.json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from advisor import __version__
from advisor.model import Finding, Report, Severity

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
