"""Plain data shared by every part of the advisor.

Nothing here imports from the rest of the project: parsers, connectors, rules, the engine and the
reports all speak in these types. Everything is immutable so findings can be hashed, cached and
compared across runs.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from itertools import accumulate
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlglot import exp


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


@dataclass(frozen=True, slots=True)
class Impact:
    """What the statement or request a finding sits in costs on a live system, per day.

    `confidence` is "measured" (matched to its executions in a history), "estimated" (measured
    inputs spread over an assumed window or shared between queries) or "unknown" (no execution
    found: `note` says why). `formula` spells out how the figures were computed from `inputs`.
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

    @property
    def known(self) -> bool:
        return self.confidence != "unknown"

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
class Segment:
    """A run of rendered text and the source characters it came from.

    An exact segment is the source text itself, character for character; any other segment was
    produced by a template expression or a macro, and all of it maps to that tag's source span.
    """

    start: int  # first rendered offset
    source_start: int
    source_end: int  # inclusive
    exact: bool


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's decoded text with a line index for offset → line/column lookups.

    A rendered text (a template after rendering) keeps its `origin`, the file as written, and the
    segments that map each rendered offset back to it: positions, locations and line texts are
    then those of the origin, so findings point at the file the user edits.
    """

    path: str
    text: str
    # An array of machine integers, not a tuple of int objects: a file of ten million short
    # lines would otherwise hold several hundred megabytes of line offsets.
    line_starts: Sequence[int] = field(hash=False)
    origin: SourceText | None = None
    segments: tuple[Segment, ...] = ()

    @classmethod
    def of(cls, path: str, text: str) -> SourceText:
        starts = array("I" if len(text) < 2**32 else "q", [0])
        if "\r" in text:
            starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
            return cls(path, text, starts)
        # Offsets after each newline, summed in C (line lengths plus one), a chunk at a time so
        # that the list of lines stays small.
        chunk = 1 << 20
        for lo in range(0, len(text), chunk):
            lines = text[lo : lo + chunk].split("\n")
            offsets = accumulate(map((1).__add__, map(len, lines[:-1])), initial=lo)
            next(offsets)
            starts.extend(offsets)
        return cls(path, text, starts)

    @classmethod
    def rendered(cls, origin: SourceText, text: str, segments: tuple[Segment, ...]) -> SourceText:
        """The rendering of `origin`, mapped back to it by `segments` (sorted by start)."""
        plain = cls.of(origin.path, text)
        return cls(origin.path, text, plain.line_starts, origin, segments)

    def source_offset(self, offset: int, *, end: bool = False) -> int:
        """Offset in the origin of a rendered offset (the offset itself for a plain text).

        Inside generated text, a start maps to the start of the tag that produced it and an end
        to the tag's end.
        """
        if self.origin is None or not self.segments:
            return offset
        segs = self.segments
        lo, hi = 0, len(segs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if segs[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        seg = segs[lo]
        if seg.exact:
            return min(seg.source_start + max(offset - seg.start, 0), seg.source_end)
        return seg.source_end if end else seg.source_start

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset (in the origin, for a rendered text)."""
        if self.origin is not None:
            return self.origin.position(self.source_offset(offset))
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo] + 1

    def location(self, start: int, end: int) -> Location:
        """Location of the inclusive character span [start, end]."""
        if self.origin is not None:
            first = self.source_offset(start)
            last = self.source_offset(max(start, end), end=True)
            return self.origin.location(first, max(first, last))
        line, col = self.position(start)
        end_line, end_col = self.position(max(start, end))
        return Location(self.path, line, col, end_line, end_col)

    def edit(self, start: int, end: int, replacement: str) -> TextEdit:
        """An edit replacing the characters [start, end) of this text."""
        return TextEdit(
            self.path, start, end, replacement, self.location(start, max(start, end - 1))
        )

    def line_text(self, line: int) -> str:
        if self.origin is not None:
            return self.origin.line_text(line)
        start = self.line_starts[line - 1]
        stop = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:stop].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Suppression:
    """A `-- noqa` comment: None means every rule."""

    rules: frozenset[str] | None
    line: int
    column: int


@dataclass(slots=True)
class SqlStatement:
    """One statement of a SQL file with its exact span and its parse tree (or parse error)."""

    source: SourceText
    index: int
    start: int
    end: int
    dialect: str = "redshift"
    tree: exp.Expr | None = None
    error: str | None = None
    error_offset: int | None = None
    suppressions: tuple[Suppression, ...] = ()
    # Statements of a stored procedure's body (a CREATE PROCEDURE ... LANGUAGE plpgsql), with
    # their own spans in the same file; each of them names the procedure in `procedure`.
    body: list[SqlStatement] = field(default_factory=list)
    procedure: str | None = None
    # An EXECUTE of a string built at run time, inside a procedure: no tree, nothing to read.
    dynamic: bool = False
    # Every node of the tree in breadth-first order, built on first use and shared by the rules,
    # so that each statement's tree is walked once rather than once per rule.
    _flat: list[Any] | None = field(default=None, repr=False, compare=False)

    def nodes(self, *types: type) -> list[Any]:
        """Nodes of the tree that are instances of `types`, in `find_all` order."""
        flat = self._flat
        if flat is None:
            flat = self._flat = list(self.tree.walk()) if self.tree is not None else []
        return [n for n in flat if isinstance(n, types)]

    def first(self, *types: type) -> Any:
        """The first node of `types` in breadth-first order (as `find`), or None."""
        found = self.nodes(*types)
        return found[0] if found else None

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end + 1]

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def location(self) -> Location:
        return self.source.location(self.start, self.end)

    def locate(self, span: tuple[int, int] | None) -> Location:
        """File location of a statement-relative span (the whole statement when None)."""
        if span is None:
            return self.location
        return self.source.location(self.start + span[0], self.start + span[1])


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    name: str
    type: str
    encoding: str | None = None
    distkey: bool = False
    sortkey_position: int = 0
    not_null: bool = False
    identity: bool = False


