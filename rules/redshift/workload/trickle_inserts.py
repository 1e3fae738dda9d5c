"""## What it does
Flags tables loaded by trickle inserts: in an hour with more than 100 INSERT statements that
each wrote 1-100 rows (the whole cluster counted, as AWS's operational review counts them),
the tables those small INSERTs went to, one finding per table.

## Why is this bad?
Each small INSERT is a statement of its own: it is planned, runs through the leader node,
commits, and writes a few rows into 1 MB column blocks that compress poorly and leave an
unsorted tail. A load that arrives row by row takes a queue slot and a commit for every few
rows, where one COPY or one multi-row INSERT would load them all in parallel at once.

## Example
```sql
INSERT INTO rs_demo.events (event_id, kind) VALUES (90001, 'click');
INSERT INTO rs_demo.events (event_id, kind) VALUES (90002, 'view');
-- ... 240 such statements within a few minutes
```

## Use instead
```sql
COPY rs_demo.events FROM 's3://bucket/events/2026/01/01/10/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' FORMAT AS JSON 'auto' GZIP;
-- or one multi-row INSERT per batch, or ALTER TABLE rs_demo.events APPEND FROM a staging table
```

## Evidence
`sys_query_detail` step `insert` `output_rows` summed per INSERT (`sys_query_history`
`query_type = 'INSERT'`, `user_id > 1`), counted per hour and target table on the server,
with the hour's total beside each row; on clusters without sys_query_detail, `stl_insert`
`rows` per query (INSERT statements from `stl_query`, table names from `svv_table_info`).
The 1-100 row band is fixed in the connector; option `max_per_hour` (100).

## Known limits
The hour's count is cluster-wide: every table that took small INSERTs in a flagged hour is
named, even one that took only a few. INSERT ... SELECT statements that happen to move a
few rows count too. The SQL-text rule RS-Q11 (single-row-inserts) finds the same pattern in
scripts before they run.

## References
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-multi-row-inserts.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-copy.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE_APPEND.html
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_INSERT.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsInsertHour, RsWorkload

META = RuleMeta(
    id="RS-W16",
    name="trickle-inserts",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Over 100 INSERTs of 1-100 rows in an hour: a table is loaded row by row",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_per_hour": 100},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    limit = float(ctx.options["max_per_hour"])
    by_table: dict[str, list[RsInsertHour]] = {}
    for hour in workload.inserts:
        if hour.hour_small_inserts > limit and hour.small_inserts > 0:
            by_table.setdefault(hour.table, []).append(hour)
    ranked = sorted(by_table.items(), key=lambda item: -sum(h.small_inserts for h in item[1]))
    for table, hours in ranked:
        small = sum(h.small_inserts for h in hours)
        worst = max(hours, key=lambda h: (h.hour_small_inserts, h.small_inserts))
        yield META.finding(
            f"{small} INSERTs of 1-100 rows into {table} in {words.count(len(hours), 'hour')} "
            f"with over "
            f"{limit:g} such INSERTs (worst {worst.hour}: {worst.hour_small_inserts} in all, "
            f"{worst.small_inserts} into {table})",
            None,
            object=table,
            evidence=Evidence.of(
                small_inserts=small,
                hours=len(hours),
                worst_hour=worst.hour,
                worst_hour_small_inserts=worst.hour_small_inserts,
                rows=sum(h.rows for h in hours),
                limit=limit,
            ),
            fix=Fix.advice(
                f"Batch the rows bound for {table}: stage them in S3 and COPY them, or send one "
                f"multi-row INSERT (or ALTER TABLE {table} APPEND FROM a staging table) per "
                "batch instead of an INSERT per row"
            ),
            anchor=f"trickle inserts {table}",
        )
