"""Builds typed query clauses (`advisor.dsl.model.Query`) from plain JSON values.

The builder is iterative, so a 10,000-level `bool` nests without touching the stack limit.
"""

from __future__ import annotations

from typing import Any

from advisor.dsl.jsonpos import escape_key
from advisor.dsl.model import (
    BOOL_OCCURS,
    KNOWN_QUERIES,
    LEAF_FIELD_QUERIES,
    TEXT_QUERIES,
    Query,
    Ref,
)

_CLAUSE_PARAMS = frozenset({"boost", "_name", "value_type", "ignore_unmapped"})
_GEO_PARAMS = frozenset(
    {"distance", "distance_type", "validation_method", "type", "relation", "ignore_unmapped"}
)
_VALUE_KEY = {
    "term": "value", "prefix": "value", "wildcard": "value", "regexp": "value",
    "fuzzy": "value", "span_term": "value", "match": "query", "match_phrase": "query",
    "match_phrase_prefix": "query", "match_bool_prefix": "query", "terms_set": "terms",
    "knn": "vector", "neural": "query_text", "rank_feature": "field",
}  # fmt: skip
_RANGE_BOUNDS = ("gt", "gte", "lt", "lte", "from", "to")


def _query_kind(raw: Any) -> str | None:
    if not isinstance(raw, dict) or not raw:
        return None
    return str(next(iter(raw)))


def _children_of(raw: Any, ref: Ref) -> list[tuple[str, Any, Ref]]:
    """(role, raw child, where) of each sub-query of a compound clause."""
    kind = _query_kind(raw)
    if kind is None:
        return []
    body = raw[kind]
    if not isinstance(body, dict):
        return []
    name = escape_key(kind)
    out: list[tuple[str, Any, Ref]] = []

    def add(role: str, key: str) -> None:
        value = body.get(key)
        if isinstance(value, dict):
            out.append((role, value, ref.child(name, key)))
        elif isinstance(value, list):
            out.extend((role, v, ref.child(name, key, str(i))) for i, v in enumerate(value))

    if kind == "bool":
        for occur in BOOL_OCCURS:
            add(occur, occur)
    elif kind == "constant_score":
        add("constant_score.filter", "filter")
    elif kind == "boosting":
        add("positive", "positive")
        add("negative", "negative")
    elif kind in ("dis_max", "hybrid"):
        add("queries", "queries")
    elif kind in ("function_score", "script_score", "nested", "has_child", "has_parent"):
        add("query", "query")
        if kind == "function_score" and isinstance(body.get("functions"), list):
            for i, function in enumerate(body["functions"]):
                if isinstance(function, dict) and isinstance(function.get("filter"), dict):
                    where = ref.child(name, "functions", str(i), "filter")
                    out.append(("functions.filter", function["filter"], where))
    return out


def _make(raw: Any, pointer: Ref, children: tuple[tuple[str, Query], ...]) -> Query:
    kind = _query_kind(raw)
    if kind is None:
        return Query("", pointer, raw, known=False)
    body = raw[kind]
    if kind not in KNOWN_QUERIES:
        return Query(kind, pointer, body, children=children, known=False)
    if not isinstance(body, dict):
        return Query(kind, pointer, body, children=children)
    if kind in LEAF_FIELD_QUERIES:
        skip = _GEO_PARAMS if kind.startswith("geo") or kind == "xy_shape" else _CLAUSE_PARAMS
        name = next((k for k in body if k not in skip), None)
        if name is None:
            return Query(kind, pointer, body, params=body)
        outer = {k: v for k, v in body.items() if k != name}
        spec = body[name]
        if kind == "range" and isinstance(spec, dict):
            bounds = {k: v for k, v in spec.items() if k in _RANGE_BOUNDS}
            params = {**outer, **{k: v for k, v in spec.items() if k not in _RANGE_BOUNDS}}
            return Query(
                kind,
                pointer,
                body,
                name,
                bounds,
                params,
                field_key=name,
            )
        if isinstance(spec, dict) and not kind.startswith("geo"):
            key = _VALUE_KEY.get(kind, "value")
            value = spec.get(key, spec.get("wildcard") if kind == "wildcard" else None)
            params = {**outer, **{k: v for k, v in spec.items() if k != key}}
            return Query(kind, pointer, body, name, value, params, field_key=name)
        return Query(kind, pointer, body, name, spec, outer, field_key=name)
    if kind == "terms":
        name = next((k for k in body if k not in _CLAUSE_PARAMS), None)
        params = {k: v for k, v in body.items() if k != name}
        value = body.get(name) if name is not None else None
        return Query(kind, pointer, body, name, value, params, field_key=name)
    if kind == "exists":
        name = body.get("field")
        return Query(kind, pointer, body, name if isinstance(name, str) else None, None, body)
    if kind == "ids":
        return Query(kind, pointer, body, "_id", body.get("values"), body)
    if kind in TEXT_QUERIES:
        default = body.get("default_field")
        return Query(
            kind,
            pointer,
            body,
            default if isinstance(default, str) else None,
            body.get("query"),
            body,
            children,
        )
    if kind == "script":
        return Query(kind, pointer, body, None, body.get("script"), body, children)
    return Query(kind, pointer, body, None, None, body, children)


class _Frame:
    __slots__ = ("built", "pointer", "raw", "specs")

    def __init__(self, raw: Any, pointer: Ref) -> None:
        self.raw = raw
        self.pointer = pointer
        self.specs = _children_of(raw, pointer)
        self.built: list[Query] = []


def build_query(raw: Any, pointer: str | Ref) -> Query:
    """The typed form of the query clause `raw` found at `pointer`."""
    stack = [_Frame(raw, Ref.of(pointer) if isinstance(pointer, str) else pointer)]
    while True:
        frame = stack[-1]
        done = len(frame.built)
        if done < len(frame.specs):
            _, child_raw, child_pointer = frame.specs[done]
            stack.append(_Frame(child_raw, child_pointer))
            continue
        stack.pop()
        roles = tuple(role for role, _, _ in frame.specs)
        query = _make(frame.raw, frame.pointer, tuple(zip(roles, frame.built, strict=True)))
        if not stack:
            return query
        stack[-1].built.append(query)
