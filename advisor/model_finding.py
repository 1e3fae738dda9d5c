"""Findings: what one rule found at one place, with its severity, location, evidence, fix and
cost on a live system. Plain data, immutable, so findings can be hashed, cached and compared
across runs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum, IntEnum


class Severity(IntEnum):
    """How much a finding matters; ordered so that `>=` compares urgency."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name; `warning` is accepted as the lowest non-informational level."""
        key = text.strip().lower()
        if key == "warning":
            return cls.LOW
        try:
            return cls[key.upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


class FixSafety(Enum):
    """Whether a fix may be applied without a human reading it first."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    ADVISORY = "advisory"


class FixKind(Enum):
    SQL = "sql"
    DSL = "dsl"
    SETTING = "setting"
    TEXT = "text"


class TargetKind(Enum):
    """What a rule looks at; the engine hands each rule only targets of its kind."""

    SQL_STATEMENT = "sql_statement"
    SQL_SCRIPT = "sql_script"
    DSL_REQUEST = "dsl_request"
    TABLE = "table"
    INDEX = "index"
    PLAN = "plan"
    WORKLOAD = "workload"
    CLUSTER = "cluster"


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a file, 1-based lines and columns; the end is inclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


EvidenceValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The facts a finding rests on, as ordered name/value pairs."""

    items: tuple[tuple[str, EvidenceValue], ...] = ()

    @classmethod
    def of(cls, **values: EvidenceValue) -> Evidence:
        return cls(tuple(values.items()))

    def as_dict(self) -> dict[str, EvidenceValue]:
        return dict(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the characters `start` up to (not including) `end` of a file's text.

    Offsets count characters of the decoded text the finding was made from; `span` is the same
    range as lines and columns (inclusive end; an insertion has `end == start`).
    """

    path: str
    start: int
    end: int
    replacement: str
    span: Location

    def overlaps(self, other: TextEdit) -> bool:
        if self.path != other.path:
            return False
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Fix:
    """What to do about a finding: exact SQL, a rewritten DSL body, a setting, or advice.

    A fix with `edits` can be applied to the file; one without them stays advice.
    """

    title: str
    safety: FixSafety
    kind: FixKind = FixKind.TEXT
    content: str = ""
    edits: tuple[TextEdit, ...] = ()

    # The constructors rules use. SQL content is rendered by `advisor.sql.fixsql` (names
    # through the one quoter), never pasted together from names.

    @classmethod
    def sql(
        cls,
        title: str,
        content: str,
        safety: FixSafety = FixSafety.ADVISORY,
        edits: tuple[TextEdit, ...] = (),
    ) -> Fix:
        """Exact SQL to run (or, with `edits`, to write into the file)."""
        return cls(title, safety, FixKind.SQL, content, edits)

    @classmethod
    def dsl(
        cls,
        title: str,
        content: str,
        safety: FixSafety = FixSafety.ADVISORY,
        edits: tuple[TextEdit, ...] = (),
    ) -> Fix:
        """A rewritten query DSL body."""
        return cls(title, safety, FixKind.DSL, content, edits)

    @classmethod
    def setting(cls, title: str, content: str = "", safety: FixSafety = FixSafety.ADVISORY) -> Fix:
        """A server, cluster or workload setting to change."""
        return cls(title, safety, FixKind.SETTING, content)

    @classmethod
    def advice(cls, title: str, content: str = "", safety: FixSafety = FixSafety.ADVISORY) -> Fix:
        """Something for a person to do; never applied by the advisor."""
        return cls(title, safety, FixKind.TEXT, content)


# What an Impact's figures rest on (Impact.confidence).
CATALOG_ESTIMATE = "estimated from the catalog"
CONFIDENCES = ("measured", "estimated", CATALOG_ESTIMATE, "unknown")


@dataclass(frozen=True, slots=True)
class Impact:
    """What the statement or request a finding sits in costs on a live system, per day.

    `confidence` is "measured" (matched to its executions in a history), "estimated" (measured
    inputs spread over an assumed window or shared between queries), "estimated from the
    catalog" (bytes scanned per run from an external table's DDL: format, partitions, size
    properties; per day only when a history gives the runs) or "unknown" (no execution found:
    `note` says why). `formula` spells out how the figures were computed from `inputs`.
    """

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
    inputs: tuple[tuple[str, EvidenceValue], ...] = ()
    note: str = ""
    # What was costed: "" for the statement itself, else the table whose readers were summed
    # (a DDL finding: the queries of the history that read the table it declares).
    table: str = ""
    # Per run, when known without a history (an estimate from the catalog).
    bytes_per_run: float | None = None
    dollars_per_run: float | None = None

    @property
    def known(self) -> bool:
        return self.confidence != "unknown"

    @property
    def figured(self) -> bool:
        """Whether it gives a figure (per day, or per run from the catalog), not only a
        confidence (an estimate of a table whose size the DDL does not give)."""
        figures = (self.seconds_per_day, self.bytes_per_day, self.dollars_per_day)
        return self.known and any(f is not None for f in (*figures, self.bytes_per_run))

    @property
    def rank(self) -> tuple[float, float, float]:
        """Dollars, then seconds, then bytes per day: the order reports sort by."""
        return (
            self.dollars_per_day or 0.0,
            self.seconds_per_day or 0.0,
            self.bytes_per_day or 0.0,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule at one place."""

    rule_id: str
    severity: Severity
    message: str
    location: Location | None
    object: str | None = None
    evidence: Evidence = field(default_factory=Evidence)
    fix: Fix | None = None
    # Text that identifies the place independently of line numbers (e.g. the normalised
    # statement); the fingerprint is built from it so baselines survive unrelated edits.
    anchor: str = ""
    source: str = "static"
    # Set when the run had a live history to join (advisor.impact); None otherwise.
    impact: Impact | None = None

    @property
    def fingerprint(self) -> str:
        path = self.location.path if self.location else ""
        parts = (self.rule_id, path, self.object or "", _normalise(self.anchor), self.message)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (
            loc.path if loc else "",
            loc.line if loc else 0,
            loc.column if loc else 0,
            self.rule_id,
        )


_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def cost_order(finding: Finding) -> tuple[int, float, float, float, float, float, int]:
    """Costliest first; findings of unknown cost last.

    Costs per day first; then what one run costs, for estimates from the catalog with no run
    in a history (a lint run without a live source has only these): a statement that ran
    ranks above one that is known only from the DDL.
    """
    impact = finding.impact
    if impact is None or not impact.known:
        return (1, 0.0, 0.0, 0.0, 0.0, 0.0, 0)
    dollars, seconds, data = impact.rank
    run_dollars, run_bytes = impact.dollars_per_run or 0.0, impact.bytes_per_run or 0.0
    # At equal cost, the statement that was measured before a table's estimated share.
    confidence = 0 if impact.confidence == "measured" else 1
    return (0, -dollars, -seconds, -data, -run_dollars, -run_bytes, confidence)
