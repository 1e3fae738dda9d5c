"""Plain data shared by every part of the advisor.

Nothing here imports from the rest of the project: parsers, connectors, rules, the engine and the
reports all speak in these types. Everything is immutable so findings can be hashed, cached and
compared across runs.

The types live in one module per subject, and every part of the advisor imports them from here:

- `advisor.model_finding`: Finding, Severity, Location, Evidence, Fix, TextEdit, Impact;
- `advisor.model_rule`: RuleMeta, OptionSpec, Limits, Rule, Report, ParseProblem;
- `advisor.model_source`: SourceText, Segment, SqlStatement, Suppression;
- `advisor.model_catalog`: Catalog, TableInfo, ColumnInfo.
"""

from __future__ import annotations

from advisor.model_catalog import Catalog, ColumnInfo, TableInfo
from advisor.model_finding import (
    CATALOG_ESTIMATE,
    CONFIDENCES,
    Evidence,
    EvidenceValue,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Impact,
    Location,
    Severity,
    TargetKind,
    TextEdit,
    cost_order,
)
from advisor.model_rule import Limits, OptionSpec, ParseProblem, Report, Rule, RuleMeta
from advisor.model_source import Segment, SourceText, SqlStatement, Suppression

__all__ = [
    "CATALOG_ESTIMATE",
    "CONFIDENCES",
    "Catalog",
    "ColumnInfo",
    "Evidence",
    "EvidenceValue",
    "Finding",
    "Fix",
    "FixKind",
    "FixSafety",
    "Impact",
    "Limits",
    "Location",
    "OptionSpec",
    "ParseProblem",
    "Report",
    "Rule",
    "RuleMeta",
    "Segment",
    "Severity",
    "SourceText",
    "SqlStatement",
    "Suppression",
    "TableInfo",
    "TargetKind",
    "TextEdit",
    "cost_order",
]
