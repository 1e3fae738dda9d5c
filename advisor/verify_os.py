"""Fixes of DSL rules checked on the live cluster before they are offered.

For each finding whose fix is a rewritten search body, the original body (read again from its
file) and the rewrite run against the index the request names, both with `"profile": true`,
`"track_total_hits": true` and a `timeout`, a few times in turn. The finding then says what
each form took (`took`, and the profile's query time) and whether the rewrite keeps the
results: the same total hit count and, for a request sorted on fields, the same top hits in
the same order. A rewrite that changes them, or that the cluster refuses, is not safe: its fix
becomes advice (never applied by `--fix`, even with `--unsafe-fixes`) and its title says why.

Only `_search` runs, with the request cache off, never a scroll or a point in time; at most
`limit` pairs are run in one check. A request with placeholders to fill in (`{{q}}`,
`<unique keyword field>`) or without an index in its path is not run, and its fix says so;
so is a rewrite that changes only what the check sets itself (`size`, `from`, `timeout`,
`track_total_hits`, `explain`, `profile`, ...): run so, both forms would be the same search.
Aggregation results are not compared: a rewrite of an aggregation (a capped
`precision_threshold`, `composite` paging) keeps its hits, and its buckets are for a person
to judge.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from advisor import verify_base
from advisor.dsl.reader import read_requests
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import is_template
from advisor.engine_dsl import read_file
from advisor.model import (
    Evidence,
    EvidenceValue,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Limits,
    Report,
    SourceText,
)
from advisor.model_opensearch import OsMeasuredSearch
from advisor.words import count as count_of

DEFAULT_LIMIT = 20
ROUNDS = 3  # runs of each form; the median is reported
SEARCH_TIMEOUT = 5.0  # seconds: the `timeout` of every body run
TOP_HITS = 10  # hits compared, in order, for a request sorted on fields
# What the check sets itself, or what only shapes the hits returned: dropped from both forms.
_DROPPED = (
    "from",
    "size",
    "_source",
    "explain",
    "profile",
    "track_total_hits",
    "timeout",
    "highlight",
    "stored_fields",
    "docvalue_fields",
    "script_fields",
    "fields",
    "version",
    "seq_no_primary_term",
)


UNREACHABLE = "not checked: the cluster could not be searched"


class Verdict(Enum):
    SAME = "same results"
    CHANGED = "results change"
    REWRITE_FAILS = "rewrite fails"
    ORIGINAL_FAILS = "original fails"
    NOT_VERIFIED = "not verified"

    def counted(self, n: int) -> str:
        """The verdict in a count: `1 keeps the results`, `2 keep the results`."""
        one, many = _COUNTED[self]
        return f"{n:,} {one if n == 1 else many}"

    @property
    def unsafe(self) -> bool:
        return self in (Verdict.CHANGED, Verdict.REWRITE_FAILS)


@dataclass(frozen=True, slots=True)
class Pair:
    """The two bodies to run on `index`, ready to send."""

    index: str
    original: Mapping[str, Any]
    rewrite: Mapping[str, Any]
    compare_ids: bool

    @property
    def key(self) -> str:
        return json.dumps([self.index, self.original, self.rewrite], sort_keys=True)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the check found for one fix."""

    verdict: Verdict
    summary: str
    index: str = ""
    original: OsMeasuredSearch | None = None
    rewrite: OsMeasuredSearch | None = None
    compared_ids: bool = False


class Unreachable(verify_base.Unreachable):
    """The cluster could not be searched at all (the message says why)."""


_COUNTED = {
    Verdict.SAME: ("keeps the results", "keep the results"),
    Verdict.CHANGED: ("changes the results (not safe)", "change the results (not safe)"),
    Verdict.REWRITE_FAILS: ("fails on the cluster (not safe)", "fail on the cluster (not safe)"),
    Verdict.ORIGINAL_FAILS: ("runs where the original fails", "run where the original fails"),
    Verdict.NOT_VERIFIED: ("could not be compared", "could not be compared"),
}


# Runs the bodies of a pair on its index: one measurement per body, or Unreachable.
Measure = Callable[[str, Sequence[Mapping[str, Any]]], Sequence[OsMeasuredSearch]]


