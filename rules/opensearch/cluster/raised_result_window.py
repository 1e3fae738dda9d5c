"""## What it does
Flags an index whose `index.max_result_window` is raised above the default 10,000.

## Why is this bad?
`from + size` paging makes every shard collect and sort `from + size` hits and ship them to the
coordinating node: memory and time grow with the page depth, on every shard, for every page.
The limit exists to stop exactly that; raising it invites deep paging into production.

## Example
```json
PUT products/_settings
{ "index.max_result_window": 50000 }
```

## Use instead
```json
PUT products/_settings
{ "index": { "max_result_window": null } }
// and page with a point in time plus search_after:
POST products/_search/point_in_time?keep_alive=1m
```

## Evidence
The index setting `index.max_result_window`. Option: `max_window` (10000).

## Known limits
Does not know whether any request pages that deep; the static rule OS-Q11 finds those.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
- https://docs.opensearch.org/latest/search-plugins/searching-data/paginate/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import as_int, settings_fix

META = RuleMeta(
    id="OS-C05",
    name="raised-result-window",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.MEDIUM,
    summary="index.max_result_window is raised above 10,000",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_window": 10000},
)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    window = as_int(index.setting("index.max_result_window"), 10000)
    if index.is_system or window <= ctx.number("max_window"):
        return
    yield META.finding(
        f"{index.name} allows from + size up to {window:,}: deep pages cost heap on every shard",
        None,
        object=index.name,
        evidence=Evidence.of(max_result_window=window, default=10000),
        fix=settings_fix(
            f"Restore the default window on {index.name} and page with PIT + search_after",
            index.name,
            {"max_result_window": None},
        ),
        anchor=index.name,
    )
