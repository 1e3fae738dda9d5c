"""Builds the typed search body (`advisor.dsl.model.SearchBody`): query, aggs and options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.dsl.build import build_query
from advisor.dsl.build_aggs import build_aggs
from advisor.dsl.jsonpos import escape_key
from advisor.dsl.model import Query, SearchBody, SortKey

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


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        digits = value.strip()
        # Past 19 digits it is beyond OpenSearch's long (and a 5,000-digit string beyond int()).
        return int(digits) if len(digits) <= 19 else 2**63 - 1
    return None


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
