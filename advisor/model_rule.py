"""Rules as the engine sees them (metadata, option specs, input limits) and the report of a
run: its findings plus what was read and how long it took."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.model_finding import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    Location,
    Severity,
    TargetKind,
    cost_order,
)


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """The type and range of one rule option, checked when a configuration sets it.

    `kind` is one of bool, int, float, str or list (of `item` values). Numbers are finite;
    `minimum`/`maximum` bound them (inclusive unless `above` is set, which makes the minimum
    exclusive). `choices` limits a string; `pattern` marks a string that must be a regex.
    """

    kind: type
    minimum: float | None = 0
    maximum: float | None = None
    above: bool = False
    choices: tuple[str, ...] = ()
    item: type = str
    pattern: bool = False
    doc: str = ""

    @classmethod
    def infer(cls, default: Any) -> OptionSpec:
        """The spec of an option declared only by its default value."""
        if isinstance(default, bool):
            return cls(bool, None)
        if isinstance(default, int):
            return cls(int)
        if isinstance(default, float):
            return cls(float)
        if isinstance(default, list | tuple):
            item = type(default[0]) if default else str
            return cls(list, None, item=item)
        return cls(str, None)

    def describe(self) -> str:
        """What a valid value is, as a config error or `advisor rule` prints it."""
        if self.kind is bool:
            return "true or false"
        if self.kind is str:
            if self.choices:
                return "one of " + ", ".join(repr(c) for c in self.choices)
            return "a regular expression" if self.pattern else "a string"
        if self.kind is list:
            return f"a list of {_KIND_NAMES.get(self.item, self.item.__name__)}s"
        noun = "an integer" if self.kind is int else "a number"
        bounds = []
        if self.minimum is not None:
            bounds.append(f"{'>' if self.above else '≥'} {_number(self.minimum)}")
        if self.maximum is not None:
            bounds.append(f"≤ {_number(self.maximum)}")
        return f"{noun} {' and '.join(bounds)}" if bounds else noun


_KIND_NAMES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the work spent on one input. An input past one gets one finding that names
    the limit and the configuration key that raises it; the run goes on."""

    max_file_bytes: int = 10_000_000
    max_statement_bytes: int = 1_000_000
    max_statements: int = 5_000
    max_json_depth: int = 50_000
    max_dsl_clauses: int = 200_000
    max_finding_chars: int = 20_000

    @staticmethod
    def hint(key: str) -> str:
        return f"raise `{key}` in the configuration to read it"


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Everything about a rule except its check: one frozen object per rule module."""

    id: str
    name: str
    family: str
    target: TargetKind
    severity: Severity
    summary: str
    fix_safety: FixSafety = FixSafety.ADVISORY
    live: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    # Type and range of options whose default alone does not say it (a ratio at most 1, a
    # count that must be positive, a string from a fixed set); others are inferred.
    option_specs: Mapping[str, OptionSpec] = field(default_factory=dict)
    # False for rules too noisy to run unless a project asks for them by id in `select`.
    default_on: bool = True
    # Rules that say the same thing more precisely: when one of them fires on the same object
    # in the same statement, this rule's finding is dropped.
    superseded_by: tuple[str, ...] = ()

    def option_spec(self, name: str) -> OptionSpec:
        declared = self.option_specs.get(name)
        return declared if declared is not None else OptionSpec.infer(self.options[name])

    def finding(
        self,
        message: str,
        location: Location | None,
        *,
        object: str | None = None,
        evidence: Evidence | None = None,
        fix: Fix | None = None,
        anchor: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule_id=self.id,
            severity=self.severity if severity is None else severity,
            message=message,
            location=location,
            object=object,
            evidence=evidence or Evidence(),
            fix=fix,
            anchor=anchor,
            source="live" if self.live else "static",
        )


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Input that could not be read, reported as a finding rather than a crash."""

    path: str
    message: str
    location: Location | None = None
    # True when the bytes were read but are not text (binary, not UTF-8).
    decoding: bool = False


@dataclass(slots=True)
class Report:
    """The result of one run: findings plus what was read and how long it took."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    statements: int = 0
    # What `statements` counts, as a singular noun: "plan" for a run over saved EXPLAIN plans.
    unit: str = "statement"
    timings: dict[str, float] = field(default_factory=dict)
    rules_run: tuple[str, ...] = ()
    # Metadata of every rule that ran or produced a finding, for reports that describe rules.
    rules: dict[str, RuleMeta] = field(default_factory=dict)

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    # "impact": findings with a known cost first, costliest first (advisor.impact sets it).
    order: str = "location"

    def sorted(self) -> list[Finding]:
        by_place = sorted(self.findings, key=lambda f: f.sort_key)
        if self.order != "impact":
            return by_place
        return sorted(by_place, key=cost_order)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the engine sees it: metadata, documentation and the check function."""

    meta: RuleMeta
    doc: str
    check: Any  # a callable taking (target, context) and yielding findings

    @property
    def id(self) -> str:
        return self.meta.id
