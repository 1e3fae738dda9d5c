"""## What it does
Flags fuzzy matching without a required prefix or with a large expansion limit: a `fuzzy`
query, or a `match`/`multi_match` with `fuzziness`, whose `prefix_length` is absent or 0, or
whose `max_expansions` is above 50.

## Why is this bad?
Fuzzy matching builds a Levenshtein automaton and walks the term dictionary with it. With no
fixed prefix every term is a candidate; each accepted variant becomes a clause of the rewritten
query, so `max_expansions` bounds the work per shard.

## Example
```json
GET products/_search
{ "query": { "fuzzy": { "title": { "value": "shoe", "max_expansions": 200 } } } }
```

## Use instead
```json
GET products/_search
{ "query": { "fuzzy": { "title": { "value": "shoe", "prefix_length": 1, "max_expansions": 50 } } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): a required prefix and fewer expansions match fewer misspellings. The
edit replaces only the clause.

## Evidence
The request body only.

## Known limits
A `prefix_length` of 1 or 2 changes which misspellings match (the first characters must be
right), so the rewrite is marked unsafe.

## References
- https://docs.opensearch.org/latest/query-dsl/term/fuzzy/
- https://docs.opensearch.org/latest/query-dsl/full-text/match/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.dsl.model import Query
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, number, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q04",
    name="costly-fuzziness",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Fuzzy matching with no prefix length or with many expansions",
    fix_safety=FixSafety.UNSAFE,
    options={"max_expansions": 50, "prefix_length": 1},
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    limit = ctx.number("max_expansions")
    for visit in queries(request, "fuzzy", "match", "multi_match"):
        query = visit.query
        if query.kind != "fuzzy" and query.param("fuzziness") in (None, 0, "0"):
            continue
        prefix = number(query.param("prefix_length", 0)) or 0
        expansions = number(query.param("max_expansions", 50)) or 50
        if prefix > 0 and expansions <= limit:
            continue
        problem = (
            f"max_expansions {int(expansions)} > {int(limit)}"
            if expansions > limit
            else "no prefix_length"
        )
        yield report(
            META,
            request,
            query.pointer,
            f"fuzzy matching on `{query.field or 'several fields'}` with {problem}; "
            "each shard walks the whole term dictionary",
            evidence=Evidence.of(
                field=query.field, prefix_length=int(prefix), max_expansions=int(expansions)
            ),
            fix=rewrite_fix(
                f"Require a prefix of {ctx.option('prefix_length')} and at most "
                f"{int(limit)} expansions",
                FixSafety.UNSAFE,
                request,
                query.pointer,
                _rewritten(query, ctx, min(int(limit), int(expansions)), prefix),
            ),
        )


def _rewritten(query: Query, ctx: DslContext, expansions: int, prefix: float) -> dict[str, Any]:
    extra: dict[str, Any] = {"max_expansions": expansions}
    if prefix <= 0:
        extra["prefix_length"] = int(ctx.option("prefix_length"))
    body = dict(query.raw) if isinstance(query.raw, dict) else {}
    if query.kind == "multi_match" or query.field is None:
        return {query.kind: {**body, **extra}}
    spec = body.get(query.field)
    key = "value" if query.kind == "fuzzy" else "query"
    long_form = dict(spec) if isinstance(spec, dict) else {key: spec}
    return {query.kind: {**body, query.field: {**long_form, **extra}}}
