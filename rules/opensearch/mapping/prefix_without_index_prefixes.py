"""## What it does
Flags `prefix` and `match_phrase_prefix` queries on a `text` field whose mapping has no
`index_prefixes`.

## Why is this bad?
Without indexed prefixes the prefix is expanded against the term dictionary at query time,
creating up to `max_expansions` clauses per shard. With `index_prefixes`, prefixes of 2 to 5
characters are indexed as terms and the query becomes a single term lookup; that optimised form
also runs when `search.allow_expensive_queries` is false.

## Example
```json
GET products/_search
{ "query": { "match_phrase_prefix": { "title": "running sh" } } }
```

## Use instead
Map `title` with `"index_prefixes": {"min_chars": 2, "max_chars": 5}`, or use a
`search_as_you_type` field.

## Evidence
The index mapping (type, `index_prefixes`) and the request body.

## Known limits
Needs a mapping change and a reindex.

## References
- https://docs.opensearch.org/latest/query-dsl/term/prefix/
- https://docs.opensearch.org/latest/mappings/mapping-parameters/index-prefixes/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M09",
    name="prefix-without-index-prefixes",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Prefix search on a text field without index_prefixes",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "prefix", "match_phrase_prefix"):
        query = visit.query
        info = ctx.field(query.field)
        if info is None or info.type != "text" or "index_prefixes" in info.params:
            continue
        yield report(
            META,
            request,
            query.pointer,
            f"`{query.kind}` on `{query.field}` expands the prefix at query time; "
            "the field has no `index_prefixes`",
            evidence=Evidence.of(field=query.field),
            fix=advice('Map the field with `"index_prefixes": {"min_chars": 2, "max_chars": 5}`'),
        )
