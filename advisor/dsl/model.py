"""The typed model of a search body: queries, aggregations and request options.

Every node keeps the JSON pointer of the object it was read from (relative to the search body),
so a rule can locate it in the file and rebuild a body around it. Values are the plain JSON
values of the request; short forms are expanded into the same fields as long forms
(`{"term": {"f": "v"}}` and `{"term": {"f": {"value": "v"}}}` both give field `f`, value `v`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


# Query kinds the reader understands; anything else becomes a generic node (`known=False`).
LEAF_FIELD_QUERIES = frozenset(
    {
        "term", "prefix", "wildcard", "regexp", "fuzzy", "match", "match_phrase",
        "match_phrase_prefix", "match_bool_prefix", "terms_set", "range", "span_term",
        "geo_distance", "geo_bounding_box", "geo_polygon", "geo_shape", "geo_grid", "xy_shape",
        "knn", "neural", "neural_sparse", "distance_feature", "rank_feature", "intervals",
    }
)  # fmt: skip
TEXT_QUERIES = frozenset({"query_string", "simple_query_string", "multi_match", "combined_fields"})
OTHER_LEAVES = frozenset(
    {
        "terms", "exists", "ids", "match_all", "match_none", "script", "more_like_this",
        "parent_id", "percolate", "wrapper", "template", "span_near", "span_or", "span_not",
        "span_first", "span_multi", "span_containing", "span_within", "field_masking_span",
        "span_field_masking", "pinned",
    }
)  # fmt: skip
COMPOUND_QUERIES = frozenset(
    {
        "bool", "constant_score", "boosting", "dis_max", "function_score", "script_score",
        "nested", "has_child", "has_parent", "hybrid",
    }
)  # fmt: skip
KNOWN_QUERIES = LEAF_FIELD_QUERIES | TEXT_QUERIES | OTHER_LEAVES | COMPOUND_QUERIES

# Term-level queries: exact matches on indexed terms, no analysis, usually no scoring needed.
TERM_LEVEL = frozenset({"term", "terms", "terms_set", "range", "exists", "ids", "prefix"})
MULTI_TERM = frozenset({"prefix", "wildcard", "regexp", "fuzzy"})

BOOL_OCCURS = ("must", "filter", "should", "must_not")
# Roles whose child runs in filter context (no scores, cacheable).
FILTER_ROLES = frozenset({"filter", "must_not", "constant_score.filter", "filter_agg"})


@dataclass(frozen=True, slots=True)
class Ref:
    """A JSON pointer kept as a chain of tokens; its text is made only when asked for.

    Child clauses share their parent's chain, so a query nested 10,000 deep does not hold
    10,000 ever longer pointer strings.
    """

    parent: Ref | None
    tokens: tuple[str, ...]  # escaped reference tokens added to the parent's
    depth: int = 0  # number of tokens from the root

    @classmethod
    def of(cls, pointer: str) -> Ref:
        tokens = tuple(pointer.split("/")[1:]) if pointer else ()
        return cls(None, tokens, len(tokens))

    def child(self, *tokens: str) -> Ref:
        return Ref(self, tokens, self.depth + len(tokens))

    def text(self) -> str:
        parts: list[tuple[str, ...]] = []
        node: Ref | None = self
        while node is not None:
            parts.append(node.tokens)
            node = node.parent
        return "".join(f"/{token}" for tokens in reversed(parts) for token in tokens)


@dataclass(frozen=True, slots=True)
class Query:
    """One query clause: `{"<kind>": <raw>}` at `pointer`.

    `field` and `value` are the queried field and main value (term value, match text, range
    bounds, terms list, query string); `params` are the remaining options of the clause.
    `children` are the sub-queries of compound clauses with their role (`must`, `should`,
    `filter`, `must_not`, `query`, `positive`, `negative`, `queries`, `functions.filter`).
    """

    kind: str
    ref: Ref
    raw: Any
    field: str | None = None
    value: Any = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    children: tuple[tuple[str, Query], ...] = ()
    known: bool = True
    # The member naming the field inside the clause (`status` in `{"term": {"status": ...}}`).
    field_key: str | None = None

    @property
    def pointer(self) -> str:
        """JSON pointer of the clause object `{"<kind>": ...}` in the search body."""
        return self.ref.text()

    @property
    def field_pointer(self) -> str | None:
        """Pointer of the field's own object or value (e.g. `/query/term/status`)."""
        if self.field_key is None:
            return None
        return f"{self.pointer}/{_escape(self.kind)}/{_escape(self.field_key)}"

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def role_children(self, role: str) -> tuple[Query, ...]:
        return tuple(child for r, child in self.children if r == role)

    def walk(self) -> Iterator[QueryVisit]:
        """This query and every query below it, depth first, with filter context tracked."""
        stack: list[QueryVisit] = [QueryVisit(self, None, "", False, 0)]
        while stack:
            visit = stack.pop()
            yield visit
            query = visit.query
            for role, child in reversed(query.children):
                in_filter = visit.filter_context or role in FILTER_ROLES
                stack.append(QueryVisit(child, query, role, in_filter, visit.depth + 1))


