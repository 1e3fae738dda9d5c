"""## What it does
Flags external tables whose Spectrum scans return to Redshift most of what they read: from
svl_s3query_summary, `s3query_returned_bytes` at least 90% of `s3_scanned_bytes`, for tables
scanned for at least 1 GB in all.

## Why is this bad?
The Spectrum layer can filter, project and pre-aggregate before the data reaches the cluster;
when nearly every scanned byte comes back, none of that happened and the cluster's slices do
the filtering and aggregation over the network-transferred rows.

## Example
```sql
SELECT * FROM spectrum.sessions_passthrough;  -- 95% of the scanned bytes returned
```

## Use instead
```sql
SELECT session_day, count(*) FROM spectrum.sessions_passthrough
WHERE session_day >= '2026-11-01' GROUP BY session_day;  -- filter and aggregate in Spectrum
```

## Evidence
`svl_s3query_summary` (`s3_scanned_bytes`, `s3query_returned_bytes`) summed per external
table on the server. Options `min_returned_share` (0.9), `min_scanned_bytes` (1 GB).

## Known limits
A query that truly needs every row and column returns all of it; the rule cannot tell. Columnar
formats already skip unused columns before `s3_scanned_bytes` is counted. (Derived from the
Spectrum metrics documentation; no primary threshold.)

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-metrics.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W22",
    name="spectrum-returns-most",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="Spectrum scans return most of the bytes they read to the cluster",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_returned_share": 0.9, "min_scanned_bytes": 1024**3},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for scan in workload.spectrum:
        scanned = scan.s3_scanned_bytes
        if scanned < float(ctx.options["min_scanned_bytes"]):
            continue
        share = scan.returned_bytes / scanned
        if share < float(ctx.options["min_returned_share"]):
            continue
        yield META.finding(
            f"Scans of {scan.table} returned {share:.0%} of the {scanned / 1024**3:,.1f} GB "
            f"they read to the cluster ({scan.queries} queries)",
            None,
            object=scan.table,
            evidence=Evidence.of(
                queries=scan.queries,
                scanned_bytes=scanned,
                returned_bytes=scan.returned_bytes,
                returned_share=round(share, 3),
            ),
            fix=Fix.advice(
                f"Filter and aggregate {scan.table} in the query (WHERE on its columns, "
                "GROUP BY) and select only the columns needed, so Spectrum does the work"
            ),
            anchor=f"returned share {scan.table}",
        )
