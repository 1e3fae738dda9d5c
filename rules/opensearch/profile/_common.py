"""Helpers shared by the OpenSearch profile rules: shares of time, naming nodes, fixes."""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model_opensearch import OsProfile, OsProfileNode, OsShardProfile

# Lucene query types whose cost grows with the term dictionary or runs code per document.
EXPENSIVE_TYPES = frozenset(
    {
        "WildcardQuery",
        "RegexpQuery",
        "AutomatonQuery",
        "FuzzyQuery",
        "PrefixQuery",
        "MultiTermQueryConstantScoreWrapper",
        "MultiTermQueryConstantScoreBlendedWrapper",
        "ScriptQuery",
        "ScriptScoreQuery",
        "ToParentBlockJoinQuery",
        "ToChildBlockJoinQuery",
        "HasChildQuery",
        "HasParentQuery",
        "LateParsingQuery",
    }
)

# The static rule that explains the request-level fix for each expensive node type.
STATIC_RULE = {
    "WildcardQuery": "OS-Q01",
    "MultiTermQueryConstantScoreWrapper": "OS-Q01/OS-Q02/OS-Q22",
    "MultiTermQueryConstantScoreBlendedWrapper": "OS-Q01/OS-Q02/OS-Q22",
    "AutomatonQuery": "OS-Q02",
    "RegexpQuery": "OS-Q02",
    "FuzzyQuery": "OS-Q04",
    "PrefixQuery": "OS-Q22",
    "ScriptQuery": "OS-Q08",
    "ScriptScoreQuery": "OS-Q08",
    "ToParentBlockJoinQuery": "OS-Q23",
    "ToChildBlockJoinQuery": "OS-Q23",
    "HasChildQuery": "OS-Q23",
    "HasParentQuery": "OS-Q23",
    "LateParsingQuery": "OS-Q23",
}

MS = 1_000_000


def ms(nanos: float) -> float:
    return round(nanos / MS, 2)


def short(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def roots(profile: OsProfile) -> Iterator[tuple[OsShardProfile, OsProfileNode]]:
    """The root of every query tree, with its shard."""
    for shard in profile.shards:
        for search in shard.searches:
            for root in search.query:
                yield shard, root


def slowest_shard_root(profile: OsProfile) -> tuple[OsShardProfile, OsProfileNode] | None:
    """The query tree of the shard that spent most time in it (findings report one shard)."""
    found = list(roots(profile))
    return max(found, key=lambda pair: pair[1].time_ns) if found else None


def anchor(profile: OsProfile, *parts: str) -> str:
    return " ".join((profile.index, *parts))


def query_label(indices: tuple[str, ...], source: str) -> str:
    """A top query named by its indices and the start of its body, for messages."""
    return f"{','.join(indices) or '?'} {short(source, 60)}"


_YES_NO_CLAUSES = ("term", "terms", "range", "exists")


def _names_field(clause: object, field: str) -> bool:
    if not isinstance(clause, dict) or len(clause) != 1:
        return False
    kind, spec = next(iter(clause.items()))
    if kind not in _YES_NO_CLAUSES or not isinstance(spec, dict):
        return False
    return spec.get("field") == field if kind == "exists" else field in spec


def move_to_filter(body: object, field: str) -> object | None:
    """The body with the yes/no clauses on `field` moved from `bool.must` to `bool.filter`
    (a new object; None when no such clause is found)."""
    moved = False

    def rewrite(node: object) -> object:
        nonlocal moved
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: rewrite(value) for key, value in node.items()}
        inner = out.get("bool")
        if isinstance(inner, dict):
            must = inner.get("must")
            clauses = must if isinstance(must, list) else [must] if must is not None else []
            keep = [c for c in clauses if not _names_field(c, field)]
            if len(keep) < len(clauses):
                moved = True
                filters = inner.get("filter")
                existing = filters if isinstance(filters, list) else [filters] if filters else []
                inner = {**inner, "filter": [*existing, *(c for c in clauses if c not in keep)]}
                if keep:
                    inner["must"] = keep
                else:
                    inner.pop("must")
                out["bool"] = inner
        return out

    result = rewrite(body)
    return result if moved else None
