"""## What it does
Flags queries whose slowest segment (highest `maxtime` in svl_query_summary) scans many times
more rows than the query finally returns: a `scan` step with at least `row_ratio` times the
rows of the query's last `return` step, and at least `min_rows` rows.

"Many times more" is the option `row_ratio`, 1,000 by default: the scan read a thousand rows
for each row returned. Aggregates over a whole table read much more than they return by
nature, so the default sits well above the ratio of a grouped report.

## Why is this bad?
The query's time goes into reading rows its predicate does not narrow down: either the
predicate is too loose, or it filters on a column that is not the table's leading sort key,
so the zone maps cannot skip blocks and every block is read and then discarded.

## Example
```sql
SELECT kind, count(*) FROM rs_demo.events_unsorted WHERE kind = 'click' GROUP BY 1;
-- slowest segment: scan of events_unsorted, 40,000,000 rows; return 200 rows
```

## Use instead
```sql
SELECT kind, count(*) FROM rs_demo.events_unsorted
WHERE event_time >= '2026-01-01' AND kind = 'click'  -- a range on the leading sort key
GROUP BY 1;
```

## Evidence
`svl_query_summary` cut on the server: per query, the steps of the segment with the highest
`maxtime` and the rows of the last `return` step, slowest queries first; `svv_table_info`
(`sortkey1`) of the table the biggest scan reads, when the step's label names it. Options
`row_ratio` (1,000) and `min_rows` (1,000,000 rows scanned).

## Known limits
svl_query_summary is an SVL view (not on Serverless or Multi-AZ clusters), keeps only a few
days and has no query text. The scanned table is found by its bare name (`name=` in the step
label); the fix names the sort key only when that name is unique in the catalog read.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload
from rules.redshift.workload._steps import biggest, ratio, sort_column

META = RuleMeta(
    id="RS-W10",
    name="scan-dominates",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="The slowest segment scans far more rows than the query returns",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"row_ratio": 1000, "min_rows": 1_000_000},
)


def _advice(query: str, table: str | None, ctx: RsContext) -> str:
    stats = ctx.redshift.table(table) if table else None
    if stats is None:
        where = f" of {table}" if table else ""
        return (
            f"Give {query} a more restrictive predicate, on the leading sort key{where} so zone "
            "maps skip blocks"
        )
    column = sort_column(stats.sortkey1)
    if column is None:
        return (
            f"Give {query} a more restrictive predicate; {stats.qualified_name} has no leading "
            "sort key to filter on: sort it by the column the queries filter on"
        )
    return (
        f"Give {query} a more restrictive predicate, on {stats.qualified_name}.{column} "
        "(its leading sort key), so zone maps skip the blocks outside the range"
    )


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for segment in workload.slow_segments:
        scan = biggest(segment, "scan")
        if scan is None or segment.return_rows is None:
            continue
        times = ratio(scan.rows, segment.return_rows)
        if scan.rows < float(ctx.options["min_rows"]) or times < float(ctx.options["row_ratio"]):
            continue
        query = f"query {segment.query_id}"
        table = scan.table
        read = f" of {table}" if table else ""
        yield META.finding(
            f"Query {segment.query_id}: the scan{read} in its slowest segment "
            f"({segment.max_time_us / 1e6:,.1f} s) read {scan.rows:,} rows for the "
            f"{segment.return_rows:,} the query returned ({times:,.0f} times more)",
            None,
            object=query,
            evidence=Evidence.of(
                segment=segment.segment,
                step=scan.step,
                label=scan.label,
                table=table,
                scan_rows=scan.rows,
                return_rows=segment.return_rows,
                ratio=round(times, 1),
                segment_time_us=segment.max_time_us,
            ),
            fix=Fix.advice(_advice(query, table, ctx)),
            anchor=f"scan dominates {query}",
        )
