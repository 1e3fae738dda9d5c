"""## What it does
Flags external tables whose Spectrum scans read many small files: from svl_s3query_summary,
`s3_scanned_bytes / files` under 64 MB, when the scans read at least 100 files per query.

## Why is this bad?
Spectrum assigns files to its workers; each file costs a request, an open and a footer read
however small it is. Thousands of small files spend the scan on overhead, and the AWS guidance
is files of 64 MB to 1 GB, of about equal size.

## Example
```sql
SELECT trim(external_table_name), sum(s3_scanned_bytes) / sum(files)
FROM svl_s3query_summary GROUP BY 1;  -- spectrum.clicks_raw | 53,333,333
```

## Use instead
```text
Compact the files under the table's location into 64 MB - 1 GB files of equal size
(for example with a Glue or EMR job, or CREATE EXTERNAL TABLE AS / UNLOAD with MAXFILESIZE).
```

## Evidence
`svl_s3query_summary` (`s3_scanned_bytes`, `files`, distinct queries) summed per external
table on the server. Options `min_file_bytes` (64 MB), `min_files_per_query` (100).

## Known limits
The average hides uneven sizes (a few large files among many tiny ones). SYS-only clusters
(Serverless) have no svl_s3query_summary.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-data-files.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W21",
    name="spectrum-small-files",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="Spectrum scans read many files smaller than 64 MB",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_file_bytes": 64 * 1024**2, "min_files_per_query": 100},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for scan in workload.spectrum:
        if scan.files <= 0 or scan.queries <= 0:
            continue
        per_file = scan.s3_scanned_bytes / scan.files
        per_query = scan.files / scan.queries
        if per_query < float(ctx.options["min_files_per_query"]):
            continue
        if per_file >= float(ctx.options["min_file_bytes"]):
            continue
        yield META.finding(
            f"Scans of {scan.table} read {per_query:,.0f} files per query averaging "
            f"{per_file / 1024**2:,.1f} MB",
            None,
            object=scan.table,
            evidence=Evidence.of(
                queries=scan.queries,
                files=scan.files,
                files_per_query=round(per_query),
                mb_per_file=round(per_file / 1024**2, 1),
            ),
            fix=Fix.advice(
                f"Compact the files of {scan.table} into 64 MB - 1 GB files of about equal size"
            ),
            anchor=f"small files {scan.table}",
        )
