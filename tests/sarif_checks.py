"""Checks of a SARIF log: the OASIS 2.1.0 schema, and what GitHub code scanning documents it
needs to ingest a result (its "SARIF support for code scanning" page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = Path(__file__).parent / "report" / "sarif-schema-2.1.0.json"


def schema_errors(log: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log))


def github_problems(log: dict[str, Any]) -> list[str]:
    """Each way the log breaks one of code scanning's documented requirements."""
    problems: list[str] = []
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list):
        return [*problems, "no runs array"]
    for r, run in enumerate(runs):
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problems.append(f"run {r}: tool.driver.name is missing")
        ids = [rule.get("id") for rule in driver.get("rules", [])]
        if len(ids) != len(set(ids)):
            problems.append(f"run {r}: rule ids repeat")
        results = run.get("results", [])
        if len(results) > 25_000:
            problems.append(f"run {r}: over 25,000 results")
        for i, result in enumerate(results):
            where = f"run {r} result {i} ({result.get('ruleId')})"
            if not result.get("ruleId"):
                problems.append(f"{where}: no ruleId")
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: no message.text")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{where}: no location (code scanning needs at least one)")
            if len(locations) > 1_000:
                problems.append(f"{where}: over 1,000 locations")
            for location in locations:
                physical = location.get("physicalLocation") or {}
                uri = physical.get("artifactLocation", {}).get("uri")
                if not isinstance(uri, str) or not uri:
                    problems.append(f"{where}: physicalLocation.artifactLocation.uri is empty")
                line = physical.get("region", {}).get("startLine")
                if not isinstance(line, int) or line < 1:
                    problems.append(f"{where}: region.startLine is missing")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints (alerts would repeat)")
    return problems


def check(log: dict[str, Any]) -> None:
    errors = schema_errors(log)
    assert not errors, "\n".join(errors[:20])
    problems = github_problems(log)
    assert not problems, "\n".join(problems[:20])
