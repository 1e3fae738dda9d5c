"""## What it does
Flags yes/no clauses in scoring context: `term`, `terms`, `range`, `exists` and `ids` as direct
children of `bool.must`, or as the whole top-level query.

## Why is this bad?
These clauses match or do not; a score for them is meaningless, but in `must` it is computed
anyway, and scored clauses are not eligible for the node query cache. In `filter` the same
clause skips scoring and its result can be cached and reused across requests.

## Example
```json
GET products/_search
{ "query": { "bool": { "must": [ { "match": { "title": "shoes" } },
                                 { "term": { "status": "active" } } ] } } }
```

## Use instead
```json
GET products/_search
{ "query": { "bool": { "must": [ { "match": { "title": "shoes" } } ],
                       "filter": [ { "term": { "status": "active" } } ] } } }
```

## Fix safety
Safe when the search sorts by a field (scores are not used); unsafe (`--unsafe-fixes`) otherwise,
since moving a clause to filter context changes the scores. The edit replaces only the clause.

## Evidence
The request body; with a mapping, the field's type (yes/no clauses on `text` fields are left
alone). Only requests that compute scores are checked: a request with `size: 0` (an
aggregation or count request), or one sorted by fields only without `track_scores`, scores
nothing, so Lucene already runs its `must` clauses without scores and may cache them.

## Known limits
Moving a clause out of `must` removes its contribution to `_score`, so hit order can change
when results are sorted by score: the fix is safe only when the request sorts by fields.

## References
- https://docs.opensearch.org/latest/query-dsl/query-filter-context/
- https://docs.opensearch.org/latest/query-dsl/compound/bool/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.model import Query
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import (
    DslContext,
    as_list,
    clause,
    queries,
    report,
    rewrite_fix,
    scores_computed,
)
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q17",
    name="scored-yes-no-clause",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="term/range/exists clauses scored in must instead of filtered",
    fix_safety=FixSafety.UNSAFE,
)

_YES_NO = frozenset({"term", "terms", "range", "exists", "ids"})


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    # `_count` and `_validate/query` compute no scores, so there is nothing to save there.
    if search is None or request.endpoint in ("_count", "_validate/query"):
        return
    if not scores_computed(request):
        return
    sorted_by_field = bool(search.sort) and all(k.field != "_score" for k in search.sort)
    # Sorted by fields, scores only decorate the hits (track_scores); min_score filters on them.
    safe = sorted_by_field and search.raw.get("min_score") is None
    safety = FixSafety.SAFE if safe else FixSafety.UNSAFE
    top = search.query
    if top is not None and top.kind in _YES_NO and _eligible(top, ctx):
        yield report(
            META,
            request,
            top.pointer,
            f"top-level `{top.kind}` query on `{top.field}` is scored; run it as a filter",
            evidence=Evidence.of(clause=top.kind, field=top.field),
            fix=rewrite_fix(
                "Run the clause in `bool.filter`",
                safety,
                request,
                top.pointer,
                {"bool": {"filter": [clause(top)]}},
            ),
        )
    for visit in queries(request, "bool"):
        if visit.filter_context:
            continue
        moved = [q for q in visit.query.role_children("must") if q.kind in _YES_NO]
        moved = [q for q in moved if _eligible(q, ctx)]
        if not moved:
            continue
        first = moved[0]
        names = ", ".join(f"{q.kind} on `{q.field}`" for q in moved)
        yield report(
            META,
            request,
            first.pointer,
            f"{names} in `bool.must` {'is' if len(moved) == 1 else 'are'} scored for nothing; "
            "move to `bool.filter`",
            evidence=Evidence.of(clauses=len(moved), clause=first.kind, field=first.field),
            fix=rewrite_fix(
                "Move the yes/no clauses from `must` to `filter`",
                safety,
                request,
                visit.query.pointer,
                _moved(visit.query, moved),
            ),
        )


def _eligible(query: Query, ctx: DslContext) -> bool:
    info = ctx.field(query.field)
    return info is None or not info.is_text


def _moved(bool_query: Query, moved: list[Query]) -> dict[str, Any]:
    body = dict(bool_query.raw) if isinstance(bool_query.raw, dict) else {}
    pointers = {q.pointer for q in moved}
    keep = [clause(q) for q in bool_query.role_children("must") if q.pointer not in pointers]
    if keep:
        body["must"] = keep
    else:
        body.pop("must", None)
    body["filter"] = [*as_list(body.get("filter")), *(clause(q) for q in moved)]
    return {"bool": body}
