"""Redshift EXPLAIN plans: the operator tree and where the plan came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from advisor.model import Location


@dataclass(frozen=True, slots=True)
class RsPlanNode:
    """One operator line of a Redshift EXPLAIN, with the detail lines printed under it.

    `operator` is the name without the `XN` prefix and the distribution attribute (`Hash Join`,
    `Seq Scan`, `S3 Query Scan`); `line` is the 1-based line of the operator in the plan's file.
    """

    operator: str
    label: str = ""
    compute_node: bool = False
    distribution: str | None = None
    relation: str | None = None
    alias: str | None = None
    startup_cost: float | None = None
    total_cost: float | None = None
    rows: int | None = None
    width: int | None = None
    details: tuple[str, ...] = ()
    line: int = 1
    children: tuple[RsPlanNode, ...] = ()

    def walk(self) -> Iterator[RsPlanNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def detail(self, name: str) -> str | None:
        """The text after `name:` of the first detail line that starts with it."""
        prefix = name.lower() + ":"
        for text in self.details:
            if text.lower().startswith(prefix):
                return text[len(prefix) :].strip()
        return None

    @property
    def is_join(self) -> bool:
        return "Join" in self.operator or self.operator.startswith("Nested Loop")


@dataclass(frozen=True, slots=True)
class Refused:
    """The cluster would not plan a statement; `message` says why (one line)."""

    message: str


@dataclass(frozen=True, slots=True)
class RsPlan:
    """A Redshift EXPLAIN plan: its tree, its trailer notes and where it came from."""

    root: RsPlanNode
    notes: tuple[str, ...] = ()
    statement: str = ""
    path: str | None = None
    line: int = 1
    query_id: int | None = None

    def nodes(self) -> Iterator[RsPlanNode]:
        return self.root.walk()

    def location_of(self, node: RsPlanNode) -> Location | None:
        if self.path is None:
            return None
        return Location(self.path, node.line, 1, node.line, 1)
