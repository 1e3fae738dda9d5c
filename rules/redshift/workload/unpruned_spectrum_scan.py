"""## What it does
Flags external (Spectrum) tables whose scans read everything: a partitioned table where every
partition qualified (no pruning), or an unpartitioned table scanned at over 1 GB per query.

## Why is this bad?
Spectrum bills by bytes scanned and its time grows with them; partition pruning is the main
way to skip files. An unpartitioned table is read whole by every query.

## Example
```sql
SELECT external_table_name, is_partitioned, s3_scanned_bytes FROM svl_s3query_summary;
-- spectrum.clicks_raw | f | 64000000000
```

## Use instead
```sql
-- Re-create the table PARTITIONED BY the columns queries filter on (e.g. the event date)
-- and filter on them: WHERE event_date >= '2026-11-01'
```

## Evidence
`svl_s3query_summary` aggregated per external table (queries, `is_partitioned`, scanned
bytes) and `svl_s3partition` (`total_partitions`, `qualified_partitions`). Option
`min_bytes_per_query` (1 GB) for unpartitioned tables.

## Known limits
Serverless keeps this in sys_external_query_detail, which the connector does not read yet.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_S3PARTITION.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W20",
    name="unpruned-spectrum-scan",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Spectrum scans of an external table read every partition or the whole table",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_bytes_per_query": 1024**3},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for scan in workload.spectrum:
        per_query = scan.s3_scanned_bytes / max(scan.queries, 1)
        evidence = Evidence.of(
            queries=scan.queries,
            is_partitioned=scan.is_partitioned,
            scanned_gb_per_query=round(per_query / 1024**3, 2),
            total_partitions=scan.total_partitions,
            qualified_partitions=scan.qualified_partitions,
        )
        if scan.is_partitioned:
            total, qualified = scan.total_partitions, scan.qualified_partitions
            if not total or qualified is None or qualified < total:
                continue
            message = f"Scans of {scan.table} qualify all {total:,} partitions: no pruning"
            advice = "Filter on the partition columns"
        else:
            if per_query <= float(ctx.options["min_bytes_per_query"]):
                continue
            message = (
                f"{scan.table} is not partitioned: each of {scan.queries} queries scanned "
                f"{per_query / 1024**3:,.1f} GB"
            )
            advice = "Partition the external table on the columns queries filter on"
        yield META.finding(
            message,
            None,
            object=scan.table,
            evidence=evidence,
            fix=Fix.advice(advice),
            anchor=scan.table,
        )
