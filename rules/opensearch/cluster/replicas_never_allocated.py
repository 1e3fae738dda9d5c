"""## What it does
Flags an index asking for more replicas than the cluster has other data nodes to hold them,
typically `number_of_replicas: 1` on a single-node cluster.

## Why is this bad?
A replica is never allocated on the node that holds its primary, so those copies stay
unassigned: the index (and the cluster) is yellow for good, real problems hide behind the
permanent yellow, and there is no redundancy anyway.

## Example
```json
PUT products
{ "settings": { "index.number_of_replicas": 1 } }   // on a one-node dev cluster
```

## Use instead
```json
PUT products/_settings
{ "index": { "number_of_replicas": 0 } }
```

## Evidence
`_cluster/health` (`number_of_data_nodes`), the index's `number_of_replicas` and
`auto_expand_replicas`, and unassigned copies in `_cat/shards`.

## Known limits
Allocation filtering or awareness rules can leave replicas unassigned on bigger clusters too;
those are not diagnosed here.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
- https://docs.opensearch.org/latest/api-reference/cluster-api/cluster-health/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import settings_fix

META = RuleMeta(
    id="OS-C03",
    name="replicas-never-allocated",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="An index wants more replicas than there are other data nodes to hold them",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    cluster = ctx.opensearch.cluster
    nodes = cluster.number_of_data_nodes or cluster.number_of_nodes
    auto = (index.setting("index.auto_expand_replicas") or "false").lower()
    if index.is_system or nodes < 1 or auto != "false" or index.replicas < nodes:
        return
    unassigned = sum(
        1 for s in ctx.opensearch.shards_of(index.name) if s.state == "UNASSIGNED" and not s.primary
    )
    wanted = nodes - 1
    yield META.finding(
        f"{index.name} asks for {words.count(index.replicas, 'replica')} on a cluster of "
        f"{words.count(nodes, 'data node')}: {words.count(unassigned, 'copy', 'copies')} can "
        f"never be allocated (health {index.health or '?'})",
        None,
        object=index.name,
        evidence=Evidence.of(
            number_of_replicas=index.replicas,
            data_nodes=nodes,
            unassigned_replicas=unassigned,
            health=index.health,
        ),
        fix=settings_fix(
            f"Set {index.name} to {words.count(wanted, 'replica')}",
            index.name,
            {"number_of_replicas": wanted},
        ),
        anchor=index.name,
    )
