"""## What it does
Flags a cluster with adaptive replica selection switched off
(`cluster.routing.use_adaptive_replica_selection: false`).

## Why is this bad?
With it on, the coordinating node sends each shard search to the copy on the node with the
best recent response time and queue; off, copies are picked round-robin, so a slow or busy node
keeps receiving its share and drags out search latency.

## Example
```json
PUT _cluster/settings
{ "persistent": { "cluster.routing.use_adaptive_replica_selection": false } }
```

## Use instead
```json
PUT _cluster/settings
{ "persistent": { "cluster.routing.use_adaptive_replica_selection": null } }
```

## Evidence
The cluster setting `cluster.routing.use_adaptive_replica_selection` (default true).

## Known limits
On a cluster without replicas there is nothing to select between; the finding still points at
the setting.

## References
- https://docs.opensearch.org/latest/search-plugins/searching-data/search-shard-routing/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import as_bool, settings_fix

META = RuleMeta(
    id="OS-C20",
    name="adaptive-replica-selection-off",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="Adaptive replica selection is switched off",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

SETTING = "cluster.routing.use_adaptive_replica_selection"


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    if as_bool(snapshot.cluster.setting(SETTING), True):
        return
    yield META.finding(
        f"{SETTING} is false: shard copies are chosen round-robin, not by response time",
        None,
        object=snapshot.cluster.name or None,
        evidence=Evidence.of(setting=SETTING, value="false"),
        fix=settings_fix("Switch adaptive replica selection back on", "_cluster", {SETTING: None}),
        anchor=SETTING,
    )
