"""## What it does
Flags the Query Insights top queries in the top decile of CPU time or memory among the records
read, above an absolute floor (100 ms of CPU, 100 MiB of memory).

## Why is this bad?
A single query that burns CPU or heap on every shard task competes with all other searches on
those nodes, and is often one rewrite away from cheap: a script (OS-Q08), a bucket explosion
(OS-Q31), fielddata (OS-M05).

## Example
```text
top query cpu 2.4 s, memory 380 MiB on logs-*: terms agg size 100000 under date_histogram
```

## Use instead
```text
Lint the query's source (`advisor lint`) and apply the static rules it triggers; page large
aggregations with composite.
```

## Evidence
Query Insights records: `measurements.cpu.number` (ns), `measurements.memory.number` (bytes),
`indices`, `source`. Options: `min_cpu_ms` (100), `min_memory_mib` (100), `quantile` (0.9).

## Known limits
Silent without the Query Insights plugin (OS-C07). The per-shard `task_resource_usages` are not
broken down.

## References
- https://docs.opensearch.org/latest/observing-your-data/query-insights/top-n-queries/
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from advisor.dsl.rulekit import advice
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_opensearch import OsContext, OsInsights, OsTopQuery
from rules.opensearch.profile._common import MS, query_label

META = RuleMeta(
    id="OS-P14",
    name="resource-heavy-query",
    family="opensearch.profile",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="A top query uses the most CPU or memory of the top queries",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_cpu_ms": 100, "min_memory_mib": 100, "quantile": 0.9},
)


def _cpu(query: OsTopQuery) -> float | None:
    return query.cpu_ns


def _memory(query: OsTopQuery) -> float | None:
    return query.memory_bytes


def _shown(value: float, unit: str) -> str:
    return f"{value / MS:g} ms" if unit == "ms" else f"{value / 1024**2:.1f} MiB"


def _cutoff(values: list[float], quantile: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]


def check(insights: OsInsights, ctx: OsContext) -> Iterator[Finding]:
    measures: tuple[tuple[str, Callable[[OsTopQuery], float | None], float, str], ...] = (
        ("cpu", _cpu, ctx.number("min_cpu_ms") * MS, "ms"),
        ("memory", _memory, ctx.number("min_memory_mib") * 1024**2, "MiB"),
    )
    reported: set[str] = set()
    for name, value_of, floor, unit in measures:
        pairs: list[tuple[OsTopQuery, float]] = [
            (q, v) for q in insights.top_queries if (v := value_of(q)) is not None
        ]
        if not pairs:
            continue
        cutoff = max(floor, _cutoff([v for _, v in pairs], ctx.number("quantile")))
        for query, value in pairs:
            key = query.id or query.source
            if value < cutoff or key in reported:
                continue
            reported.add(key)
            yield META.finding(
                f"top query uses {_shown(value, unit)} of {name}: "
                f"{query_label(query.indices, query.source)}",
                None,
                object=",".join(query.indices) or None,
                evidence=Evidence.of(
                    id=query.id,
                    measure=name,
                    value=value,
                    latency_ms=query.latency_ms,
                    total_shards=query.total_shards,
                ),
                fix=advice(
                    "Lint the source and apply the rules it triggers (scripts OS-Q08, "
                    "buckets OS-Q31, fielddata OS-M05)"
                ),
                anchor=f"{query.id} {query.source}",
            )
