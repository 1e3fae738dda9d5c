"""## What it does
Flags a cluster whose `indices.query.bool.max_clause_count` is raised above 1,024.

## Why is this bad?
The limit caps how many clauses a query may expand to (bool clauses, terms of a wildcard or
fuzzy expansion, fields of a `*` query). Raised, it lets single searches grow into very
expensive queries that hold a search thread and heap for long.

## Example
```json
PUT _cluster/settings
{ "persistent": { "indices.query.bool.max_clause_count": 100000 } }
```

## Use instead
```json
PUT _cluster/settings
{ "persistent": { "indices.query.bool.max_clause_count": null } }
// collapse many term clauses into one terms query (OS-Q20)
```

## Evidence
The setting `indices.query.bool.max_clause_count` (dynamic since 2.16). Option: `max_clauses`
(1024).

## Known limits
Before 2.16 the setting is static (`opensearch.yml`): the fix there is a node restart.

## References
- https://docs.opensearch.org/latest/install-and-configure/configuring-opensearch/index-settings/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsSnapshot
from rules.opensearch.cluster._common import as_int, settings_fix

META = RuleMeta(
    id="OS-C22",
    name="clause-limit-raised",
    family="opensearch.cluster",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="indices.query.bool.max_clause_count is raised above 1,024",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_clauses": 1024},
)

SETTING = "indices.query.bool.max_clause_count"


def check(snapshot: OsSnapshot, ctx: OsContext) -> Iterator[Finding]:
    value = as_int(snapshot.cluster.setting(SETTING), 1024)
    if value <= ctx.number("max_clauses"):
        return
    yield META.finding(
        f"{SETTING} is {value:,}: single searches may expand to that many clauses",
        None,
        object=snapshot.cluster.name or None,
        evidence=Evidence.of(max_clause_count=value, default=1024),
        fix=settings_fix(
            "Restore the clause limit; use terms for long lists", "_cluster", {SETTING: None}
        ),
        anchor=SETTING,
    )
