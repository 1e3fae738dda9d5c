"""## What it does
Flags a `_search` body that has a query or aggregations but no `timeout` (and no `timeout`
query-string parameter).

## Why is this bad?
The cluster defaults `search.default_search_timeout` and `search.cancel_after_time_interval`
are `-1`: a runaway query keeps its shards busy until it finishes, however long that is, while
the user has long given up.

## Example
```json
GET products/_search
{ "query": { "match": { "title": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "timeout": "2s", "query": { "match": { "title": "shoes" } } }
```
or set the cluster defaults.

## Evidence
The request body and request line. The cluster settings are not read in static mode: the rule
assumes the defaults.

## Known limits
Off by default (it would fire on most requests written without a cluster in mind): select
`OS-Q26` to run it. When the cluster sets a default timeout the finding is noise. A timeout
returns partial results, so the fix is unsafe. The value is the option `timeout`.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/search-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, body_copy, body_fix, report
from advisor.model import Evidence, Finding, FixSafety, OptionSpec, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q26",
    name="no-timeout",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Search without a timeout",
    fix_safety=FixSafety.UNSAFE,
    options={"timeout": "2s"},
    option_specs={
        "timeout": OptionSpec(str, None, doc="An OpenSearch time value, such as 2s or 500ms."),
    },
    # Most requests in the wild carry no timeout; as a default it would drown other findings.
    default_on=False,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or request.endpoint not in ("_search", "_msearch"):
        return
    if search.timeout is not None or "timeout" in request.params:
        return
    if search.query is None and not search.aggs:
        return
    value = str(ctx.option("timeout"))
    body = {"timeout": value, **body_copy(request)}
    yield report(
        META,
        request,
        "",
        "search has no timeout; with the cluster defaults it runs until it completes",
        evidence=Evidence.of(timeout=None),
        fix=body_fix(f'Add `"timeout": "{value}"`', FixSafety.UNSAFE, body),
    )
