"""## What it does
Flags fielddata on the heap: the fielddata circuit breaker has tripped, fielddata takes a large
share of the heap, or fielddata is loaded while index mappings have `text` fields with
`"fielddata": true` (named in the finding).

## Why is this bad?
Fielddata un-inverts a text field into heap memory, per segment, and keeps it there until the
segment goes away. It competes with every other use of the heap; the breaker (40% of heap by
default) fails the searches that would load more.

## Example
```json
PUT tags
{ "mappings": { "properties": { "tags": { "type": "text", "fielddata": true } } } }
GET tags/_search
{ "size": 0, "aggs": { "t": { "terms": { "field": "tags" } } } }
```

## Use instead
```json
PUT tags2
{ "mappings": { "properties": { "tags": { "type": "text",
  "fields": { "keyword": { "type": "keyword" } } } } } }
// reindex, aggregate on tags.keyword, then:
POST tags/_cache/clear?fielddata=true
```

## Evidence
`_nodes/stats` (`breakers.fielddata.tripped`, `indices.fielddata.memory_size_in_bytes`, heap
size) and the mappings of every index. Option: `max_heap_share` (0.2).

## Known limits
Node-level numbers: which field holds the memory needs `_cat/fielddata`; the rule names the
mapped fielddata fields instead.

## References
- https://docs.opensearch.org/latest/api-reference/nodes-apis/nodes-stats/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
- https://docs.opensearch.org/latest/search-plugins/caching/field-data-cache/
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import user_indices

META = RuleMeta(
    id="OS-C08",
    name="fielddata-pressure",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="Fielddata fills the heap or trips its breaker",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_heap_share": 0.2},
)


def fielddata_fields(properties: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for name, spec in properties.items():
        if not isinstance(spec, Mapping):
            continue
        path = f"{prefix}{name}"
        if spec.get("type") == "text" and spec.get("fielddata") is True:
            yield path
        inner = spec.get("properties")
        if isinstance(inner, Mapping):
            yield from fielddata_fields(inner, f"{path}.")


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    mapped = [
        f"{index.name}.{name}"
        for index in user_indices(snapshot.indices)
        for name in fielddata_fields(index.mapping.get("properties") or {})
    ]
    share = ctx.number("max_heap_share")
    for node in snapshot.nodes:
        breaker = node.breaker("fielddata")
        tripped = breaker.tripped if breaker else 0
        heap_share = node.fielddata_bytes / node.heap_max_bytes if node.heap_max_bytes else 0.0
        if tripped > 0:
            severity, why = (
                Severity.HIGH,
                f"the fielddata breaker tripped {words.count(tripped, 'time')}",
            )
        elif heap_share >= share:
            severity, why = Severity.HIGH, f"fielddata holds {heap_share:.0%} of the heap"
        elif node.fielddata_bytes > 0 and mapped:
            severity, why = Severity.MEDIUM, f"fielddata holds {node.fielddata_bytes:,} bytes"
        else:
            continue
        fields = ", ".join(mapped[:5]) or "(see GET _cat/fielddata?v)"
        yield META.finding(
            f"node {node.name}: {why}; text fields with fielddata: true: {fields}",
            None,
            object=node.name,
            evidence=Evidence.of(
                fielddata_bytes=node.fielddata_bytes,
                heap_share=round(heap_share, 4),
                breaker_tripped=tripped,
                fielddata_evictions=node.fielddata_evictions,
                fielddata_fields=", ".join(mapped) or None,
            ),
            fix=Fix.advice(
                "Map a keyword sub-field, aggregate and sort on it, drop fielddata: true "
                f"({fields}), then POST _cache/clear?fielddata=true"
            ),
            anchor=node.name,
            severity=severity,
        )
