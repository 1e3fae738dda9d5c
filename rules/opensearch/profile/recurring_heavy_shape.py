"""## What it does
Flags a query shape that holds most of the top-N latency when Query Insights groups top queries
by similarity (`search.insights.top_queries.grouping.group_by: similarity`).

## Why is this bad?
One shape of query (the same structure with different values) dominating the heaviest queries
is the single rewrite with the largest payoff: fixing it speeds up all its instances.

## Example
```text
group_by similarity: 1 group = 71% of the top-10 latency (count 4,812)
```

## Use instead
```text
Take that group's source, lint it (`advisor lint`), profile it (`--profile`), and rewrite it
first; then re-read the top queries.
```

## Evidence
Query Insights records with `group_by` = `similarity`: `measurements.latency.number` and
`.count` of each group. Options: `min_share` (0.5), `min_groups` (2).

## Known limits
Silent without the Query Insights plugin (OS-C07) or when grouping is off (`none`).

## References
- https://docs.opensearch.org/latest/observing-your-data/query-insights/grouping-top-n-queries/
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsInsights
from rules.opensearch.profile._common import query_label

META = RuleMeta(
    id="OS-P13",
    name="recurring-heavy-query-shape",
    family="opensearch.profile",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="One query shape holds most of the top-N latency",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_share": 0.5, "min_groups": 2},
)


def check(insights: OsInsights, ctx: OsContext) -> Iterator[Finding]:
    groups = [q for q in insights.top_queries if q.group_by == "similarity" and q.latency_ms]
    if len(groups) < ctx.number("min_groups"):
        return
    weights = [(q.latency_ms or 0.0) * max(q.count, 1) for q in groups]
    total = sum(weights)
    best = max(range(len(groups)), key=lambda i: weights[i])
    share = weights[best] / total if total else 0.0
    if share < ctx.number("min_share"):
        return
    query = groups[best]
    yield META.finding(
        f"one query shape holds {share:.0%} of the top-query latency ({query.count:,} "
        f"searches): {query_label(query.indices, query.source)}",
        None,
        object=",".join(query.indices) or None,
        evidence=Evidence.of(
            id=query.id, share=round(share, 3), count=query.count, groups=len(groups)
        ),
        fix=advice("Lint and profile this shape first; rewrite it before anything else"),
        anchor=f"{query.id} {query.source}",
    )
