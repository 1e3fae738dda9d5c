"""Baselines: adopt the advisor on an existing code base and fail only on new findings.

A baseline file lists the fingerprints of the findings accepted so far. Fingerprints are built
from the rule, the path, the object, the normalised statement text and the message, never
from line numbers, so a baselined finding stays hidden when code above it changes. Matching
counts occurrences: if a file has the same finding twice and the baseline holds it once, one of
the two is new.

The file is written in one step (a failed write leaves the old one), read with every field
checked, and `change` tells what rewriting it from a run would add and remove, and which of
its entries belong to files the run did not lint (the CLI refuses to drop those unless told).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from advisor import atomic, validate
from advisor.errors import BaselineFileError
from advisor.files import InputError, read_text
from advisor.model import Finding, Report

BASELINE_VERSION = 1


class BaselineError(BaselineFileError, ValueError):
    """A baseline file that cannot be read or understood."""


@dataclass(frozen=True, slots=True)
class Baseline:
    fingerprints: Counter[str]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(f.fingerprint for f in findings))

    def __len__(self) -> int:
        return sum(self.fingerprints.values())


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding in the baseline file."""

    fingerprint: str
    rule_id: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class BaselineFile:
    """The baseline file as written: its version and entries."""

    version: int
    findings: tuple[Entry, ...]


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


def render(findings: Iterable[Finding]) -> str:
    """The text of the baseline file of these findings."""
    return json.dumps(to_data(findings), indent=2, ensure_ascii=False) + "\n"


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline in one step (a failed write leaves the old file intact)."""
    data = to_data(findings)
    atomic.write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(data["findings"])


def load_entries(path: Path) -> list[Entry]:
    """The entries of a baseline file, every field checked (a BaselineError names the JSON
    path of the first bad one)."""
    where = path.as_posix()
    try:
        data = json.loads(read_text(path))
    except OSError as err:
        raise BaselineError(f"{where}: cannot read baseline: {err.strerror}") from None
    except InputError as err:
        raise BaselineError(f"cannot read baseline: {err}") from None
    except RecursionError:
        raise BaselineError(f"{where}: baseline is not valid JSON (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as err:
        raise BaselineError(f"{where}: baseline is not valid JSON: {err}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{where}: not a version {BASELINE_VERSION} advisor baseline")
    try:
        return list(validate.decode(BaselineFile, data).findings)
    except validate.InvalidData as err:
        raise BaselineError(f"{where}: invalid baseline at {err.path}: {err.problem}") from None


def load(path: Path) -> Baseline:
    return Baseline(Counter(e.fingerprint for e in load_entries(path)))


@dataclass(frozen=True, slots=True)
class Change:
    """What rewriting a baseline from a run would do."""

    total: int
    added: int
    removed: int
    uncovered: frozenset[str]  # paths of old entries whose files the run did not lint
    uncovered_entries: int


def change(old: Iterable[Entry], findings: Iterable[Finding], roots: Iterable[Path]) -> Change:
    """Compare the old entries with the run's findings; an old entry is uncovered when its
    file was not linted by this run (not under the run's paths, or no longer a file)."""
    new = Counter(f.fingerprint for f in findings)
    old_entries = list(old)
    before = Counter(e.fingerprint for e in old_entries)
    resolved = [r.resolve() for r in roots]

    def covered(entry: Entry) -> bool:
        if not entry.path:
            return True  # a finding of the whole run, not of one file
        try:
            real = Path(entry.path).resolve()
            inside = any(real == r or real.is_relative_to(r) for r in resolved)
            return inside and real.is_file()
        except (OSError, RuntimeError, ValueError):
            return False

    missing = [e for e in old_entries if not covered(e)]
    return Change(
        total=sum(new.values()),
        added=sum((new - before).values()),
        removed=sum((before - new).values()),
        uncovered=frozenset(e.path for e in missing),
        uncovered_entries=len(missing),
    )


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
