"""Builds the typed model (`advisor.dsl.model`) from plain JSON values.

Both builders are iterative, so a 10,000-level `bool` nests without touching the stack limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.dsl.jsonpos import escape_key
from advisor.dsl.model import (
    BOOL_OCCURS,
    KNOWN_QUERIES,
    LEAF_FIELD_QUERIES,
    TEXT_QUERIES,
    Aggregation,
    Query,
    SearchBody,
    SortKey,
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

KNOWN_AGGS = frozenset(
    {
        "terms",
        "rare_terms",
        "significant_terms",
        "significant_text",
        "multi_terms",
        "cardinality",
        "value_count",
        "avg",
        "sum",
        "min",
        "max",
        "stats",
        "extended_stats",
        "percentiles",
        "percentile_ranks",
        "median_absolute_deviation",
        "weighted_avg",
        "geo_bounds",
        "geo_centroid",
        "top_hits",
        "top_metrics",
        "scripted_metric",
        "matrix_stats",
        "date_histogram",
        "auto_date_histogram",
        "histogram",
        "variable_width_histogram",
        "range",
        "date_range",
        "ip_range",
        "geo_distance",
        "geohash_grid",
        "geotile_grid",
        "geohex_grid",
        "filter",
        "filters",
        "adjacency_matrix",
        "composite",
        "nested",
        "reverse_nested",
        "children",
        "parent",
        "global",
        "missing",
        "sampler",
        "diversified_sampler",
        "avg_bucket",
        "sum_bucket",
        "min_bucket",
        "max_bucket",
        "stats_bucket",
        "extended_stats_bucket",
        "percentiles_bucket",
        "bucket_script",
        "bucket_selector",
        "bucket_sort",
        "cumulative_sum",
        "derivative",
        "moving_avg",
        "moving_fn",
        "serial_diff",
    }
)
KNOWN_OPTIONS = frozenset(
    {
        "query",
        "post_filter",
        "aggs",
        "aggregations",
        "from",
        "size",
        "sort",
        "search_after",
        "pit",
        "_source",
        "docvalue_fields",
        "track_total_hits",
        "timeout",
        "profile",
        "explain",
        "highlight",
        "stored_fields",
        "script_fields",
        "fields",
        "collapse",
        "rescore",
        "suggest",
        "min_score",
        "track_scores",
        "version",
        "seq_no_primary_term",
        "terminate_after",
        "indices_boost",
        "runtime_mappings",
        "ext",
        "stats",
        "slice",
        "search_pipeline",
        "verbose_pipeline",
        "include_named_queries_score",
        "derived",
        "knn",
        "index",
        "preference",
        "routing",
        "search_type",
        "request_cache",
        "allow_partial_search_results",
        "batched_reduce_size",
        "ccs_minimize_roundtrips",
        "typed_keys",
        "phase_took",
        "scroll",
    }
)
_SUB_AGGS = ("aggs", "aggregations")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _query_kind(raw: Any) -> str | None:
    if not isinstance(raw, dict) or not raw:
        return None
    return str(next(iter(raw)))


def _children_of(raw: Any, pointer: str) -> list[tuple[str, Any, str]]:
    """(role, raw child, pointer) of each sub-query of a compound clause."""
    kind = _query_kind(raw)
    if kind is None:
        return []
    body = raw[kind]
    if not isinstance(body, dict):
        return []
    base = f"{pointer}/{escape_key(kind)}"
    out: list[tuple[str, Any, str]] = []

    def add(role: str, key: str) -> None:
        value = body.get(key)
        if isinstance(value, dict):
            out.append((role, value, f"{base}/{key}"))
        elif isinstance(value, list):
            out.extend((role, v, f"{base}/{key}/{i}") for i, v in enumerate(value))

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
                    out.append(
                        ("functions.filter", function["filter"], f"{base}/functions/{i}/filter")
                    )
    return out


def _make(raw: Any, pointer: str, children: tuple[tuple[str, Query], ...]) -> Query:
    kind = _query_kind(raw)
    if kind is None:
        return Query("", pointer, raw, known=False)
    body = raw[kind]
    base = f"{pointer}/{escape_key(kind)}"
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
                field_pointer=f"{base}/{escape_key(name)}",
            )
        if isinstance(spec, dict) and not kind.startswith("geo"):
            key = _VALUE_KEY.get(kind, "value")
            value = spec.get(key, spec.get("wildcard") if kind == "wildcard" else None)
            params = {**outer, **{k: v for k, v in spec.items() if k != key}}
            return Query(
                kind, pointer, body, name, value, params, field_pointer=f"{base}/{escape_key(name)}"
            )
        return Query(
            kind, pointer, body, name, spec, outer, field_pointer=f"{base}/{escape_key(name)}"
        )
    if kind == "terms":
        name = next((k for k in body if k not in _CLAUSE_PARAMS), None)
        params = {k: v for k, v in body.items() if k != name}
        value = body.get(name) if name is not None else None
        fptr = f"{base}/{escape_key(name)}" if name is not None else None
        return Query(kind, pointer, body, name, value, params, field_pointer=fptr)
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

    def __init__(self, raw: Any, pointer: str) -> None:
        self.raw = raw
        self.pointer = pointer
        self.specs = _children_of(raw, pointer)
        self.built: list[Query] = []


def build_query(raw: Any, pointer: str) -> Query:
    """The typed form of the query clause `raw` found at `pointer`."""
    stack = [_Frame(raw, pointer)]
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


def _agg_queries(kind: str, params: Any, base: str) -> tuple[Query, ...]:
    if kind == "filter":
        return (build_query(params, base),)
    if not isinstance(params, dict):
        return ()
    out: list[Query] = []
    if kind in ("filters", "adjacency_matrix"):
        filters = params.get("filters")
        if isinstance(filters, dict):
            out.extend(
                build_query(v, f"{base}/filters/{escape_key(k)}") for k, v in filters.items()
            )
        elif isinstance(filters, list):
            out.extend(build_query(v, f"{base}/filters/{i}") for i, v in enumerate(filters))
    if isinstance(params.get("background_filter"), dict):
        out.append(build_query(params["background_filter"], f"{base}/background_filter"))
    return tuple(out)


def build_aggs(raw: Any, pointer: str) -> tuple[Aggregation, ...]:
    """The aggregations of an `aggs` object at `pointer`, sub-aggregations at any depth."""
    if not isinstance(raw, dict):
        return ()
    # Post-order without recursion: (name, raw, pointer, children list, pending names).
    result: list[Aggregation] = []
    stack: list[tuple[str, Any, str, list[Aggregation], list[tuple[str, Any]]]] = []
    top = [(name, value) for name, value in raw.items()]
    pending_top = list(reversed(top))
    while pending_top or stack:
        if not stack:
            name, value = pending_top.pop()
            stack.append(_agg_frame(name, value, f"{pointer}/{escape_key(name)}"))
            continue
        name, value, agg_pointer, built, pending = stack[-1]
        if pending:
            child_name, child_value = pending.pop()
            stack.append(
                _agg_frame(child_name, child_value, _sub_pointer(value, agg_pointer, child_name))
            )
            continue
        stack.pop()
        agg = _make_agg(name, value, agg_pointer, tuple(built))
        (stack[-1][3] if stack else result).append(agg)
    return tuple(result)


def _sub_pointer(value: Any, agg_pointer: str, child: str) -> str:
    key = "aggs" if isinstance(value, dict) and "aggs" in value else "aggregations"
    return f"{agg_pointer}/{key}/{escape_key(child)}"


def _agg_frame(
    name: str, value: Any, pointer: str
) -> tuple[str, Any, str, list[Aggregation], list[tuple[str, Any]]]:
    subs: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key in _SUB_AGGS:
            if isinstance(value.get(key), dict):
                subs.extend(value[key].items())
                break
    return (name, value, pointer, [], list(reversed(subs)))


def _make_agg(
    name: str, value: Any, pointer: str, children: tuple[Aggregation, ...]
) -> Aggregation:
    if not isinstance(value, dict):
        return Aggregation(name, "", pointer, {}, children, known=False)
    kind = next((k for k in value if k not in (*_SUB_AGGS, "meta")), "")
    params = value.get(kind)
    queries = _agg_queries(kind, params, f"{pointer}/{escape_key(kind)}") if kind else ()
    return Aggregation(
        name,
        kind,
        pointer,
        params if isinstance(params, dict) else {},
        children,
        queries,
        known=kind in KNOWN_AGGS,
    )


def _sort_keys(raw: Any, pointer: str) -> tuple[SortKey, ...]:
    items = raw if isinstance(raw, list) else [raw]
    base = pointer if isinstance(raw, list) else None
    out: list[SortKey] = []
    for i, item in enumerate(items):
        where = f"{pointer}/{i}" if base is not None else pointer
        if isinstance(item, str):
            name, _, order = item.partition(":")
            out.append(SortKey(name, order or None, where))
        elif isinstance(item, dict):
            for name, spec in item.items():
                at = f"{where}/{escape_key(name)}"
                if isinstance(spec, str):
                    out.append(SortKey(name, spec, at))
                elif isinstance(spec, dict):
                    direction = spec.get("order")
                    text = direction if isinstance(direction, str) else None
                    out.append(SortKey(name, text, at, spec))
                else:
                    out.append(SortKey(name, None, at))
    return tuple(out)


def build_search(raw: Mapping[str, Any]) -> SearchBody:
    """The typed form of a search body (pointers relative to the body)."""
    query = build_query(raw["query"], "/query") if isinstance(raw.get("query"), dict) else None
    post = raw.get("post_filter")
    post_filter = build_query(post, "/post_filter") if isinstance(post, dict) else None
    aggs_key = "aggs" if "aggs" in raw else "aggregations"
    extra: list[Query] = []
    rescore = raw.get("rescore")
    for i, item in enumerate(rescore if isinstance(rescore, list) else [rescore]):
        if isinstance(item, dict) and isinstance(item.get("query"), dict):
            rq = item["query"].get("rescore_query")
            where = f"/rescore/{i}" if isinstance(rescore, list) else "/rescore"
            if isinstance(rq, dict):
                extra.append(build_query(rq, f"{where}/query/rescore_query"))
    return SearchBody(
        raw=raw,
        query=query,
        post_filter=post_filter,
        aggs=build_aggs(raw.get(aggs_key), f"/{aggs_key}"),
        aggs_key=aggs_key,
        from_=_int(raw.get("from")),
        size=_int(raw.get("size")),
        sort=_sort_keys(raw["sort"], "/sort") if "sort" in raw else (),
        search_after=raw.get("search_after"),
        pit=raw.get("pit"),
        source=raw.get("_source"),
        docvalue_fields=raw.get("docvalue_fields"),
        track_total_hits=raw.get("track_total_hits"),
        timeout=raw.get("timeout"),
        profile=raw.get("profile"),
        explain=raw.get("explain"),
        highlight=raw.get("highlight"),
        extra_queries=tuple(extra),
        unknown_options=tuple(k for k in raw if k not in KNOWN_OPTIONS),
    )
