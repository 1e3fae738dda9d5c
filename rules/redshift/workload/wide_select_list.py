"""## What it does
Flags queries with a step that carries many more bytes per row than the query's other steps:
in svl_query_summary, the step with the highest `bytes / rows` holds at least `width_ratio`
times the median width of the query's steps (those with rows and bytes), and at least
`min_bytes` bytes.

"Many more" is the option `width_ratio`, 8 by default: a step whose rows are eight times as
wide as the query's typical step reads or moves columns the rest of the query does not carry.

## Why is this bad?
A columnar engine reads, decompresses, hashes and ships every column a step names. A wide
select list (often `SELECT *` over a table with long VARCHARs) makes that step move gigabytes
that the result or the later steps never need.

## Example
```sql
SELECT * FROM rs_demo.pages_wide p JOIN rs_demo.customers c ON c.customer_id = p.page_id;
-- svl_query_summary: scan of pages_wide at 4,000 bytes a row, the other steps 48 to 64
```

## Use instead
```sql
SELECT p.page_id, p.url, c.city
FROM rs_demo.pages_wide p JOIN rs_demo.customers c ON c.customer_id = p.page_id;
```

## Evidence
`svl_query_summary` cut on the server: for each of the slowest queries (`top_queries`), its
widest step (label, bytes per row, bytes) and the median bytes per row over its steps with
rows and bytes (`percentile_cont(0.5)`). Options `width_ratio` (8), `min_bytes` (100,000,000
bytes in the wide step) and `min_steps` (3 steps with bytes to compare).

## Known limits
Steps that report no bytes (project, hjoin and others) are not compared. A query whose every
step carries the wide rows has no narrow steps to stand out from and is not flagged. Not on
Serverless or Multi-AZ clusters (SVL view).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_SUMMARY.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsQueryStep, RsWorkload

META = RuleMeta(
    id="RS-W11",
    name="wide-select-list",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="A query step carries many times more bytes per row than the query's other steps",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"width_ratio": 8, "min_bytes": 100_000_000, "min_steps": 3},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    opts = ctx.options
    for segment in workload.slow_segments:
        wide, median = segment.widest_width, segment.median_width
        if wide is None or median is None or median <= 0:
            continue
        if segment.width_steps < int(opts["min_steps"]):
            continue
        times = wide / median
        if times < float(opts["width_ratio"]) or segment.widest_bytes < float(opts["min_bytes"]):
            continue
        query = f"query {segment.query_id}"
        table = RsQueryStep(0, 0, segment.widest_label).table
        stats = ctx.redshift.table(table) if table else None
        where = f" from {stats.qualified_name if stats else table}" if table else ""
        yield META.finding(
            f"Query {segment.query_id}: step `{segment.widest_label}` carries {wide:,.0f} bytes "
            f"a row, {times:,.0f} times the median of its {segment.width_steps} steps "
            f"({median:,.0f} bytes)",
            None,
            object=query,
            evidence=Evidence.of(
                label=segment.widest_label,
                bytes_per_row=round(wide, 1),
                median_bytes_per_row=round(median, 1),
                ratio=round(times, 1),
                bytes=segment.widest_bytes,
                steps=segment.width_steps,
            ),
            fix=Fix.advice(f"Select only the columns {query} needs{where}; drop the rest"),
            anchor=f"wide step {query}",
        )
