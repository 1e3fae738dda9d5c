"""Builds typed aggregations (`advisor.dsl.model.Aggregation`) at any depth, iteratively."""

from __future__ import annotations

from typing import Any

from advisor.dsl.build import build_query
from advisor.dsl.jsonpos import escape_key
from advisor.dsl.model import Aggregation, Query

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
_SUB_AGGS = ("aggs", "aggregations")


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
