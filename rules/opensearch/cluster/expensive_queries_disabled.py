"""## What it does
Flags `search.allow_expensive_queries: false` on a cluster whose searches (the requests given
to the advisor, and Query Insights top queries) use queries that setting rejects: fuzzy,
prefix, regexp, wildcard, script, joining queries (`nested`, `has_child`, `has_parent`), or
`query_string` with wildcards.

## Why is this bad?
With the setting off, those searches fail with an error instead of running slowly. Either the
code or the setting has to change, and the failure shows only at run time.

## Example
```json
PUT _cluster/settings
{ "persistent": { "search.allow_expensive_queries": false } }
GET products/_search
{ "query": { "wildcard": { "sku": "*-001*" } } }
```

## Use instead
```json
GET products/_search
{ "query": { "term": { "sku": "SKU-00123" } } }
// or map a wildcard-typed sub-field and query it (OS-Q01, OS-M13)
```

## Evidence
The cluster setting `search.allow_expensive_queries`, the bodies of profiled requests and top
queries, and `_validate/query` errors that name the setting.

## Known limits
Only the requests the advisor saw: pass the application's request files to `analyze` so they
are validated against the cluster.

## References
- https://docs.opensearch.org/latest/query-dsl/
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/search-settings/
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import as_bool, settings_fix

META = RuleMeta(
    id="OS-C17",
    name="expensive-queries-disabled",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="search.allow_expensive_queries is false but searches use expensive queries",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

SETTING = "search.allow_expensive_queries"
EXPENSIVE = frozenset(
    {"fuzzy", "prefix", "regexp", "wildcard", "script", "script_score", "nested", "has_child",
     "has_parent", "parent_id"}
)  # fmt: skip


def expensive_kinds(value: Any) -> set[str]:
    """Query kinds in a body that the setting rejects."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if key in EXPENSIVE and isinstance(inner, dict):
                    found.add(key)
                if key == "query_string" and isinstance(inner, dict):
                    text = str(inner.get("query", ""))
                    if "*" in text or "?" in text:
                        found.add("query_string wildcard")
                stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _bodies(snapshot: OsSnapshot) -> Iterator[tuple[str, Any]]:
    for profile in snapshot.profiles:
        yield profile.label, json.loads(profile.body)
    for query in snapshot.insights.top_queries:
        try:
            yield f"top query {query.id}", json.loads(query.source)
        except ValueError:
            continue


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    if as_bool(snapshot.cluster.setting(SETTING), True):
        return
    uses: dict[str, set[str]] = {}
    for label, body in _bodies(snapshot):
        kinds = expensive_kinds(body)
        if kinds:
            uses.setdefault(label, set()).update(kinds)
    for check_ in snapshot.validations:
        if SETTING in check_.error:
            label = f"{check_.path}:{check_.line}" if check_.path else check_.index
            uses.setdefault(label, set()).add("rejected by _validate")
    if not uses:
        return
    listed = "; ".join(f"{label} ({', '.join(sorted(k))})" for label, k in sorted(uses.items()))
    yield META.finding(
        f"{SETTING} is false, and {len(uses)} search(es) use queries it rejects: {listed}",
        None,
        object=snapshot.cluster.name or None,
        evidence=Evidence.of(setting=SETTING, value="false", searches=len(uses)),
        fix=settings_fix(
            "Rewrite those searches (OS-Q01, OS-Q02, OS-Q04, OS-Q08, OS-Q23), or allow them",
            "_cluster",
            {SETTING: True},
        ),
        anchor=SETTING,
    )
