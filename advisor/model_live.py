"""What a live rule gets beside its target: the snapshot of its system and its options.

One context for every live system (PostgreSQL, Redshift, OpenSearch), with the same
`option(name, default)` and `number(name)` as the static contexts. `PgContext`, `RsContext`
and `OsContext` (beside each snapshot type) name it for one system, so a rule's signature
says which snapshot it reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

S = TypeVar("S")
_REQUIRED: Any = object()


@dataclass(frozen=True, slots=True)
class LiveContext(Generic[S]):
    """A live rule's context: the whole snapshot it reads and the rule's options."""

    snapshot: S
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = _REQUIRED) -> Any:
        """The option's value (the rule's default unless configured); `default` when the
        rule declares no such option, a KeyError without one."""
        if default is _REQUIRED:
            return self.options[name]
        return self.options.get(name, default)

    def number(self, name: str) -> float:
        return float(self.options[name])

    # The names rules have read their system's snapshot by.
    @property
    def postgres(self) -> S:
        return self.snapshot

    @property
    def redshift(self) -> S:
        return self.snapshot

    @property
    def opensearch(self) -> S:
        return self.snapshot
