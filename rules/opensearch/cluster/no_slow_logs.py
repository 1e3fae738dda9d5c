"""## What it does
Flags an index with every search slow-log threshold off (`-1`, the default) while the
request-level slow log (`cluster.search.request.slowlog.threshold.*`) is off as well.

## Why is this bad?
Without a slow log nobody sees which searches are slow, on which shard, with which body, until
users complain; the log costs nothing for fast queries and thresholds are dynamic.

## Example
```json
GET products/_settings?include_defaults=true&filter_path=**.slowlog
// every threshold "-1"
```

## Use instead
```json
PUT products/_settings
{ "index": { "search.slowlog.threshold.query.warn": "10s",
             "search.slowlog.threshold.query.info": "5s",
             "search.slowlog.threshold.query.debug": "2s",
             "search.slowlog.threshold.query.trace": "500ms",
             "search.slowlog.threshold.fetch.warn": "1s" } }
```

## Evidence
Index settings `index.search.slowlog.threshold.{query,fetch}.*` and the cluster settings
`cluster.search.request.slowlog.threshold.*`.

## Known limits
One finding per index; the request-level slow log, when on, counts for every index. Keep low
thresholds temporary on busy clusters.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/logs/
- https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf04-bp01.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import seconds, settings_fix

META = RuleMeta(
    id="OS-C06",
    name="no-slow-logs",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="Search slow logs are off for an index (and at request level)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

INDEX_PREFIX = "index.search.slowlog.threshold."
CLUSTER_PREFIX = "cluster.search.request.slowlog.threshold."
SUGGESTED = {
    "search.slowlog.threshold.query.warn": "10s",
    "search.slowlog.threshold.query.info": "5s",
    "search.slowlog.threshold.query.debug": "2s",
    "search.slowlog.threshold.query.trace": "500ms",
    "search.slowlog.threshold.fetch.warn": "1s",
}


def _on(settings: dict[str, str], prefix: str) -> list[str]:
    return [k for k, v in settings.items() if k.startswith(prefix) and (seconds(v) or -1) >= 0]


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    if index.is_system:
        return
    if _on(dict(ctx.opensearch.cluster.settings), CLUSTER_PREFIX):
        return
    if _on(dict(index.settings), INDEX_PREFIX):
        return
    yield META.finding(
        f"{index.name} logs no slow searches: every search slow-log threshold is off",
        None,
        object=index.name,
        evidence=Evidence.of(
            query_warn=index.setting(INDEX_PREFIX + "query.warn") or "-1",
            fetch_warn=index.setting(INDEX_PREFIX + "fetch.warn") or "-1",
            request_warn=ctx.opensearch.cluster.setting(CLUSTER_PREFIX + "warn") or "-1",
        ),
        fix=settings_fix(f"Turn on the search slow log of {index.name}", index.name, SUGGESTED),
        anchor=index.name,
    )
