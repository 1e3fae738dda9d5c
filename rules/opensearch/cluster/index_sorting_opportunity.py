"""## What it does
Flags an index without index sorting when most of the searches seen for it (profiled requests
and Query Insights top queries) sort on the same field.

## Why is this bad?
Without index sorting every search that sorts must visit all matching documents to find the
top hits. With `index.sort.field` matching the query's sort, and `track_total_hits: false`, a
shard can stop after collecting `size` documents (early termination).

## Example
```json
GET logs/_search
{ "size": 20, "sort": [ { "ts": "desc" } ], "query": { "term": { "host": "a" } } }
```

## Use instead
```json
PUT logs-v2
{ "settings": { "index.sort.field": "ts", "index.sort.order": "desc" } }
GET logs-v2/_search
{ "size": 20, "sort": [ { "ts": "desc" } ], "track_total_hits": false }
```

## Evidence
The bodies of the profiled requests and of Query Insights top queries (their `sort`), the
indices they target, and each index's `index.sort.field`. Options: `min_requests` (3),
`min_share` (0.6).

## Known limits
Sees only the requests given to `--profile` and those Query Insights kept; index sorting is set
at creation, so the fix is a new index and a reindex. Slows indexing somewhat.

## References
- https://docs.opensearch.org/latest/im-plugin/index-sorting/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/index-modules-index-sorting.html
"""

from __future__ import annotations

import fnmatch
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from advisor.dsl.console import request
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import call_fix

META = RuleMeta(
    id="OS-C15",
    name="index-sorting-opportunity",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="Most searches of an index sort on one field the index is not sorted by",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_requests": 3, "min_share": 0.6},
)


def first_sort(body: Any) -> tuple[str, str] | None:
    """The first sort key of a search body and its order, ignoring `_score`."""
    if not isinstance(body, dict):
        return None
    sort = body.get("sort")
    first = sort[0] if isinstance(sort, list) and sort else sort
    if isinstance(first, str):
        return None if first == "_score" else (first, "asc")
    if isinstance(first, dict) and len(first) == 1:
        name, spec = next(iter(first.items()))
        order = spec.get("order", "asc") if isinstance(spec, dict) else str(spec)
        return None if name.startswith("_") else (name, order)
    return None


def _targets(pattern: str, index: str) -> bool:
    return any(fnmatch.fnmatchcase(index, p) for p in pattern.split(",") if p)


def _bodies(ctx: OsContext, index: str) -> Iterator[Any]:
    for profile in ctx.opensearch.profiles:
        if _targets(profile.index, index):
            yield json.loads(profile.body)
    for query in ctx.opensearch.insights.top_queries:
        if index in query.indices:
            try:
                yield json.loads(query.source)
            except ValueError:
                continue


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    if index.is_system or index.setting("index.sort.field"):
        return
    bodies = list(_bodies(ctx, index.name))
    if len(bodies) < ctx.number("min_requests"):
        return
    sorts = Counter(s for s in map(first_sort, bodies) if s is not None)
    if not sorts:
        return
    (field, order), count = sorts.most_common(1)[0]
    if count / len(bodies) < ctx.number("min_share"):
        return
    settings = {"index.sort.field": field, "index.sort.order": order}
    yield META.finding(
        f"{index.name}: {count} of {len(bodies)} searches sort on {field} {order}, but the "
        "index is not sorted",
        None,
        object=index.name,
        evidence=Evidence.of(sort_field=field, order=order, sorting=count, searches=len(bodies)),
        fix=call_fix(
            f"Create the next {index.name} sorted by {field} and query with "
            "track_total_hits: false",
            request("PUT", f"{index.name}-sorted", {"settings": settings}),
            request(
                "POST",
                "_reindex",
                {"source": {"index": index.name}, "dest": {"index": f"{index.name}-sorted"}},
                compact=True,
            ),
        ),
        anchor=index.name,
    )