@dataclass(slots=True)
class Verifier:
    """Checks the DSL fixes of reports against one cluster; remembers every pair it ran, so a
    report linted again after `--fix` is not searched twice."""

    measure: Measure
    limit: int = DEFAULT_LIMIT
    limits: Limits = field(default_factory=Limits)
    tried: int = 0  # pairs sent to the cluster (the limit counts these)
    ran: int = 0  # pairs that came back measured
    failure: str | None = None
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    # Per-fix notes for stderr: what could not be checked, and why (each once).
    notes: dict[str, None] = field(default_factory=dict)

    def check(self, report: Report) -> Report:
        """The report with the fix of every rewritten body checked (files read again)."""
        files: dict[str, list[DslRequest] | None] = {}

        def requests(path: str) -> list[DslRequest] | None:
            if path not in files:
                read = read_file(Path(path), self.limits)
                files[path] = read if isinstance(read, list) else None
            return files[path]

        return replace(report, findings=self.check_findings(report.findings, requests))

    def check_text(self, path: str, text: str, findings: list[Finding]) -> list[Finding]:
        """The findings of `path`, linted from `text` (as `--fix` does in each pass), checked."""
        read = read_requests(SourceText.of(path, text), self.limits)
        return self.check_findings(findings, lambda p: read if p == path else None)

    def check_findings(
        self, findings: Sequence[Finding], requests: Callable[[str], list[DslRequest] | None]
    ) -> list[Finding]:
        out = []
        for finding in findings:
            if not _rewrites_body(finding):
                out.append(finding)
                continue
            outcome = self._outcome(finding, requests)
            if outcome.verdict is Verdict.NOT_VERIFIED and outcome.summary != UNREACHABLE:
                self.notes.setdefault(verify_base.note(finding, outcome.summary), None)
            out.append(annotated(finding, outcome))
        return out

    def counts(self) -> dict[Verdict, int]:
        return verify_base.counts(Verdict, self.outcomes.values())

    def _outcome(
        self, finding: Finding, requests: Callable[[str], list[DslRequest] | None]
    ) -> Outcome:
        assert finding.fix is not None and finding.location is not None
        request = _request_at(finding, requests(finding.location.path) or ())
        if request is None:
            return Outcome(Verdict.NOT_VERIFIED, "not checked: its request could not be read again")
        pair = pair_of(request, finding.fix)
        if isinstance(pair, str):
            return Outcome(Verdict.NOT_VERIFIED, f"not checked: {pair}")

        def send() -> Outcome:
            original, rewrite = self.measure(pair.index, (pair.original, pair.rewrite))
            self.ran += 1
            return judge(pair, original, rewrite)

        return verify_base.sent_once(
            self, pair.key, send, lambda why: Outcome(Verdict.NOT_VERIFIED, why), UNREACHABLE
        )


def _rewrites_body(finding: Finding) -> bool:
    fix = finding.fix
    return (
        fix is not None
        and fix.kind is FixKind.DSL
        and finding.location is not None
        and finding.rule_id.startswith("OS-")
    )


def _request_at(finding: Finding, requests: Sequence[DslRequest]) -> DslRequest | None:
    """The request of the finding's file whose lines hold the finding."""
    loc = finding.location
    if loc is None:
        return None
    for request in requests:
        span = request.location
        if span.line <= loc.line <= span.end_line and request.error is None:
            return request
    return None


def pair_of(request: DslRequest, fix: Fix) -> Pair | str:
    """The two bodies to run, or why they cannot be run."""
    original = request.value
    try:
        rewrite = json.loads(fix.content)
    except ValueError:
        return "the rewrite is not a JSON body"
    if not isinstance(original, dict) or not isinstance(rewrite, dict):
        return "the request or its rewrite is not a search body"
    if not request.indices:
        return "the request names no index (`GET <index>/_search`, or an `index` beside its body)"
    if request.endpoint not in ("_search", "_count", "_msearch"):
        return f"only searches are run, not {request.endpoint or request.path}"
    if _placeholder(original):
        return "the request holds placeholders to fill in"
    if _placeholder(rewrite):
        return "the rewrite holds placeholders to fill in"
    for key in ("pit", "scroll"):
        if key in original or key in rewrite:
            return f"a search with `{key}` is not run (it would open a context on the cluster)"
    compare_ids = _sorted_on_fields(original)
    size = _size(original) if compare_ids else 0
    pair = Pair(
        ",".join(request.indices),
        measured_body(original, size),
        measured_body(rewrite, size),
        compare_ids,
    )
    if pair.original == pair.rewrite:
        changed = sorted(k for k in {*original, *rewrite} if original.get(k) != rewrite.get(k))
        names = ", ".join(f"`{k}`" for k in changed) or "nothing"
        return f"the rewrite changes only {names}, which the check sets itself"
    return pair