@dataclass(frozen=True, slots=True)
class TableInfo:
    """A table as declared (from DDL in the lint run) or as read from a live catalog."""

    schema: str | None
    name: str
    columns: tuple[ColumnInfo, ...] = ()
    diststyle: str | None = None
    distkey: str | None = None
    sortkey: tuple[str, ...] = ()
    sortkey_style: str | None = None
    external: bool = False
    partition_keys: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    location: Location | None = None
    foreign_key: bool = False

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def column(self, name: str) -> ColumnInfo | None:
        key = name.lower()
        return next((c for c in self.columns if c.name.lower() == key), None)


@dataclass(slots=True)
class Catalog:
    """Tables known to a run, keyed by lower-case qualified and bare name."""

    tables: dict[str, TableInfo] = field(default_factory=dict)
    external_schemas: dict[str, str] = field(default_factory=dict)
    # How often the run's statements write to (INSERT/UPDATE/DELETE/MERGE) or join each table,
    # keyed like `tables` by the name as referenced (lower case, schema-qualified when written so).
    dml_writes: dict[str, int] = field(default_factory=dict)
    # The same writes by file: key -> path -> count (for tables several files each create).
    dml_writes_in: dict[str, dict[str, int]] = field(default_factory=dict)
    # Paths of the files that create each table (lower-case qualified name).
    created_in: dict[str, set[str]] = field(default_factory=dict)
    joins: dict[str, int] = field(default_factory=dict)
    # Relations other than tables declared in the run: name -> "VIEW", "MATERIALIZED VIEW",
    # "TEMPORARY TABLE" (keyed like `tables`).
    relation_kinds: dict[str, str] = field(default_factory=dict)
    # Every table by lower-case bare name, and the schemas each file's `SET search_path` names
    # (keyed by path): what an unqualified name is resolved with.
    named: dict[str, list[TableInfo]] = field(default_factory=dict)
    search_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Paths of the files that run ANALYZE, by the table analyzed ("" for a database-wide one).
    analyzed_in: dict[str, set[str]] = field(default_factory=dict)

    def usage(self, counts: Mapping[str, int], schema: str | None, name: str) -> int:
        """References counted in `counts` that may mean schema.name (unqualified ones too)."""
        total = counts.get(name.lower(), 0)
        if schema:
            total += counts.get(f"{schema}.{name}".lower(), 0)
        return total

    def relation_kind(self, schema: str | None, name: str) -> str | None:
        if schema:
            return self.relation_kinds.get(f"{schema}.{name}".lower())
        return self.relation_kinds.get(name.lower())

    def add(self, table: TableInfo) -> None:
        self.tables[table.qualified_name.lower()] = table
        self.tables.setdefault(table.name.lower(), table)
        same_name = self.named.setdefault(table.name.lower(), [])
        key = table.qualified_name.lower()
        same_name[:] = [t for t in same_name if t.qualified_name.lower() != key] + [table]

    def lookup(self, schema: str | None, name: str, path: str | None = None) -> TableInfo | None:
        """The table a reference means; an unqualified one only when that is certain enough.

        An unqualified name means the table declared without a schema; else the one in the
        first schema of the file's `SET search_path`; else the only table of that name declared
        in the same file (`path`); else `public.name`. A table of that name in some other schema
        of some other file is not assumed.
        """
        if schema:
            return self.tables.get(f"{schema}.{name}".lower())
        candidates = self.named.get(name.lower(), [])
        if not candidates:
            return None
        bare = next((t for t in candidates if not t.schema), None)
        if bare is not None:
            return bare
        if path is not None:
            for wanted in self.search_paths.get(path, ()):
                hit = next((t for t in candidates if (t.schema or "").lower() == wanted), None)
                if hit is not None:
                    return hit
            here = [t for t in candidates if t.location is not None and t.location.path == path]
            if len(here) == 1:
                return here[0]
        return next((t for t in candidates if (t.schema or "").lower() == "public"), None)

    def __iter__(self) -> Iterator[TableInfo]:
        seen: set[int] = set()
        for table in self.tables.values():
            if id(table) not in seen:
                seen.add(id(table))
                yield table


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


def cost_order(finding: Finding) -> tuple[int, float, float, float, int]:
    """Costliest first; findings of unknown cost last."""
    impact = finding.impact
    if impact is None or not impact.known:
        return (1, 0.0, 0.0, 0.0, 0)
    dollars, seconds, data = impact.rank
    # At equal cost, the statement that was measured before a table's estimated share.
    return (0, -dollars, -seconds, -data, 0 if impact.confidence == "measured" else 1)
