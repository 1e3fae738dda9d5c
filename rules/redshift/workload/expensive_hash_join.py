"""## What it does
Flags queries whose slowest segment (highest `maxtime` in svl_query_summary) holds a hash join
step (`hjoin`) that produced many times more rows than the query finally returned: at least
`row_ratio` times the rows of the query's last `return` step, and at least `min_rows` rows.

"Many times more" is the option `row_ratio`, 100 by default: the join made a hundred rows for
each row the query returned, so nearly all of its output was thrown away afterwards.

## Why is this bad?
A hash join whose output dwarfs the result usually joins on a column that is not unique on
either side: every match multiplies rows, which the later steps aggregate or filter away. The
slowest segment spends its time building rows nobody reads.

## Example
```sql
SELECT c.city, count(*) FROM orders o JOIN customers c ON c.city = o.ship_city GROUP BY 1;
-- svl_query_summary: hjoin 60,000,000 rows in the slowest segment; return 5,000 rows
```

## Use instead
```sql
SELECT c.city, count(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id
GROUP BY 1;  -- join on a unique key; distributed and sorted on it, it becomes a merge join
```

## Evidence
`svl_query_summary` cut on the server: per query, the steps of the segment with the highest
`maxtime` and the rows of the last `return` step; the slowest queries first (`top_queries`).
Options `row_ratio` (100) and `min_rows` (1,000,000 rows made by the join).

## Known limits
svl_query_summary is an SVL view (not on Serverless or Multi-AZ clusters) and keeps only a few
days. It has no query text: look the query id up in sys_query_history. A join that feeds an
INSERT or CTAS has no `return` step and is not judged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/using-SVL-Query-Summary.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from rules.redshift.workload._steps import biggest, ratio

META = RuleMeta(
    id="RS-W09",
    name="expensive-hash-join",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="The slowest segment's hash join makes far more rows than the query returns",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"row_ratio": 100, "min_rows": 1_000_000},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for segment in workload.slow_segments:
        join = biggest(segment, "hjoin")
        if join is None or segment.return_rows is None:
            continue
        times = ratio(join.rows, segment.return_rows)
        if join.rows < float(ctx.options["min_rows"]) or times < float(ctx.options["row_ratio"]):
            continue
        query = f"query {segment.query_id}"
        yield META.finding(
            f"Query {segment.query_id}: the hash join of its slowest segment "
            f"({segment.max_time_us / 1e6:,.1f} s) made {join.rows:,} rows for the "
            f"{segment.return_rows:,} the query returned ({times:,.0f} times more)",
            None,
            object=query,
            evidence=Evidence.of(
                segment=segment.segment,
                step=join.step,
                label=join.label,
                join_rows=join.rows,
                return_rows=segment.return_rows,
                ratio=round(times, 1),
                segment_time_us=segment.max_time_us,
            ),
            fix=Fix.advice(
                f"Join {query} on a unique key (or filter its inputs before the join) so the hash "
                "join stops multiplying rows; with both tables distributed and sorted on the join "
                "column it can run as a merge join"
            ),
            anchor=f"hash join {query}",
        )
