"""## What it does
Flags `search_after` paging whose `sort` has no unique key: none of its fields is `_id`,
`_shard_doc`, a field named in the option `unique_fields`, or the id of the entity the index is
named after (`geonameid` or `geoname_id` in `geonames`, `order_id` in `orders`; a keyword or
integer field when the mapping is known).

## Why is this bad?
`search_after` resumes after the sort values of the last hit. When several documents share
those values, the next page can skip some of them or repeat them: pages silently lose hits.

## Example
```json
GET logs-*/_search
{ "size": 100, "sort": [{ "@timestamp": "desc" }], "search_after": [1718000000000] }
```

## Use instead
```json
GET logs-*/_search
{ "size": 100, "sort": [{ "@timestamp": "desc" }, { "event_id": "asc" }],
  "search_after": [1718000000000, "e-42"] }
```
(`event_id` a unique keyword field; with a PIT on 3.3+, `{"_shard_doc": "asc"}`).

## Evidence
The request body (`sort`, `search_after`), the index it targets and, when known, the mapping's
field types.

## Known limits
Whether a field is unique is not in the mapping; name your unique keys in `unique_fields`. The
entity-id convention is a naming guess: a field so named that is not unique is missed.

## References
- https://docs.opensearch.org/latest/search-plugins/searching-data/paginate/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, as_list, body_copy, body_fix, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q13",
    name="search-after-without-tiebreaker",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="search_after sort with no unique tiebreaker",
    fix_safety=FixSafety.UNSAFE,
    options={"unique_fields": ["_id", "_shard_doc", "id", "doc_id"], "tiebreaker": "doc_id"},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or search.search_after is None:
        return
    unique = set(as_list(ctx.option("unique_fields")))
    entity_ids = _entity_ids(request.indices)
    if any(key.field in unique or _is_entity_id(key.field, entity_ids, ctx) for key in search.sort):
        return
    tiebreaker = str(ctx.option("tiebreaker"))
    body = body_copy(request)
    body["sort"] = [*as_list(body.get("sort")), {tiebreaker: "asc"}]
    body["search_after"] = [*as_list(body.get("search_after")), f"<{tiebreaker} of the last hit>"]
    fields = ", ".join(k.field for k in search.sort) or "none"
    yield report(
        META,
        request,
        "/search_after",
        f"search_after sorts on {fields} only; hits with equal sort values can be skipped "
        "or repeated between pages",
        evidence=Evidence.of(sort=fields),
        fix=body_fix(
            f"Add a unique last sort key (`{tiebreaker}`, option `tiebreaker`)",
            FixSafety.UNSAFE,
            body,
        ),
    )


# Field types an id is stored as; a text field is analysed and cannot be a sort key.
_ID_TYPES = frozenset({"keyword", "long", "integer", "short", "unsigned_long"})


def _entity_ids(indices: tuple[str, ...]) -> frozenset[str]:
    """`<entity>id` for each index the request names: the name and its singular, with
    wildcards, separators and a trailing date or number left out (`orders-2024*` -> order)."""
    out: set[str] = set()
    for index in indices:
        if index.startswith("_"):
            continue  # _all, _search ...
        name = re.sub(r"[^a-z]", "", re.sub(r"[-_.*]*[\d.*-]*$", "", index.lower()))
        if not name:
            continue
        out.add(f"{name}id")
        if name.endswith("s") and len(name) > 2:
            out.add(f"{name[:-1]}id")
    return frozenset(out)


def _is_entity_id(field: str, entity_ids: frozenset[str], ctx: DslContext) -> bool:
    if field.replace("_", "").replace("-", "").lower() not in entity_ids:
        return False
    info = ctx.field(field)
    return info is None or info.type in _ID_TYPES
