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
The request body, and the other requests of the same file: when another one has the same
script with other literals in it, the values vary and the finding keeps its severity.

## Known limits
Field names inside `doc['...']` and `params['...']`, and the literals 0 and 1, are not counted.
A literal that never changes (a formula's constant) compiles once and is harmless; without a
second request that varies it, the rule cannot know, so that finding is `info`.

## References
- https://docs.opensearch.org/latest/query-dsl/compound/function-score/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/circuit-breaker/
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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


def _scripts(request: DslRequest) -> Iterator[tuple[str, str, Any]]:
    """(pointer, source, script object) of every script without params in the request."""
    for where, value in walk_json(request.value):
        if not where.tokens or where.tokens[-1] != "script":
            continue
        source = value.get("source") if isinstance(value, dict) else value
        if not isinstance(source, str):
            continue
        if isinstance(value, dict) and value.get("params"):
            continue
        yield where.text(), source, value


def _shape(source: str) -> tuple[str, tuple[str, ...]]:
    """The source with its literals taken out, and the literals."""
    text = _ACCESSORS.sub("[]", source)
    literals = tuple(m.group(0) for m in _LITERAL.finditer(text))
    return _LITERAL.sub("?", text), literals


# The scripts of the last file seen, by shape: one pass per file, not one per script. The
# entry holds the file's request tuple itself, so an identity match cannot be a reused id.
_FILE_SHAPES: list[tuple[tuple[DslRequest, ...], dict[str, set[tuple[str, ...]]]]] = []


def _shapes_of(requests: tuple[DslRequest, ...]) -> dict[str, set[tuple[str, ...]]]:
    if _FILE_SHAPES and _FILE_SHAPES[0][0] is requests:
        return _FILE_SHAPES[0][1]
    shapes: dict[str, set[tuple[str, ...]]] = {}
    for other in requests:
        if other.search is not None:
            for _, source, _ in _scripts(other):
                shape, literals = _shape(source)
                shapes.setdefault(shape, set()).add(literals)
    _FILE_SHAPES[:] = [(requests, shapes)]
    return shapes


def _varies(shape: str, literals: tuple[str, ...], ctx: DslContext) -> bool:
    """Whether another request of the file has this script with other literals."""
    return bool(_shapes_of(ctx.file_requests).get(shape, set()) - {literals})


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if request.search is None:
        return
    for pointer, source, _ in _scripts(request):
        shape, all_literals = _shape(source)
        literals = [lit for lit in all_literals if lit not in ("0", "1")]
        if not literals:
            continue
        varies = _varies(shape, all_literals, ctx)
        note = (
            "; other requests of this file send it with other values, each compiled anew"
            if varies
            else "; each distinct value compiles a new script (why you may not care: a "
            "constant that never changes compiles once)"
        )
        yield report(
            META,
            request,
            pointer,
            f"script source has literal {', '.join(literals[:3])} and no params{note}",
            evidence=Evidence.of(literals=len(literals), source=source[:200], varies=varies),
            fix=advice("Move the literals to `params` and read them as `params.name`"),
            severity=None if varies else Severity.INFO,
        )
