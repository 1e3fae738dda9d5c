"""The JSON report: a documented, versioned schema (`advisor/report/schema.json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from advisor import __version__, validate
from advisor.errors import ResultFileError
from advisor.files import InputError, read_text
from advisor.model import (
    Evidence,
    EvidenceValue,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Impact,
    Limits,
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
        **({} if f.impact is None else {"impact": impact_data(f.impact)}),
    }


def impact_data(impact: Impact) -> dict[str, Any]:
    data: dict[str, Any] = {"confidence": impact.confidence}
    for name in (
        "system",
        "executions",
        "window_days",
        "seconds_per_day",
        "queue_seconds_per_day",
        "bytes_per_day",
        "dollars_per_day",
        "matched",
        "formula",
    ):
        data[name] = getattr(impact, name)
    data["inputs"] = dict(impact.inputs)
    if impact.note:
        data["note"] = impact.note
    if impact.table:
        data["table"] = impact.table
    return data


def render(report: Report) -> str:
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


class ReportDataError(ResultFileError, ValueError):
    """A saved result that is not an advisor JSON report this version can read."""


# The saved result's shape, as the typed walker (advisor.validate) checks it field by field.


@dataclass(frozen=True, slots=True)
class _Location:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class _Fix:
    title: str
    safety: FixSafety
    kind: FixKind
    content: str


@dataclass(frozen=True, slots=True)
class _Impact:
    confidence: str
    system: str = ""
    executions: int = 0
    window_days: float = 0.0
    seconds_per_day: float | None = None
    queue_seconds_per_day: float | None = None
    bytes_per_day: float | None = None
    dollars_per_day: float | None = None
    matched: str = ""
    formula: str = ""
    inputs: dict[str, EvidenceValue] | None = None
    note: str = ""
    table: str = ""


@dataclass(frozen=True, slots=True)
class _Finding:
    rule_id: str
    severity: str
    message: str
    location: _Location | None
    object: str | None
    evidence: dict[str, EvidenceValue]
    fix: _Fix | None
    fingerprint: str
    source: str
    impact: _Impact | None = None


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    family: str
    severity: str
    summary: str


@dataclass(frozen=True, slots=True)
class _Summary:
    files: int
    statements: int


@dataclass(frozen=True, slots=True)
class _Saved:
    summary: _Summary
    rules: dict[str, _Rule]
    findings: tuple[_Finding, ...]


MAX_RESULT_BYTES = 512 * 1024 * 1024


def load_result(path: Path) -> Report:
    """A result file saved by `lint --format json`; a ReportDataError names the file and the
    JSON path of the first field that is not as the schema says."""
    where = path.as_posix()
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            raise ReportDataError(f"{where}: larger than {MAX_RESULT_BYTES // 2**20} MB; not read")
        data = json.loads(read_text(path, Limits(max_file_bytes=MAX_RESULT_BYTES)))
    except OSError as err:
        raise ReportDataError(f"{where}: cannot read: {err.strerror}") from None
    except InputError as err:  # not a regular file, not UTF-8
        raise ReportDataError(str(err)) from None
    except RecursionError:
        raise ReportDataError(f"{where}: not JSON (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as err:
        raise ReportDataError(f"{where}: not JSON: {err}") from None
    try:
        return from_data(data)
    except ReportDataError as err:
        raise ReportDataError(f"{where}: {err}") from None


def merge_results(paths: list[Path]) -> Report:
    """One report of several saved results (the shards of one run): findings in report order,
    files and statements summed. A finding keeps the fingerprint it was saved with."""
    merged = Report()
    for path in paths:
        part = load_result(path)
        merged.findings.extend(part.findings)
        merged.files += part.files
        merged.statements += part.statements
        for rule_id, meta in part.rules.items():
            merged.rules.setdefault(rule_id, meta)
    merged.findings.sort(key=lambda f: f.sort_key)
    merged.rules_run = tuple(merged.rules)
    return merged


def from_data(data: Any) -> Report:
    """Rebuild a Report from `to_data` output (e.g. a result saved by `lint --format json`)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise ReportDataError("not an advisor JSON report (no `schema: advisor-report`)")
    version = data.get("version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        shown = repr(version)[:40] if isinstance(version, int | float | str | None) else "?"
        raise ReportDataError(f"unsupported report version {shown}")
    try:
        saved = validate.decode(_Saved, data)
        findings = [
            _finding_from(item, f"$.findings[{i}]") for i, item in enumerate(saved.findings)
        ]
        rules = {rid: _rule_from(rid, item) for rid, item in saved.rules.items()}
    except validate.InvalidData as err:
        raise ReportDataError(f"invalid report at {err.path}: {err.problem}") from None
    except RecursionError:
        raise ReportDataError("invalid report: nested too deeply") from None
    return Report(
        findings=findings,
        files=saved.summary.files,
        statements=saved.summary.statements,
        rules_run=tuple(rules),
        rules=rules,
        order="impact" if any(f.impact is not None for f in findings) else "location",
    )


def _severity(label: str, where: str) -> Severity:
    try:
        return Severity.parse(label)
    except (KeyError, ValueError):
        raise validate.InvalidData(where, f"unknown severity {label[:40]!r}") from None


def _finding_from(item: _Finding, where: str) -> Finding:
    loc = item.location
    fix = item.fix
    finding = Finding(
        rule_id=item.rule_id,
        severity=_severity(item.severity, f"{where}.severity"),
        message=item.message,
        location=None
        if loc is None
        else Location(loc.path, loc.line, loc.column, loc.end_line, loc.end_column),
        object=item.object,
        evidence=Evidence(tuple(item.evidence.items())),
        fix=None if fix is None else Fix(fix.title, fix.safety, fix.kind, fix.content),
        source=item.source,
        impact=None if item.impact is None else _impact_from(item.impact, f"{where}.impact"),
    )
    # The anchor text is not saved, so the saved fingerprint is the one to keep.
    return SavedFinding(
        **{f.name: getattr(finding, f.name) for f in fields(Finding)},
        saved_fingerprint=item.fingerprint,
    )


def _impact_from(item: _Impact, where: str) -> Impact:
    if item.confidence not in ("measured", "estimated", "unknown"):
        raise validate.InvalidData(
            f"{where}.confidence", f"unknown confidence {item.confidence[:40]!r}"
        )
    return Impact(
        confidence=item.confidence,
        system=item.system,
        executions=item.executions,
        window_days=item.window_days,
        seconds_per_day=item.seconds_per_day,
        queue_seconds_per_day=item.queue_seconds_per_day,
        bytes_per_day=item.bytes_per_day,
        dollars_per_day=item.dollars_per_day,
        matched=item.matched,
        formula=item.formula,
        inputs=tuple((item.inputs or {}).items()),
        note=item.note,
        table=item.table,
    )


@dataclass(frozen=True, slots=True)
class SavedFinding(Finding):
    """A finding read back from a saved report, keeping the fingerprint it was saved with."""

    saved_fingerprint: str = ""

    @property
    def fingerprint(self) -> str:
        return self.saved_fingerprint


def _rule_from(rule_id: str, item: _Rule) -> RuleMeta:
    family = item.family
    # The target kind is not saved; reports do not use it.
    target = TargetKind.DSL_REQUEST if family.startswith("opensearch") else TargetKind.SQL_STATEMENT
    return RuleMeta(
        id=rule_id,
        name=item.name,
        family=family,
        target=target,
        severity=_severity(item.severity, f"$.rules.{rule_id}.severity"),
        summary=item.summary,
    )
