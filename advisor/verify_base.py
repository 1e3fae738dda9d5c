"""What the live checks of fixes share: `advisor.verify_rs` plans Redshift rewrites and
`advisor.verify_os` runs OpenSearch bodies, each a pair (the original and the rewrite) at a
time. Each pair is sent once and its outcome kept; at most `limit` pairs are sent in one run;
once the system could not be reached, no other pair is sent and the failure is kept."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from enum import Enum
from typing import Protocol, TypeVar

from advisor.model import Finding

Key = TypeVar("Key", bound=Hashable)
Out = TypeVar("Out")
V = TypeVar("V", bound=Enum)
V_co = TypeVar("V_co", bound=Enum, covariant=True)


class Unreachable(Exception):
    """The live system could not be reached at all (the message says why)."""


class PairChecks(Protocol[Key, Out]):
    """The bookkeeping of one run's checks, as a verifier declares it."""

    limit: int
    tried: int  # pairs sent (the limit counts these)
    failure: str | None
    outcomes: dict[Key, Out]


def sent_once(
    checks: PairChecks[Key, Out],
    key: Key,
    send: Callable[[], Out],
    not_checked: Callable[[str], Out],
    unreachable: str,
) -> Out:
    """The kept outcome of the pair `key`, else `send()`'s, kept; `not_checked(why)` when it
    is not sent (past the limit, or the system unreachable: `unreachable`)."""
    known = checks.outcomes.get(key)
    if known is not None:
        return known
    if checks.failure is not None:
        return not_checked(unreachable)
    if checks.tried >= checks.limit:
        return not_checked(f"not checked: past the limit of {checks.limit} checks a run")
    checks.tried += 1
    try:
        outcome = send()
    except Unreachable as err:
        checks.failure = str(err)
        return not_checked(unreachable)
    checks.outcomes[key] = outcome
    return outcome


class Judged(Protocol[V_co]):
    @property
    def verdict(self) -> V_co: ...


def counts(verdicts: type[V], outcomes: Iterable[Judged[V]]) -> dict[V, int]:
    """How many outcomes have each verdict (every verdict listed, 0 when none has it)."""
    out = dict.fromkeys(verdicts, 0)
    for outcome in outcomes:
        out[outcome.verdict] += 1
    return out


def note(finding: Finding, summary: str) -> str:
    """`path:line RULE: fix <why it was not checked>`, for the notes printed after a run."""
    loc = finding.location
    place = f"{loc.path}:{loc.line}" if loc is not None else "-"
    return f"{place} {finding.rule_id}: fix {summary}"
