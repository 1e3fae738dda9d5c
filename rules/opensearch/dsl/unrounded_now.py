"""## What it does
Flags a `range` bound that uses `now` without rounding (`now-1h` rather than `now-1h/m`).

## Why is this bad?
`now` is resolved to the millisecond, so every request is different: the shard request cache
never hits and cached filters cannot be reused. Rounding to a minute makes requests within that
minute identical and cacheable.

## Example
```json
GET logs-*/_search
{ "query": { "bool": { "filter": { "range": { "@timestamp": { "gte": "now-1h" } } } } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "bool": { "filter": { "range": { "@timestamp": { "gte": "now-1h/m" } } } } } }
```

## Fix safety
Unsafe (`--unsafe-fixes`): rounding `now` widens the range by up to the rounding unit. The edit
replaces only the range's bounds.

## Evidence
The request body only.

## Known limits
Rounding changes the window by up to one unit; the fix rounds to the option `unit` (`m`).

## References
- https://docs.opensearch.org/latest/search-plugins/caching/request-cache/
- https://docs.opensearch.org/latest/query-dsl/term/range/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, queries, report, rewrite_fix
from advisor.model import Evidence, Finding, FixSafety, OptionSpec, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q16",
    name="unrounded-now",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.LOW,
    summary="Relative time with now and no rounding defeats caching",
    fix_safety=FixSafety.UNSAFE,
    options={"unit": "m"},
    option_specs={
        "unit": OptionSpec(
            str, None, choices=("s", "m", "h", "d", "w", "M", "y"), doc="Date-math rounding unit."
        ),
    },
)

_NOW = re.compile(r"^now(?:[+-]\d+[yMwdhHms])*$")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    unit = str(ctx.option("unit"))
    for visit in queries(request, "range"):
        query = visit.query
        bounds = query.value if isinstance(query.value, dict) else {}
        loose = {k: v for k, v in bounds.items() if isinstance(v, str) and _NOW.match(v.strip())}
        if not loose or query.field is None or query.field_pointer is None:
            continue
        spec = query.raw.get(query.field) if isinstance(query.raw, dict) else None
        fixed = {
            **(spec if isinstance(spec, dict) else {}),
            **{k: f"{v.strip()}/{unit}" for k, v in loose.items()},
        }
        yield report(
            META,
            request,
            query.pointer,
            f"range on `{query.field}` uses {', '.join(sorted(set(loose.values())))} "
            "without rounding; the request is never cached",
            evidence=Evidence.of(field=query.field, value=next(iter(loose.values()))),
            fix=rewrite_fix(
                f"Round relative times to the {unit} (`/{unit}`)",
                FixSafety.UNSAFE,
                request,
                query.field_pointer,
                fixed,
            ),
        )
