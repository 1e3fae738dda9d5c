"""## What it does
Flags an index that no longer takes writes (`index.blocks.write` or `read_only`) whose primary
shards still hold many segments.

## Why is this bad?
A search visits every segment of every shard: many small segments mean more per-segment work,
more file handles and more heap for segment metadata. On an index that is not written any more,
one force merge makes that cost go away for good.

## Example
```text
GET _cat/segments/logs-2026.10?v   ->  8 segments per shard, index.blocks.write: true
```

## Use instead
```text
POST logs-2026.10/_forcemerge?max_num_segments=1
```

## Evidence
`_cat/segments` counted per shard, and the index settings `index.blocks.write`,
`index.blocks.read_only`. Option: `max_segments` (5).

## Known limits
An index that is written without a block (a rolled-over index still open for writes) is not
recognised as read-only. Force merge is I/O heavy: run it off peak, one index at a time.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/7.17/tune-for-search-speed.html
- https://docs.opensearch.org/latest/api-reference/index-apis/force-merge/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.console import request
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import as_bool, call_fix

META = RuleMeta(
    id="OS-C16",
    name="segments-on-read-only-index",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.LOW,
    summary="A read-only index still has many segments per shard",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_segments": 5},
)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    blocked = as_bool(index.setting("index.blocks.write"), False) or as_bool(
        index.setting("index.blocks.read_only"), False
    )
    if index.is_system or not blocked:
        return
    primaries = [s for s in ctx.opensearch.shards_of(index.name) if s.primary]
    most = max((s.segments for s in primaries), default=0)
    if most <= ctx.number("max_segments"):
        return
    yield META.finding(
        f"{index.name} takes no writes but a primary shard has {most} segments",
        None,
        object=index.name,
        evidence=Evidence.of(
            max_segments_per_shard=most,
            segments=sum(s.segments for s in primaries),
            primaries=len(primaries),
        ),
        fix=call_fix(
            f"Force-merge {index.name} to one segment per shard",
            request("POST", f"{index.name}/_forcemerge?max_num_segments=1"),
        ),
        anchor=index.name,
    )
