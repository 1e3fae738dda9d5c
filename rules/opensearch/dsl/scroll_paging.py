"""## What it does
Flags a search that opens a scroll context (`?scroll=` in the request line) with a small page
size, as used for interactive paging, or whose file never clears the scroll
(`DELETE _search/scroll`).

## Why is this bad?
Each scroll keeps a search context, with its segments, open on every shard until it expires.
Open contexts are capped per node (`search.max_open_scroll_context`, 500) and pin segments
that merging would otherwise free. Scroll is meant for one-off exports, not for users paging.

## Example
```json
GET products/_search?scroll=10m
{ "size": 20, "query": { "match": { "title": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "size": 20, "query": { "match": { "title": "shoes" } },
  "pit": { "id": "<pit id>", "keep_alive": "1m" },
  "sort": [{ "_score": "desc" }, { "sku": "asc" }] }
```
and for exports, `DELETE _search/scroll/<scroll id>` when done.

## Evidence
The request line, the body's `size` and the other requests of the same file.

## Known limits
A scroll cleared by application code outside the file is not seen; the "small page" threshold
is the option `max_interactive_size`.

## References
- https://docs.opensearch.org/latest/search-plugins/searching-data/paginate/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/search-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, number, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q12",
    name="scroll-paging",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Scroll used for interactive paging, or never cleared",
    fix_safety=FixSafety.ADVISORY,
    options={"max_interactive_size": 100},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    keep_alive = request.params.get("scroll")
    if keep_alive is None or not request.endpoint.startswith("_search"):
        return
    body_size = request.search.size if request.search is not None else None
    found = body_size if body_size is not None else number(request.params.get("size"))
    size = 10.0 if found is None else float(found)
    cleared = any(r.method == "DELETE" and "_search/scroll" in r.path for r in ctx.file_requests)
    if size <= ctx.number("max_interactive_size"):
        message = f"scroll with pages of {int(size)} hits looks like interactive paging"
        fix = advice("Page with a point in time and `search_after`")
    elif not cleared:
        message = "scroll context is never cleared in this file; it stays open until it expires"
        fix = advice("Send `DELETE _search/scroll/<scroll id>` after the last page")
    else:
        return
    yield report(
        META,
        request,
        None,
        message,
        evidence=Evidence.of(scroll=keep_alive, size=int(size), cleared=cleared),
        fix=fix,
    )