@dataclass(frozen=True, slots=True)
class QueryVisit:
    query: Query
    parent: Query | None
    role: str
    filter_context: bool
    depth: int


@dataclass(frozen=True, slots=True)
class Aggregation:
    """One named aggregation `{"<name>": {"<kind>": {...}, "aggs": {...}}}` at `pointer`."""

    name: str
    kind: str
    pointer: str
    params: Mapping[str, Any]
    children: tuple[Aggregation, ...] = ()
    queries: tuple[Query, ...] = ()
    known: bool = True

    @property
    def kind_pointer(self) -> str:
        return f"{self.pointer}/{self.kind}"

    @property
    def field(self) -> str | None:
        value = self.params.get("field")
        return value if isinstance(value, str) else None

    @property
    def size(self) -> int | None:
        value = self.params.get("size")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def walk(self) -> Iterator[tuple[Aggregation, tuple[Aggregation, ...]]]:
        """This aggregation and all below it, each with its ancestors (outermost first)."""
        stack: list[tuple[Aggregation, tuple[Aggregation, ...]]] = [(self, ())]
        while stack:
            agg, parents = stack.pop()
            yield agg, parents
            for child in reversed(agg.children):
                stack.append((child, (*parents, agg)))


@dataclass(frozen=True, slots=True)
class SortKey:
    """One sort criterion: a field, `_score`, `_doc`, `_shard_doc` or a `_script`."""

    field: str
    order: str | None
    pointer: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def is_script(self) -> bool:
        return self.field == "_script"


@dataclass(frozen=True)
class SearchBody:
    """A search body: the query, aggregations and the options that change its cost."""

    raw: Mapping[str, Any]
    query: Query | None = None
    post_filter: Query | None = None
    aggs: tuple[Aggregation, ...] = ()
    aggs_key: str = "aggs"
    from_: int | None = None
    size: int | None = None
    sort: tuple[SortKey, ...] = ()
    search_after: Any = None
    pit: Any = None
    source: Any = None
    docvalue_fields: Any = None
    track_total_hits: Any = None
    timeout: Any = None
    profile: Any = None
    explain: Any = None
    highlight: Any = None
    # Queries found elsewhere in the body (rescore, knn filters, collapse inner hits...).
    extra_queries: tuple[Query, ...] = ()
    unknown_options: tuple[str, ...] = ()

    def has(self, option: str) -> bool:
        return option in self.raw

    def queries(self) -> Iterator[QueryVisit]:
        """Every query clause of the body: main query, post filter, aggregation filters."""
        return iter(self.visits)

    @cached_property
    def visits(self) -> tuple[QueryVisit, ...]:
        # Many rules walk the same body; the walk is done once.
        roots: list[tuple[Query, bool]] = []
        if self.query is not None:
            roots.append((self.query, False))
        if self.post_filter is not None:
            roots.append((self.post_filter, True))
        roots.extend((q, False) for q in self.extra_queries)
        for agg, _ in self.all_aggs():
            roots.extend((q, True) for q in agg.queries)
        out: list[QueryVisit] = []
        for root, in_filter in roots:
            for visit in root.walk():
                if in_filter and not visit.filter_context:
                    visit = QueryVisit(visit.query, visit.parent, visit.role, True, visit.depth)
                out.append(visit)
        return tuple(out)

    def all_aggs(self) -> Iterator[tuple[Aggregation, tuple[Aggregation, ...]]]:
        return iter(self.agg_visits)

    @cached_property
    def agg_visits(self) -> tuple[tuple[Aggregation, tuple[Aggregation, ...]], ...]:
        return tuple(item for agg in self.aggs for item in agg.walk())
