"""## What it does
Flags `from`/`size` paging that goes deep: `from + size` above `index.max_result_window`
(10,000 by default) is an error; `from` above 1,000 is a warning.

## Why is this bad?
To return hits `from .. from+size`, every shard collects and sorts its top `from + size` hits
and the coordinating node merges `shards × (from + size)` of them, so each page costs more than
the last. Past `index.max_result_window` OpenSearch rejects the request.

## Example
```json
GET logs-*/_search
{ "from": 20000, "size": 50, "sort": [{ "@timestamp": "desc" }] }
```

## Use instead
```json
POST logs-*/_search/point_in_time?keep_alive=1m

GET _search
{ "size": 50, "pit": { "id": "<pit id>", "keep_alive": "1m" },
  "sort": [{ "@timestamp": "desc" }, { "event_id": "asc" }],
  "search_after": ["<sort values of the last hit of the previous page>"] }
```

## Evidence
The request body (`from`, `size`, `sort`) and the `from`/`size` query-string parameters.

## Known limits
`max_result_window` can be raised per index; set the option to match (see OS-C05 for why not
to raise it).

## References
- https://docs.opensearch.org/latest/search-plugins/searching-data/paginate/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, body_copy, body_fix, number, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q11",
    name="deep-pagination",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Deep from/size paging; rejected past index.max_result_window",
    fix_safety=FixSafety.UNSAFE,
    options={"max_result_window": 10000, "warn_from": 1000},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None:
        return
    start = search.from_ if search.from_ is not None else number(request.params.get("from"))
    size = search.size if search.size is not None else number(request.params.get("size"))
    start = start or 0
    size = 10 if size is None else size
    window = ctx.number("max_result_window")
    if start + size > window:
        severity, message = (
            Severity.ERROR,
            f"from + size = {int(start + size)} exceeds max_result_window {int(window)}; "
            "the request is rejected",
        )
    elif start > ctx.number("warn_from"):
        severity, message = (
            META.severity,
            f"from = {int(start)}: every shard sorts {int(start + size)} hits for one page",
        )
    else:
        return
    pointer = "/from" if "from" in search.raw else ("/size" if "size" in search.raw else None)
    yield report(
        META,
        request,
        pointer,
        message,
        evidence=Evidence.of(from_=int(start), size=int(size), max_result_window=int(window)),
        fix=body_fix(
            "Page with a point in time and `search_after` instead of `from`",
            FixSafety.UNSAFE,
            _search_after(body_copy(request), int(size)),
        ),
        severity=severity,
    )


def _search_after(body: Any, size: int) -> Any:
    body.pop("from", None)
    body["size"] = min(size, 10000)
    sort = body.get("sort")
    keys = sort if isinstance(sort, list) else ([sort] if sort else [{"_score": "desc"}])
    body["sort"] = [*keys, {"<unique keyword field>": "asc"}]
    body["pit"] = {
        "id": "<id from POST <index>/_search/point_in_time?keep_alive=1m>",
        "keep_alive": "1m",
    }
    body["search_after"] = ["<sort values of the last hit of the previous page>"]
    return body
