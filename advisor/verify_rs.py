"""Rewrites of Redshift queries checked with EXPLAIN on the cluster before they are offered.

For each finding of a Redshift rule whose fix rewrites a query in its file (a fix with edits,
all inside one `SELECT` or `WITH` statement), the statement as written and the statement with
the fix applied are both planned on the cluster: `EXPLAIN` only, which never runs them, in a
read-only session. The finding then states the planner's total cost of each form and the
number of steps that move rows between nodes (`DS_BCAST_INNER`, `DS_DIST_INNER`,
`DS_DIST_OUTER`, `DS_DIST_BOTH`, `DS_DIST_ALL_INNER`: the redistribution the AWS guide on
query plans tells you to remove). A rewrite the cluster will not plan while the original plans
is not safe: its fix becomes advice and its title says why.

What is not checked says why: a statement with template code, a statement that is not a
query, a fix whose edits reach beyond one statement, a query that does not plan on the
connected database (its tables are elsewhere). At most `limit` pairs are planned in one run.
The planner's cost is its estimate for the data the cluster holds now, not a measured time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from advisor import verify_base
from advisor.engine_dsl import decode
from advisor.model import (
    Evidence,
    EvidenceValue,
    Finding,
    FixKind,
    FixSafety,
    SourceText,
    TextEdit,
)
from advisor.redshift_data.plan import Refused, RsPlan
from advisor.sql.explain import ExplainError, parse_plan
from advisor.sql.split import Span, split_statements

DEFAULT_LIMIT = 20
MOVES = ("DS_BCAST_INNER", "DS_DIST_INNER", "DS_DIST_OUTER", "DS_DIST_BOTH", "DS_DIST_ALL_INNER")
_QUERY = re.compile(r"\s*\(*\s*(select|with)\b", re.IGNORECASE)
_TEMPLATE = ("{{", "{%", "{#")


class Verdict(Enum):
    PLANNED = "planned"
    REWRITE_FAILS = "rewrite fails"
    NOT_VERIFIED = "not verified"


# Plans statements on the cluster: one answer (plan text or Refused) per statement.
# Raises Unreachable when the cluster cannot be reached at all.
Explain = Callable[[Sequence[str]], Sequence[str | Refused]]


class Unreachable(verify_base.Unreachable):
    """The cluster could not be reached (the message says why)."""


_UNREACHABLE = "not checked: the cluster could not be reached"


@dataclass(frozen=True, slots=True)
class Figures:
    """What a plan says: its total cost and the steps that move rows between nodes."""

    cost: float | None
    moves: tuple[str, ...]

    @classmethod
    def of(cls, plan: RsPlan) -> Figures:
        moves = tuple(n.distribution for n in plan.nodes() if n.distribution in MOVES)
        return cls(plan.root.total_cost, tuple(m for m in moves if m is not None))


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    summary: str
    original: Figures | None = None
    rewrite: Figures | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    original: str
    rewrite: str


def pair_of(
    finding: Finding, source: SourceText, spans: Sequence[Span] | None = None
) -> Pair | str:
    """The statement as written and as fixed, or why they cannot be planned (`spans`: the
    file's statements, when the caller has split it already)."""
    fix = finding.fix
    assert fix is not None
    text = source.text
    if spans is None:
        spans = split_statements(source)[0]
    edits = fix.edits
    holder = next(
        (
            s
            for s in spans
            if all(
                s.start <= e.start and e.end <= s.end + 1 and e.path == source.path for e in edits
            )
        ),
        None,
    )
    if holder is None:
        return "its edits do not lie inside one statement of the file as it is now"
    original = text[holder.start : holder.end + 1]
    if any(mark in original for mark in _TEMPLATE):
        return "the statement holds template code"
    if not _QUERY.match(original):
        return "only queries (SELECT, WITH) are planned"
    rewrite = apply(original, holder.start, edits).rstrip().rstrip(";")
    pieces, error = split_statements(SourceText.of(source.path, rewrite))
    if error is not None or len(pieces) != 1:
        return "the fixed text is not one statement"
    return Pair(original.rstrip().rstrip(";"), rewrite)


def apply(text: str, offset: int, edits: Sequence[TextEdit]) -> str:
    """`text` (which starts at `offset` of its file) with the edits applied."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        start, end = edit.start - offset, edit.end - offset
        text = text[:start] + edit.replacement + text[end:]
    return text


def judge(original: str | Refused, rewrite: str | Refused) -> Outcome:
    """What the two plans say, from the cluster's answers."""
    if isinstance(original, Refused):
        return Outcome(
            Verdict.NOT_VERIFIED,
            f"not checked: the statement does not plan on this database ({original.message})",
        )
    before = _figures(original)
    if isinstance(rewrite, Refused):
        return Outcome(
            Verdict.REWRITE_FAILS, f"the rewrite does not plan ({rewrite.message})", before
        )
    after = _figures(rewrite)
    if before is None or after is None:
        return Outcome(Verdict.NOT_VERIFIED, "not checked: a plan could not be read")
    return Outcome(Verdict.PLANNED, compare(before, after), before, after)


def _figures(text: str) -> Figures | None:
    try:
        return Figures.of(parse_plan(text))
    except ExplainError:
        return None


def compare(before: Figures, after: Figures) -> str:
    """`plan cost 3272334142.59 -> 3234.20 (0.000x); steps moving rows 1 -> 0`."""
    parts = []
    if before.cost is not None and after.cost is not None:
        ratio = f" ({after.cost / before.cost:.2g}x)" if before.cost > 0 else ""
        parts.append(f"plan cost {before.cost:.2f} -> {after.cost:.2f}{ratio}")
    parts.append(f"steps moving rows {len(before.moves)} -> {len(after.moves)}")
    return "; ".join(parts)


@dataclass(slots=True)
class RsVerifier:
    """Checks the query rewrites of reports against one cluster; each pair is planned once."""

    explain: Explain
    limit: int = DEFAULT_LIMIT
    tried: int = 0
    failure: str | None = None
    outcomes: dict[tuple[str, str], Outcome] = field(default_factory=dict)
    notes: dict[str, None] = field(default_factory=dict)

    def check(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings with every query rewrite checked (files read again)."""
        files: dict[str, SourceText | None] = {}

        def source(path: str) -> SourceText | None:
            if path not in files:
                try:
                    read = decode(path, Path(path).read_bytes())
                except OSError:
                    read = None
                files[path] = read if isinstance(read, SourceText) else None
            return files[path]

        return self.check_findings(findings, source)

    def check_text(self, path: str, text: str, findings: list[Finding]) -> list[Finding]:
        """The findings of `path`, linted from `text` (as `--fix` does in each pass), checked."""
        here = SourceText.of(path, text)
        return self.check_findings(findings, lambda p: here if p == path else None)

    def check_findings(
        self, findings: Sequence[Finding], source: Callable[[str], SourceText | None]
    ) -> list[Finding]:
        split: dict[str, tuple[SourceText, list[Span]] | None] = {}

        def statements(path: str) -> tuple[SourceText, list[Span]] | None:
            # A file with several rewrites is split into statements once.
            if path not in split:
                text = source(path)
                split[path] = None if text is None else (text, split_statements(text)[0])
            return split[path]

        out = []
        for finding in findings:
            if not rewrites_query(finding):
                out.append(finding)
                continue
            outcome = self._outcome(finding, statements)
            if outcome.verdict is Verdict.NOT_VERIFIED and self.failure is None:
                self.notes.setdefault(verify_base.note(finding, outcome.summary), None)
            out.append(annotated(finding, outcome))
        return out

    def counts(self) -> dict[Verdict, int]:
        return verify_base.counts(Verdict, self.outcomes.values())

    def _outcome(
        self,
        finding: Finding,
        statements: Callable[[str], tuple[SourceText, list[Span]] | None],
    ) -> Outcome:
        assert finding.location is not None
        read = statements(finding.location.path)
        if read is None:
            return Outcome(Verdict.NOT_VERIFIED, "not checked: its file could not be read again")
        pair = pair_of(finding, *read)
        if isinstance(pair, str):
            return Outcome(Verdict.NOT_VERIFIED, f"not checked: {pair}")

        def send() -> Outcome:
            original, rewrite = self.explain((pair.original, pair.rewrite))
            return judge(original, rewrite)

        return verify_base.sent_once(
            self,
            (pair.original, pair.rewrite),
            send,
            lambda why: Outcome(Verdict.NOT_VERIFIED, why),
            _UNREACHABLE,
        )


def rewrites_query(finding: Finding) -> bool:
    fix = finding.fix
    return (
        fix is not None
        and fix.kind is FixKind.SQL
        and bool(fix.edits)
        and finding.location is not None
        and finding.rule_id.startswith("RS-")
    )


def annotated(finding: Finding, outcome: Outcome) -> Finding:
    """The finding with the plans' figures in its evidence and its fix retitled (advice only,
    when the rewrite does not plan)."""
    fix = finding.fix
    assert fix is not None
    if outcome.verdict is Verdict.NOT_VERIFIED:
        note = outcome.summary
    elif outcome.verdict is Verdict.REWRITE_FAILS:
        note = f"NOT SAFE, explained on the cluster: {outcome.summary}"
    else:
        note = f"explained on the cluster: {outcome.summary}"
    safety = FixSafety.ADVISORY if outcome.verdict is Verdict.REWRITE_FAILS else fix.safety
    new_fix = replace(fix, title=f"{fix.title} ({note})", safety=safety)
    evidence = Evidence(finding.evidence.items + tuple(evidence_of(outcome)))
    return replace(finding, fix=new_fix, evidence=evidence)


def evidence_of(outcome: Outcome) -> list[tuple[str, EvidenceValue]]:
    items: list[tuple[str, EvidenceValue]] = [("verify_verdict", outcome.verdict.value)]
    if outcome.verdict is not Verdict.PLANNED:
        items.append(("verify_note", outcome.summary))
    for label, figures in (("original", outcome.original), ("rewrite", outcome.rewrite)):
        if figures is not None:
            items.append((f"{label}_plan_cost", figures.cost))
            items.append((f"{label}_rows_moved_steps", len(figures.moves)))
    return items


def cluster_explain(dsn: str, timeout_ms: int = 30_000, deadline: float = 120.0) -> Explain:
    """Plans on the cluster at `dsn`, in one read-only session per pair."""
    from connectors.redshift.explain import Explainer
    from connectors.redshift.session import ConnectorError, RedshiftSource

    source = RedshiftSource(dsn=dsn, statement_timeout_ms=timeout_ms, deadline=deadline)

    def explain(statements: Sequence[str]) -> Sequence[str | Refused]:
        try:
            return Explainer(source).explain(statements)
        except ConnectorError as err:
            raise Unreachable(str(err)) from None

    return explain
