"""## What it does
Flags clusters where more than one database is busy at the same time: in some hour of the
history window, two or more databases each ran at least 10 user queries (sys_query_history
`database_name`, or stl_query `database`, `userid > 1`).

## Why is this bad?
Databases on one cluster share its slots, memory, disks and queues: a heavy ETL run in one slows
every dashboard of the other, and neither can be sized, paused or billed on its own.

## Example
```sql
SELECT database_name, date_trunc('hour', start_time), count(*) FROM sys_query_history
WHERE user_id > 1 GROUP BY 1, 2;
-- advisor_demo | 01:00 | 66
-- sandbox      | 01:00 | 22
```

## Use instead
```text
Move one workload to its own cluster or Serverless workgroup, and share the data it needs
through data sharing instead of copies.
```

## Evidence
User queries per database and hour, counted on the server; the hours in which several
databases were busy. Option `min_queries` (10 per database and hour). Sources: Advisor
recommendations, MCP review REC_026.

## Known limits
An hour is coarse: two databases busy at different minutes of one hour count as concurrent.
Small side databases (tools, monitoring) may be fine where they are.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/data_sharing_intro.html
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C35",
    name="several-busy-databases",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.INFO,
    summary="Several databases of one cluster are busy at the same time",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_queries": 10},
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    if snapshot.workload is None:
        return
    busy: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for row in snapshot.workload.database_hours:
        if row.database and row.queries >= ctx.number("min_queries"):
            busy[row.hour][row.database] = row.queries
    shared = sorted(hour for hour, names in busy.items() if len(names) > 1)
    if not shared:
        return
    queries: Counter[str] = Counter()
    for hour in shared:
        queries.update(busy[hour])
    names = sorted(queries)
    counts = ", ".join(f"{n} {words.count(queries[n], 'query', 'queries')}" for n in names)
    yield META.finding(
        f"{len(names)} databases were busy at the same time in {words.count(len(shared), 'hour')} "
        f"({counts} in those hours): they share the cluster's slots and memory",
        None,
        object="databases",
        evidence=Evidence.of(
            databases=" ".join(names), shared_hours=len(shared), first_hour=shared[0]
        ),
        fix=Fix.advice(
            f"Isolate the workloads of {', '.join(names)}: a cluster or Serverless workgroup "
            "each, with data sharing for the tables they both need"
        ),
        anchor="databases",
    )
