"""What DSL rules share: their context, locating findings, and building rewritten bodies."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from advisor.dsl.jsontree import deep_copy, dumps
from advisor.dsl.mapping import FieldInfo, FieldMap
from advisor.dsl.model import Query, QueryVisit, Ref, SearchBody
from advisor.dsl.request import DslRequest
from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    TextEdit,
)

# `{{q}}` is looked for line by line with `find` (see is_template): the regex `\{\{.*?\}\}`
# rescanned the rest of the line from every `{{`, quadratic on a long run of braces.
_TEMPLATE = re.compile(r"^\$\{?[A-Za-z_][\w.]*\}?$|^<[^<>]+>$")


@dataclass(frozen=True, slots=True)
class DslContext:
    """What a DSL rule sees besides the request: options, the index mapping, the file."""

    options: Mapping[str, Any] = field(default_factory=dict)
    mapping: FieldMap | None = None
    file_requests: tuple[DslRequest, ...] = ()

    def option(self, name: str) -> Any:
        return self.options[name]

    def number(self, name: str) -> float:
        value = self.options[name]
        return float(value)

    def field(self, path: str | None) -> FieldInfo | None:
        if self.mapping is None or path is None:
            return None
        return self.mapping.get(path)


def queries(request: DslRequest, *kinds: str) -> Iterator[QueryVisit]:
    """Visits of the request's query clauses, optionally only of the given kinds."""
    if request.search is None:
        return
    for visit in request.search.queries():
        if not kinds or visit.query.kind in kinds:
            yield visit


def scores_computed(request: DslRequest) -> bool:
    """Whether the request scores its hits: it returns hits (size not 0) sorted by `_score`,
    or it asks for scores anyway (`track_scores`, `min_score`)."""
    search = request.search
    if search is None:
        return False
    if search.size == 0 or request.params.get("size") == "0":
        return False
    if search.raw.get("min_score") is not None or search.raw.get("track_scores") is True:
        return True
    if request.params.get("track_scores") == "true":
        return True
    return not search.sort or any(k.field == "_score" for k in search.sort)


def is_template(value: Any) -> bool:
    """A value filled in by application code: `{{q}}`, `$q`, `${q}` or `<placeholder>`."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if "{{" in text:
        for line in text.splitlines():
            start = line.find("{{")
            if start >= 0 and line.find("}}", start + 2) >= 0:
                return True
    return bool(_TEMPLATE.search(text))


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def report(
    meta: RuleMeta,
    request: DslRequest,
    pointer: str | None,
    message: str,
    *,
    evidence: Evidence | None = None,
    fix: Fix | None = None,
    severity: Severity | None = None,
    object: str | None = None,
) -> Finding:
    """A finding located at the clause `pointer` of the request's search body."""
    if pointer is not None:
        pointer = _clause_body(request, pointer)
    location = request.first_line(pointer) if pointer is not None else request.locate(None)
    return meta.finding(
        message,
        location,
        object=object or (",".join(request.indices) or None),
        evidence=evidence,
        fix=fix,
        anchor=f"{request.request_line} {pointer or ''} {request.text}",
        severity=severity,
    )


def _clause_body(request: DslRequest, pointer: str) -> str:
    """A query clause `{"term": {...}}` is located at its `term` member, where it is named."""
    if request.search is None:
        return pointer
    depth = pointer.count("/")
    for visit in request.search.queries():
        query = visit.query
        # Comparing depths first keeps this linear for very deep bodies.
        if query.ref.depth == depth and query.kind and query.pointer == pointer:
            return f"{pointer}/{query.kind.replace('~', '~0').replace('/', '~1')}"
    return pointer


def advice(title: str) -> Fix:
    return Fix.advice(title)


def body_fix(title: str, safety: FixSafety, body: Any) -> Fix:
    """A fix whose content is the whole rewritten search body as JSON."""
    return Fix.dsl(title, dumps(body), safety)


def rewrite_fix(title: str, safety: FixSafety, request: DslRequest, pointer: str, new: Any) -> Fix:
    """A fix that replaces the value at `pointer`: the rewritten body, and the edit that makes it.

    The edit replaces only that value's text with its JSON (indented to sit where it is), so the
    rest of the file, comments included, stays as written.
    """
    body = rewrite(request, pointer, new)
    fix = body_fix(title, safety, body)
    edit = value_edit(request, pointer, new)
    return replace(fix, edits=(edit,)) if edit is not None else fix


