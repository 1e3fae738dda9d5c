"""## What it does
Flags a script (in a query, `script_score`, `function_score`, sort, script field or
aggregation) whose `source` contains numeric or string literals while it has no `params`.

## Why is this bad?
Scripts are compiled once per distinct source text and cached. When code pastes values into the
source, every new value is a new script: compilation costs CPU on each request and can hit
`script.max_compilations_rate` (150 per 5 minutes by default), after which requests fail.

## Example
```json
GET orders/_search
{ "query": { "script_score": { "query": { "match_all": {} },
  "script": { "source": "doc['rating'].value * 1.5" } } } }
```

## Use instead
```json
GET orders/_search
{ "query": { "script_score": { "query": { "match_all": {} },
  "script": { "source": "doc['rating'].value * params.factor", "params": { "factor": 1.5 } } } } }
```

## Evidence
The request body only.

## Known limits
Field names inside `doc['...']` and `params['...']`, and the literals 0 and 1, are not counted.
A literal that never changes is harmless; the rule cannot know that.

## References
- https://docs.opensearch.org/latest/query-dsl/compound/function-score/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, report, walk_json
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-Q09",
    name="script-literals",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Script source with baked-in constants and no params",
    fix_safety=FixSafety.ADVISORY,
)

_ACCESSORS = re.compile(r"""\[\s*(?:'[^']*'|"[^"]*")\s*\]""")
_LITERAL = re.compile(r"""(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])|'[^']*'|"[^"]*\"""")


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if request.search is None:
        return
    for where, value in walk_json(request.value):
        if not where.tokens or where.tokens[-1] != "script":
            continue
        source = value.get("source") if isinstance(value, dict) else value
        if not isinstance(source, str):
            continue
        if isinstance(value, dict) and value.get("params"):
            continue
        literals = [
            m.group(0)
            for m in _LITERAL.finditer(_ACCESSORS.sub("[]", source))
            if m.group(0) not in ("0", "1")
        ]
        if not literals:
            continue
        yield report(
            META,
            request,
            where.text(),
            f"script source has literal {', '.join(literals[:3])} and no params; "
            "each distinct value compiles a new script",
            evidence=Evidence.of(literals=len(literals), source=source[:200]),
            fix=advice("Move the literals to `params` and read them as `params.name`"),
        )
