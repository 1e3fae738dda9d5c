"""## What it does
Flags an index whose `index.refresh_interval` is set below one second.

## Why is this bad?
Each refresh writes a new segment and reopens searchers. Refreshing several times a second
multiplies tiny segments, merge work and cache invalidation (filter and request caches are
dropped for changed segments), slowing both indexing and search.

## Example
```json
PUT events
{ "settings": { "index.refresh_interval": "200ms" } }
```

## Use instead
```json
PUT events/_settings
{ "index": { "refresh_interval": "30s" } }
// or "-1" during a bulk load, then back to "1s"; ask for refresh=wait_for where needed
```

## Evidence
The index setting `index.refresh_interval`. Option: `min_seconds` (1.0).

## Known limits
The default of 1s on an index with heavy bulk ingest and few searches is also worth raising;
the rule cannot tell ingest-heavy indices apart without indexing statistics over time.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-indexing-speed.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import seconds, settings_fix

META = RuleMeta(
    id="OS-C04",
    name="refresh-interval-too-short",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="index.refresh_interval is below one second",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_seconds": 1.0},
)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    value = index.setting("index.refresh_interval")
    interval = seconds(value)
    if index.is_system or interval is None or interval <= 0:
        return
    if interval >= ctx.number("min_seconds"):
        return
    yield META.finding(
        f"{index.name} refreshes every {value}: a new segment and new searchers each time",
        None,
        object=index.name,
        evidence=Evidence.of(refresh_interval=value, seconds=interval),
        fix=settings_fix(
            f"Refresh {index.name} every 30s", index.name, {"refresh_interval": "30s"}
        ),
        anchor=index.name,
    )
