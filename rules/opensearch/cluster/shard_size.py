"""## What it does
Flags an index whose primary shards are out of the recommended size range: several primaries
that average under 10 GiB (the data would fit in fewer shards), or a primary over 50 GiB.

## Why is this bad?
Every shard is a Lucene index with its own heap, file handles and per-search overhead: a search
runs one task per shard, so twelve tiny shards cost twelve times the fan-out of one. Shards that
are too large recover and relocate slowly and make merges and snapshots heavy.

## Example
```json
PUT products
{ "settings": { "index.number_of_shards": 12 } }
// 200 documents, 12 primaries of a few KiB each
```

## Use instead
```json
PUT products/_settings
{ "index.blocks.write": true }
POST products/_shrink/products-shrunk
{ "settings": { "index.number_of_shards": 1, "index.blocks.write": null } }
```

## Evidence
`_cat/indices` (primaries, `pri.store.size`) and `_cat/shards` (store of each primary). Options:
`min_shard_gib` (10), `max_shard_gib` (50).

## Known limits
An index that is still growing toward its planned size is reported all the same; shrink needs
all primaries on one node and a target count that divides the current one.

## References
- https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf01-bp01.html
- https://www.elastic.co/guide/en/elasticsearch/reference/7.x/size-your-shards.html
- https://docs.opensearch.org/latest/api-reference/index-apis/shrink-index/
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from advisor import words
from advisor.dsl.console import request
from advisor.model import Evidence, Finding, FixSafety, OptionSpec, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import GIB, call_fix, gib, size

META = RuleMeta(
    id="OS-C01",
    name="shard-size-out-of-range",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.MEDIUM,
    summary="Primary shards are much smaller or larger than the recommended 10-50 GiB",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_shard_gib": 10, "max_shard_gib": 50},
    option_specs={
        "min_shard_gib": OptionSpec(float),
        "max_shard_gib": OptionSpec(float, minimum=0, above=True),
    },
)


def _shrink_target(primaries: int, total: float, max_bytes: float) -> int:
    """The smallest factor of the primary count whose shards stay under the maximum size."""
    for count in range(1, primaries + 1):
        if primaries % count == 0 and total / count <= max_bytes:
            return count
    return primaries


def _block_writes(index: str) -> str:
    return request("PUT", f"{index}/_settings", {"index.blocks.write": True}, compact=True)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    if index.is_system:
        return
    min_bytes = ctx.number("min_shard_gib") * GIB
    max_bytes = ctx.number("max_shard_gib") * GIB
    primaries = [s for s in ctx.opensearch.shards_of(index.name) if s.primary]
    largest = max((s.store_bytes or 0 for s in primaries), default=0)
    if largest > max_bytes:
        split = index.primaries * math.ceil(largest / max_bytes)
        yield META.finding(
            f"{index.name}: a primary shard holds {gib(largest)} GiB, over the "
            f"{gib(max_bytes):g} GiB maximum",
            None,
            object=index.name,
            evidence=Evidence.of(
                primaries=index.primaries, largest_primary_gib=gib(largest), max_gib=gib(max_bytes)
            ),
            fix=call_fix(
                f"Split {index.name} into {split} primaries (or roll over by size)",
                _block_writes(index.name),
                request(
                    "POST",
                    f"{index.name}/_split/{index.name}-split",
                    {"settings": {"index.number_of_shards": split}},
                    compact=True,
                ),
            ),
            anchor=f"{index.name} large",
        )
        return
    if index.primaries <= 1:
        return
    average = index.pri_store_bytes / index.primaries
    if average >= min_bytes:
        return
    target = _shrink_target(index.primaries, index.pri_store_bytes, max_bytes)
    if target >= index.primaries:
        return
    yield META.finding(
        f"{index.name}: {index.primaries} primaries of {size(average)} on "
        f"average for {index.docs_count:,} documents; {target} would do",
        None,
        object=index.name,
        evidence=Evidence.of(
            primaries=index.primaries,
            docs_count=index.docs_count,
            pri_store_bytes=index.pri_store_bytes,
            average_primary_gib=gib(average),
            min_gib=gib(min_bytes),
        ),
        fix=call_fix(
            f"Shrink {index.name} to {words.count(target, 'primary shard')}",
            _block_writes(index.name),
            request(
                "POST",
                f"{index.name}/_shrink/{index.name}-shrunk",
                {"settings": {"index.number_of_shards": target, "index.blocks.write": None}},
                compact=True,
            ),
        ),
        anchor=f"{index.name} small",
    )
