"""## What it does
Flags SELECT statements that return more than 1,000,000 rows per run to the client:
`returned_rows` of sys_query_history summed per query hash on the server, divided by the runs.

## Why is this bad?
Every returned row goes through the leader node to one client connection, one row at a time:
the leader serialises what the compute nodes produced in parallel. UNLOAD writes the result
from all slices to S3 in parallel instead.

## Example
```sql
SELECT * FROM events_unsorted;  -- 3,000,000 rows to a client, every run
```

## Use instead
```sql
UNLOAD ('SELECT * FROM events_unsorted') TO 's3://bucket/prefix/' IAM_ROLE default
FORMAT PARQUET;
```

## Evidence
`sys_query_history` (`returned_rows`, `query_type`) grouped by `generic_query_hash` on the
server and cut to the top queries by elapsed time. Option `max_rows` (1,000,000 per run).

## Known limits
Only the top queries by elapsed time are read; STL-only clusters (no sys_query_history) give
no returned-row counts. The UNLOAD target and role are placeholders to fill in.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W12",
    name="large-result-set",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="A SELECT returns over 1,000,000 rows per run through the leader node",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_rows": 1_000_000},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for group in workload.queries:
        if group.runs <= 0 or group.query_type.upper() not in ("SELECT", ""):
            continue
        per_run = group.returned_rows / group.runs
        if per_run <= float(ctx.options["max_rows"]):
            continue
        label = f"query {group.sample_query_id}" if group.sample_query_id else group.query_hash
        statement = " ".join(group.query_text.split()).rstrip(";")
        quoted = statement.replace("'", "''")
        yield META.finding(
            f"{label} returns {per_run:,.0f} rows per run to the client ({group.runs} runs)",
            None,
            object=label,
            evidence=Evidence.of(
                query_hash=group.query_hash,
                runs=group.runs,
                rows_per_run=round(per_run),
                query_text=statement[:200],
            ),
            fix=Fix.sql(
                "UNLOAD the result to S3 in parallel instead of returning it to a client",
                f"UNLOAD ('{quoted}') TO 's3://bucket/prefix/' IAM_ROLE default FORMAT PARQUET;",
            ),
            anchor=f"returned rows {group.query_hash}",
        )
