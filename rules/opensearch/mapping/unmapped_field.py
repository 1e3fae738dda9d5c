"""## What it does
Flags a field named in a query, sort or aggregation that is absent from the mapping of every
index the request targets.

## Why is this bad?
OpenSearch does not reject queries on unmapped fields: they match nothing, aggregations return
no buckets, and `_validate/query` still says the query is valid. A typo therefore shows up as
"no results", far from its cause. Sorting on an unmapped field fails unless `unmapped_type` is
set.

## Example
```json
GET products/_search
{ "query": { "term": { "catgory": "shoes" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "term": { "category": "shoes" } } }
```

## Evidence
The index mapping (all field paths, multi-fields included, its `dynamic` settings and
`dynamic_templates`) and the request body. A mapping file is a snapshot: where dynamic mapping
is on, documents can add fields it does not list. So a field a dynamic template would map is
not reported; one under dynamic mapping (`dynamic` absent, `true` or `runtime`) is reported as
`info`, and only when a mapped field has a close name (why you may not care: the documents
may well carry it); only below `dynamic: false` or `strict`, where an unlisted field cannot be
searched, is an unmapped field certain to match nothing.

## Known limits
Field patterns (`title*`), metadata fields (`_id`, `_index`), runtime fields defined in the
request and sub-fields of `flat_object` fields are not checked; neither are fields in
`query_string` text. A sort with `unmapped_type` is accepted.

## References
- https://github.com/opensearch-project/OpenSearch/pull/22734
- https://docs.opensearch.org/latest/api-reference/search-apis/search/
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, field_uses, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M07",
    name="unmapped-field",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.HIGH,
    summary="Field absent from the index mapping",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    search = request.search
    mapping = ctx.mapping
    if search is None or mapping is None:
        return
    runtime = search.raw.get("runtime_mappings")
    defined = set(runtime) if isinstance(runtime, dict) else set()
    unmapped_ok = {k.field for k in search.sort if "unmapped_type" in k.params}
    for use in field_uses(search):
        name = use.field
        if name in defined or name in unmapped_ok or mapping.knows(name):
            continue
        how = mapping.created_dynamically(name)
        if how == "template":
            continue
        close = difflib.get_close_matches(name, list(mapping.fields), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        where = ", ".join(request.indices)
        if how == "dynamic":
            if not close:
                continue
            message = (
                f"`{name}` is not in the mapping of {where}, which maps new fields dynamically: "
                f"unless documents add it, the {use.role} matches nothing{hint}"
            )
        else:
            message = (
                f"`{name}` is not in the mapping of {where}: "
                f"the {use.role} silently matches nothing{hint}"
            )
        yield report(
            META,
            request,
            use.pointer,
            message,
            evidence=Evidence.of(field=name, suggestion=close[0] if close else None, dynamic=how),
            fix=advice(f"Use `{close[0]}`" if close else "Fix the field name or map the field"),
            severity=Severity.INFO if how == "dynamic" else None,
        )
