"""## What it does
Flags a field that looks like an identifier (`id`, `*_id`, `*Id`), is mapped as `integer` or
`long`, and is used only in `term`/`terms` queries in the request (never in a `range`).

## Why is this bad?
Numeric fields are indexed for ranges (points); exact lookups on them are often slower than on a
`keyword`, whose term dictionary is made for exact matches. Identifiers are never summed or
compared by range, so `keyword` suits them better.

## Example
```json
GET orders/_search
{ "query": { "bool": { "filter": { "term": { "customer_id": 12345 } } } } }
```

## Use instead
Map `customer_id` as `keyword` (or a multi-field with both), then the same query runs on the
keyword terms.

## Evidence
The index mapping (field type), the field's name and how the request uses it.

## Known limits
Only this request's uses are seen; a range on the field elsewhere makes the numeric type right.
The name pattern is the option `id_pattern`.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/7.8/keyword.html
- https://docs.opensearch.org/latest/mappings/supported-field-types/keyword/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, field_uses, report
from advisor.model import Evidence, Finding, FixSafety, OptionSpec, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M08",
    name="numeric-identifier",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Identifier mapped as a number and only looked up exactly",
    fix_safety=FixSafety.ADVISORY,
    options={"id_pattern": r"(^|[._])id$|[a-z]Id$|_id$"},
    option_specs={
        "id_pattern": OptionSpec(str, None, pattern=True, doc="Field names that hold identifiers."),
    },
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    if search is None or ctx.mapping is None:
        return
    pattern = re.compile(str(ctx.option("id_pattern")))
    uses: dict[str, list[str]] = {}
    pointers: dict[str, str] = {}
    for use in field_uses(search):
        uses.setdefault(use.field, []).append(use.kind)
        pointers.setdefault(use.field, use.pointer)
    for name, kinds in uses.items():
        info = ctx.field(name)
        if info is None or info.type not in ("integer", "long") or not pattern.search(name):
            continue
        if not all(k in ("term", "terms") for k in kinds):
            continue
        yield report(
            META,
            request,
            pointers[name],
            f"identifier `{name}` is mapped as `{info.type}` and only looked up exactly; "
            "`keyword` serves exact lookups better",
            evidence=Evidence.of(field=name, type=info.type),
            fix=advice(f"Map `{name}` as `keyword` (or add a keyword multi-field)"),
        )
