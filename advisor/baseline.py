"""Baselines: adopt the advisor on an existing code base and fail only on new findings.

A baseline file lists the fingerprints of the findings accepted so far. Fingerprints are built
from the rule, the path, the object, the normalised statement text and the message, never
from line numbers, so a baselined finding stays hidden when code above it changes. Matching
counts occurrences: if a file has the same finding twice and the baseline holds it once, one of
the two is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from advisor.files import InputError, read_text
from advisor.model import Finding, Report

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read or understood."""


@dataclass(frozen=True, slots=True)
class Baseline:
    fingerprints: Counter[str]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(f.fingerprint for f in findings))

    def __len__(self) -> int:
        return sum(self.fingerprints.values())


def to_data(findings: Iterable[Finding]) -> dict[str, Any]:
    """The file's content: fingerprints, with rule id and path so people can read the diff."""
    entries = [
        {
            "fingerprint": f.fingerprint,
            "rule_id": f.rule_id,
            "path": f.location.path if f.location else "",
        }
        for f in findings
    ]
    entries.sort(key=lambda e: (e["path"], e["rule_id"], e["fingerprint"]))
    return {"version": BASELINE_VERSION, "findings": entries}


def write(path: Path, findings: Iterable[Finding]) -> int:
    data = to_data(findings)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(data["findings"])


def load(path: Path) -> Baseline:
    try:
        data = json.loads(read_text(path))
    except InputError as err:
        raise BaselineError(f"cannot read baseline: {err}") from err
    except RecursionError:
        raise BaselineError(f"{path}: baseline is not valid JSON (nested too deeply)") from None
    except ValueError as err:  # invalid JSON, or an integer too long to convert
        raise BaselineError(f"{path}: baseline is not valid JSON: {err}") from err
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a version {BASELINE_VERSION} advisor baseline")
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f"{path}: `findings` must be a list of objects with a fingerprint")
    return Baseline(Counter(e["fingerprint"] for e in entries))


def apply(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """The report without the findings in the baseline, and how many were hidden."""
    budget = Counter(baseline.fingerprints)
    kept: list[Finding] = []
    for finding in report.sorted():
        if budget[finding.fingerprint] > 0:
            budget[finding.fingerprint] -= 1
        else:
            kept.append(finding)
    return replace(report, findings=kept), len(report.findings) - len(kept)
