"""## What it does
Flags consumer databases whose data-sharing requests are slow: in
sys_datashare_usage_consumer, each transaction's requests to the producer timed from its first
to its last record, averaged per database the transaction's queries ran in (joined with
sys_query_history); above `max_avg_seconds` (60 s) the consumer waits on the producer.

## Why is this bad?
A consumer query over a datashare first asks the producer for the shared objects' metadata
and data; long requests hold every consumer query in that transaction and grow with the work
the producer does per request (a view recomputed, a large relation resolved).

## Example
```sql
SELECT transaction_id, datediff(s, min(record_time), max(record_time))
FROM sys_datashare_usage_consumer GROUP BY 1;  -- 910001 | 95
```

## Use instead
```sql
-- On the producer: share a materialized view of what the consumers read, refreshed there
CREATE MATERIALIZED VIEW sales.daily_orders AUTO REFRESH YES AS
SELECT order_date, count(*) AS orders FROM sales.orders GROUP BY order_date;
ALTER DATASHARE sales_share ADD TABLE sales.daily_orders;
```

## Evidence
`sys_datashare_usage_consumer` (`record_time` per user, session and transaction) and
`sys_query_history` (`database_name` of the same transaction), aggregated per database on the
server. Option `max_avg_seconds` (60).

## Known limits
Relevant only on consumer clusters and workgroups (the view is empty elsewhere). The shared
objects behind the slow requests are not named by the view: look them up on the producer
(sys_datashare_usage_producer). Transactions whose queries are no longer in the history are
grouped under an empty database name.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_DATASHARE_USAGE_CONSUMER.html
- https://docs.aws.amazon.com/redshift/latest/dg/datashare-overview.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/config/signals.json
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W29",
    name="slow-datashare-consumer",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.INFO,
    summary="Data-sharing requests of a consumer database take over a minute on average",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_avg_seconds": 60},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    limit = float(ctx.options["max_avg_seconds"])
    for consumer in workload.datashare_consumers:
        if consumer.avg_seconds <= limit:
            continue
        database = consumer.database or "(unknown database)"
        yield META.finding(
            f"Data-sharing requests of {database} took {consumer.avg_seconds:,.0f} s on average "
            f"per transaction (longest {consumer.max_seconds:,.0f} s, "
            f"{consumer.transactions} transactions)",
            None,
            object=database,
            evidence=Evidence.of(
                database=consumer.database,
                transactions=consumer.transactions,
                requests=consumer.requests,
                avg_seconds=consumer.avg_seconds,
                max_seconds=consumer.max_seconds,
            ),
            fix=Fix.advice(
                f"On the producer, share materialized views of what {database} reads (refreshed "
                "there) instead of the views or large tables it resolves on every request"
            ),
            anchor=f"datashare {database}",
        )
