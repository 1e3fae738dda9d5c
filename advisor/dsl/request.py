"""A request as read from a file: method, path, index, body with positions, and its typed form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.dsl.jsonpos import JsonDoc
from advisor.model import Location, SourceText

if TYPE_CHECKING:
    from advisor.dsl.model import SearchBody

# Endpoints whose body is a search body (a query, aggregations, paging options).
SEARCH_ENDPOINTS = ("_search", "_msearch", "_count", "_validate/query", "_explain")
TEMPLATE_ENDPOINTS = ("_search/template", "_msearch/template")


@dataclass(slots=True)
class DslRequest:
    """One OpenSearch request of a request file.

    `start`/`end` are the inclusive character span of the whole request in `source` (request line
    and body). `body` is None for a request without a body or whose body is not valid JSON; then
    `error`/`error_offset` say why. `search` is the typed model of a search body.
    """

    source: SourceText
    index: int
    method: str
    path: str
    start: int
    end: int
    params: Mapping[str, str] = field(default_factory=dict)
    indices: tuple[str, ...] = ()
    endpoint: str = ""
    body: JsonDoc | None = None
    # Pointer of the search body inside `body`: "", "/source" for a search template, or "/body"
    # for a JSON file that names the index beside the body.
    body_pointer: str = ""
    search: SearchBody | None = None
    error: str | None = None
    error_offset: int | None = None
    # Rules silenced by a noqa comment (bare, or with codes such as `OS-Q26,OS-Q15`) on the
    # request line or the comment lines just above it: None without one, empty for every rule.
    noqa: frozenset[str] | None = None

    def suppresses(self, rule_id: str) -> bool:
        return self.noqa is not None and (not self.noqa or rule_id in self.noqa)

    @property
    def path_text(self) -> str:
        return self.source.path

    @property
    def is_search(self) -> bool:
        return self.search is not None

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end + 1]

    @property
    def location(self) -> Location:
        return self.source.location(self.start, self.end)

    @property
    def request_line(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.method} {self.path}" + (f"?{query}" if query else "")

    @property
    def value(self) -> Any:
        """The search body as plain JSON values (None without a body)."""
        if self.body is None:
            return None
        value = self.body.value
        if self.body_pointer:
            key = self.body_pointer.lstrip("/")
            return value.get(key) if isinstance(value, dict) else None
        return value

    def locate(self, pointer: str | None) -> Location:
        """Location of the value at a pointer relative to the search body."""
        if self.body is None or pointer is None:
            return self.source.location(self.start, self.start + len(self.request_line) - 1)
        start, end = self.body.span(self.body_pointer + pointer)
        return self.source.location(start, end)

    def first_line(self, pointer: str) -> Location:
        """Like `locate`, narrowed to the first line of the value (findings read better)."""
        loc = self.locate(pointer)
        if loc.end_line == loc.line:
            return loc
        line_text = self.source.line_text(loc.line)
        return Location(loc.path, loc.line, loc.column, loc.line, max(loc.column, len(line_text)))


def classify_endpoint(path: str) -> str:
    """The API a path calls: `_search`, `_msearch`, `_count`, ... or "" for other requests."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return ""
    if len(parts) >= 2 and "/".join(parts[-2:]) in TEMPLATE_ENDPOINTS:
        return "/".join(parts[-2:])
    if len(parts) >= 2 and parts[-2] == "_validate" and parts[-1] == "query":
        return "_validate/query"
    if parts[-1] in ("_search", "_msearch", "_count", "_explain"):
        return parts[-1]
    if len(parts) >= 2 and parts[-2] == "_explain":
        return "_explain"
    return ""


def indices_of(path: str) -> tuple[str, ...]:
    """Index names or patterns named by the first path segment (none for `_search` alone)."""
    first = path.lstrip("/").split("/", 1)[0]
    if not first or first.startswith("_"):
        return ()
    return tuple(name for name in first.split(",") if name)