def measured_body(body: Mapping[str, Any], size: int) -> dict[str, Any]:
    """The body as it is run for the check: profiled, every hit counted, bounded in time."""
    out = {k: v for k, v in body.items() if k not in _DROPPED}
    out.update(
        size=size,
        profile=True,
        track_total_hits=True,
        timeout=f"{SEARCH_TIMEOUT:g}s",
    )
    if size:
        out["_source"] = False
    return out


def _size(body: Mapping[str, Any]) -> int:
    size = body.get("size")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        return min(size, TOP_HITS)
    return TOP_HITS


def _sorted_on_fields(body: Mapping[str, Any]) -> bool:
    """The hits come in an order set by fields (not by score): their ids are compared too."""
    sort = body.get("sort")
    keys = sort if isinstance(sort, list) else [sort] if sort else []
    if not keys:
        return False
    first = keys[0]
    name = (
        first
        if isinstance(first, str)
        else next(iter(first), "")
        if isinstance(first, dict)
        else ""
    )
    return name not in ("", "_score")


def _placeholder(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if is_template(key):
                    return True
                stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
        elif is_template(item):
            return True
    return False


def judge(pair: Pair, original: OsMeasuredSearch, rewrite: OsMeasuredSearch) -> Outcome:
    """Whether the rewrite keeps the original's results, from one measurement of each."""

    def outcome(verdict: Verdict, summary: str) -> Outcome:
        return Outcome(verdict, summary, pair.index, original, rewrite, pair.compare_ids)

    if original.error is not None and rewrite.error is not None:
        if original.status == 404 and "no such index" in original.error:
            return outcome(
                Verdict.NOT_VERIFIED, f"not checked: no index {pair.index} on the cluster"
            )
        return outcome(Verdict.NOT_VERIFIED, f"not checked: both forms fail ({_refusal(original)})")
    if original.error is not None:
        return outcome(
            Verdict.ORIGINAL_FAILS,
            f"the original fails ({_refusal(original)}) and the rewrite runs "
            f"({_hits(rewrite.hits)})",
        )
    if rewrite.error is not None:
        return outcome(Verdict.REWRITE_FAILS, f"the rewrite fails ({_refusal(rewrite)})")
    if original.total_shards == 0:
        return outcome(Verdict.NOT_VERIFIED, f"not checked: no index matches {pair.index}")
    for measured in (original, rewrite):
        if measured.timed_out or measured.failed_shards:
            why = (
                f"a search timed out after {SEARCH_TIMEOUT:g} s"
                if measured.timed_out
                else f"{count_of(measured.failed_shards, 'shard')} failed"
            )
            return outcome(Verdict.NOT_VERIFIED, f"not checked: {why}, so its counts are partial")
    if original.hits != rewrite.hits or original.hits_relation != rewrite.hits_relation:
        return outcome(
            Verdict.CHANGED,
            f"the rewrite changes the hit count: {_count(original)} -> {_count(rewrite)}",
        )
    if pair.compare_ids and original.top_ids != rewrite.top_ids:
        return outcome(
            Verdict.CHANGED,
            f"the rewrite keeps {_hits(original.hits)} but changes the top "
            f"{len(original.top_ids)} of the sort",
        )
    same = f"the same {_hits(original.hits)}"
    if pair.compare_ids:
        same += f" and the same top {len(original.top_ids)} in order"
    return outcome(Verdict.SAME, same)


def _refusal(measured: OsMeasuredSearch) -> str:
    return f"HTTP {measured.status}: {measured.error}"


def _hits(n: int | None) -> str:
    return "an unknown number of hits" if n is None else f"{n:,} hit" + ("" if n == 1 else "s")


def _count(measured: OsMeasuredSearch) -> str:
    text = "?" if measured.hits is None else f"{measured.hits:,}"
    return text + ("+" if measured.hits_relation == "gte" else "")


def median_ms(values: Sequence[int], scale: float = 1.0) -> float | None:
    return statistics.median(values) / scale if values else None


def times(outcome: Outcome) -> str:
    """`took 12 -> 4 ms, query 3.10 -> 0.90 ms (median of 3 runs)`, or "" without figures."""
    parts = list(_figures(outcome))
    if not parts:
        return ""
    runs = max(len(m.took_ms) for m in (outcome.original, outcome.rewrite) if m is not None)
    return ", ".join(parts) + f" (median of {runs} run{'s' if runs != 1 else ''})"


def _figures(outcome: Outcome) -> Iterator[str]:
    original, rewrite = outcome.original, outcome.rewrite
    if original is None or rewrite is None:
        return
    took = median_ms(original.took_ms), median_ms(rewrite.took_ms)
    query = median_ms(original.query_ns, 1e6), median_ms(rewrite.query_ns, 1e6)
    if took[0] is not None and took[1] is not None:
        yield f"took {took[0]:g} -> {took[1]:g} ms"
    elif took[1] is not None:
        yield f"the rewrite took {took[1]:g} ms"
    if query[0] is not None and query[1] is not None:
        yield f"query {query[0]:.2f} -> {query[1]:.2f} ms"
    elif query[1] is not None:
        yield f"its query {query[1]:.2f} ms"


def annotated(finding: Finding, outcome: Outcome) -> Finding:
    """The finding with the check's figures in its evidence and its fix retitled (advice
    only, when the rewrite is not safe)."""
    fix = finding.fix
    assert fix is not None
    figures = times(outcome)
    where = f" on {outcome.index}" if outcome.index else ""
    if outcome.verdict is Verdict.NOT_VERIFIED:
        note = f"{outcome.summary}"
    elif outcome.verdict.unsafe:
        note = f"NOT SAFE, checked{where}: {outcome.summary}"
    else:
        note = f"checked{where}: {outcome.summary}"
    if figures:
        note += f"; {figures}"
    safety = FixSafety.ADVISORY if outcome.verdict.unsafe else fix.safety
    new_fix = replace(fix, title=f"{fix.title} ({note})", safety=safety)
    evidence = Evidence(finding.evidence.items + tuple(evidence_of(outcome)))
    return replace(finding, fix=new_fix, evidence=evidence)


def evidence_of(outcome: Outcome) -> Iterator[tuple[str, EvidenceValue]]:
    yield "verify_verdict", outcome.verdict.value
    if outcome.verdict is Verdict.NOT_VERIFIED:
        yield "verify_note", outcome.summary
    if outcome.index:
        yield "verify_index", outcome.index
    for label, measured in (("original", outcome.original), ("rewrite", outcome.rewrite)):
        if measured is None:
            continue
        if measured.error is not None:
            yield f"{label}_error", _refusal(measured)
            continue
        yield f"{label}_took_ms", median_ms(measured.took_ms)
        query = median_ms(measured.query_ns, 1e6)
        yield f"{label}_query_ms", None if query is None else round(query, 3)
        yield f"{label}_hits", measured.hits
        yield f"{label}_runs", len(measured.took_ms)
    original, rewrite = outcome.original, outcome.rewrite
    if original is not None and rewrite is not None and not (original.error or rewrite.error):
        yield "same_hits", original.hits == rewrite.hits
        if outcome.compared_ids:
            yield "same_top_ids", original.top_ids == rewrite.top_ids


def cluster_measure(
    url: str, timeout: float = SEARCH_TIMEOUT + 5.0, deadline: float = 120.0
) -> Measure:
    """The searches of a check on the cluster at `url`, each form run ROUNDS times."""
    from connectors.opensearch import ConnectorError, OpenSearchSource
    from connectors.opensearch_measure import SearchMeter

    meter = SearchMeter(OpenSearchSource(url=url, timeout=timeout, retries=0, deadline=deadline))

    def measure(index: str, bodies: Sequence[Mapping[str, Any]]) -> Sequence[OsMeasuredSearch]:
        try:
            return meter.measure(index, bodies, ROUNDS)
        except ConnectorError as err:
            raise Unreachable(str(err)) from None

    return measure
