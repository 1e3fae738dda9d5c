"""## What it does
Flags an index whose `index.mapping.total_fields.limit` is raised above 2,000 (default 1,000).

## Why is this bad?
The limit guards against mapping explosion: every field costs cluster-state size, heap on
every node and time on every mapping update. Raising it hides the cause (usually dynamic
mapping of free-form keys) and lets the mapping keep growing.

## Example
```json
PUT events/_settings
{ "index.mapping.total_fields.limit": 5000 }
```

## Use instead
```json
PUT events-v2
{ "settings": { "index.mapping.total_fields.limit": 1000 },
  "mappings": { "dynamic": "strict",
    "properties": { "attributes": { "type": "flat_object" } } } }
```

## Evidence
The index setting `index.mapping.total_fields.limit` and the number of fields in its mapping.
Option: `max_limit` (2000).

## Known limits
A mapping that is legitimately wide (a fixed schema of many columns) is reported all the same.

## References
- https://docs.opensearch.org/latest/mappings/mapping-explosion/
- https://docs.opensearch.org/latest/mappings/supported-field-types/flat-object/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.mapping import load_mapping
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsIndex
from rules.opensearch.cluster._common import as_int, settings_fix

META = RuleMeta(
    id="OS-C18",
    name="total-fields-limit-raised",
    family="opensearch.cluster",
    target=TargetKind.INDEX,
    severity=Severity.MEDIUM,
    summary="index.mapping.total_fields.limit is raised above 2,000",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_limit": 2000},
)


def check(index: OsIndex, ctx: OsContext) -> Iterator[Finding]:
    limit = as_int(index.setting("index.mapping.total_fields.limit"), 1000)
    if index.is_system or limit <= ctx.number("max_limit"):
        return
    fields = load_mapping({"mappings": dict(index.mapping)}).field_count if index.mapping else 0
    if fields <= 1000:
        fix = settings_fix(
            f"{index.name} maps {fields} fields: restore the default limit",
            index.name,
            {"mapping.total_fields.limit": None},
        )
    else:
        fix = settings_fix(
            f"Stop the growth first (dynamic: strict, flat_object), then lower the limit of "
            f"{index.name} toward its {fields} fields",
            index.name,
            {"mapping.total_fields.limit": max(1000, fields + fields // 5)},
        )
    yield META.finding(
        f"{index.name} allows {limit:,} mapped fields (it maps {fields}): mapping explosion "
        "goes unchecked",
        None,
        object=index.name,
        evidence=Evidence.of(total_fields_limit=limit, mapped_fields=fields, default=1000),
        fix=fix,
        anchor=index.name,
    )