def value_edit(request: DslRequest, pointer: str, new: Any) -> TextEdit | None:
    """An edit writing `new` as JSON over the value at `pointer` of the search body."""
    if request.body is None or request.error is not None:
        return None
    span = request.body.exact_span(request.body_pointer + pointer)
    if span is None:
        return None
    start, end = span
    source = request.source
    line, _ = source.position(start)
    line_start = source.line_starts[line - 1]
    prefix = source.text[line_start:start]
    indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
    if "\n" not in source.text[start : end + 1]:
        # A value written on one line stays on one line (NDJSON bodies must).
        return source.edit(start, end + 1, json.dumps(new, ensure_ascii=False))
    text = dumps(new)
    if "\n" in text:
        newline = "\r\n" if "\r\n" in request.text else "\n"
        text = text.replace("\n", newline + indent)
    return source.edit(start, end + 1, text)


def body_copy(request: DslRequest) -> Any:
    """A deep copy of the search body, safe for bodies nested thousands deep."""
    return deep_copy(request.value)


def _split(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def get_at(value: Any, pointer: str) -> Any:
    for part in _split(pointer):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def set_at(value: Any, pointer: str, new: Any) -> Any:
    """Replace the value at `pointer` inside `value` (in place); returns `value`."""
    parts = _split(pointer)
    if not parts:
        return new
    parent = value
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    if isinstance(parent, list):
        parent[int(parts[-1])] = new
    else:
        parent[parts[-1]] = new
    return value


def rewrite(request: DslRequest, pointer: str, new: Any) -> Any:
    """A copy of the search body with the value at `pointer` replaced by `new`."""
    return set_at(body_copy(request), pointer, new)


def clause(query: Query) -> dict[str, Any]:
    """The JSON of a query clause as written in the request."""
    return {query.kind: deep_copy(query.raw)}


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def walk_json(value: Any) -> Iterator[tuple[Ref, Any]]:
    """Every (where, value) inside a plain JSON value, iteratively.

    `where.text()` is the value's pointer; `where.tokens[-1]` the member name or index.
    """
    stack: list[tuple[Ref, Any]] = [(Ref(None, ()), value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if isinstance(item, dict):
            stack.extend(
                (where.child(k.replace("~", "~0").replace("/", "~1")), v)
                for k, v in reversed(item.items())
            )
        elif isinstance(item, list):
            stack.extend((where.child(str(i)), v) for i, v in reversed(list(enumerate(item))))


@dataclass(frozen=True, slots=True)
class FieldUse:
    """One place a search body names a field: in a query, a sort or an aggregation."""

    field: str
    pointer: str
    role: str  # "query", "sort", "agg" or "fields"
    kind: str  # the query or aggregation type, or "sort"
    filter_context: bool = False


def field_uses(search: SearchBody) -> Iterator[FieldUse]:
    for visit in search.queries():
        query = visit.query
        if query.field and query.kind not in ("ids",):
            where = query.field_pointer or query.pointer
            yield FieldUse(query.field, where, "query", query.kind, visit.filter_context)
        fields = query.params.get("fields") if query.kind in _FIELD_LIST_QUERIES else None
        if isinstance(fields, list):
            for i, name in enumerate(fields):
                if isinstance(name, str):
                    bare = name.split("^", 1)[0]
                    yield FieldUse(
                        bare, f"{query.pointer}/{query.kind}/fields/{i}", "fields", query.kind
                    )
    for key in search.sort:
        if not key.field.startswith("_"):
            yield FieldUse(key.field, key.pointer, "sort", "sort")
    for agg, _ in search.all_aggs():
        name = agg.field
        if name:
            yield FieldUse(name, f"{agg.kind_pointer}/field", "agg", agg.kind)


_FIELD_LIST_QUERIES = frozenset(
    {"multi_match", "query_string", "simple_query_string", "combined_fields"}
)


def leading_wildcard(value: Any) -> bool:
    return isinstance(value, str) and value[:1] in ("*", "?")


def unanchored_regexp(value: Any) -> bool:
    return isinstance(value, str) and value[:2] in (".*", ".+", ".?")
