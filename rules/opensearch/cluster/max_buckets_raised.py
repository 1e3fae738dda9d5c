"""## What it does
Flags a cluster whose `search.max_buckets` is raised above the default 65,535.

## Why is this bad?
The limit stops a single aggregation from building millions of buckets in memory on the
coordinating node. Raising it lets every aggregation on the cluster grow that large, inviting
breaker trips and heap pressure.

## Example
```json
PUT _cluster/settings
{ "persistent": { "search.max_buckets": 1000000 } }
```

## Use instead
```json
PUT _cluster/settings
{ "persistent": { "search.max_buckets": null } }
// and page large aggregations with composite + after
```

## Evidence
The cluster setting `search.max_buckets`. Option: `max_buckets` (65535).

## Known limits
Does not know which aggregation needed the raise; the static rules OS-Q27 and OS-Q31 find them
in request files.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/search-settings/
- https://docs.opensearch.org/latest/aggregations/bucket/composite/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import as_int, settings_fix

META = RuleMeta(
    id="OS-C19",
    name="max-buckets-raised",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="search.max_buckets is raised above 65,535",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_buckets": 65535},
)


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    value = as_int(snapshot.cluster.setting("search.max_buckets"), 65535)
    if value <= ctx.number("max_buckets"):
        return
    yield META.finding(
        f"search.max_buckets is {value:,}: every aggregation may build that many buckets",
        None,
        object=snapshot.cluster.name or None,
        evidence=Evidence.of(max_buckets=value, default=65535),
        fix=settings_fix(
            "Restore the bucket limit and page large aggregations with composite",
            "_cluster",
            {"search.max_buckets": None},
        ),
        anchor="search.max_buckets",
    )
