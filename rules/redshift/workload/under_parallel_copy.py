"""## What it does
Flags COPY jobs that load too few or too small files to use every slice: per day, target
table, S3 bucket and file format, more than 24 COPYs averaging fewer than 64 files per COPY
or files under 10 MB (AWS's operational review). The message gives Redshift Advisor's
reason first: fewer files than nodes, then fewer than slices, then a file count that is not
a multiple of the slice count (judged only where files average 2 MB or more).

## Why is this bad?
COPY reads files in parallel, one file (or one range of a split file) per slice at a time.
With fewer files than slices some slices idle for the whole load; with a count that is not a
multiple of the slices the last round runs on part of the cluster; with many tiny files the
per-file overhead dominates. Many COPYs a day multiply the waste.

## Example
```sql
-- 50 times a day, one 8 MB gzip file each, on a cluster of 4 slices:
COPY rs_demo.clicks FROM 's3://acme-clicks/ghost/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Use instead
```sql
-- fewer, larger batches, each written as a multiple of 4 files of 1 MB-1 GB compressed:
COPY rs_demo.clicks FROM 's3://acme-clicks/ghost/2026-01-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Evidence
`sys_load_history` (`source_file_count`, `file_bytes_scanned`, `data_source`, `file_format`,
`loaded_rows > 0`, `user_id > 1`) grouped per day, table, bucket and format on the server,
with `sys_load_detail.splits_scanned` per COPY (a file Redshift split itself counts as
parallel), and the node and slice counts of `stv_slices`. Options `min_copies` (24),
`min_avg_files` (64), `min_avg_file_mb` (10), `advisor_min_file_mb` (2).

## Known limits
Groups are judged on their averages and their smallest and largest file counts, not COPY by
COPY. Without stv_slices (Serverless) only the operational-review thresholds apply. The
SQL-text rules RS-Q18 (several COPYs into one table) and RS-Q19 (single non-splittable load
file) see the same smells in scripts.

## References
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-use-multiple-files.html
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_HISTORY.html
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_DETAIL.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SLICES.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsCopyGroup, RsWorkload

META = RuleMeta(
    id="RS-W17",
    name="under-parallel-copy",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.MEDIUM,
    summary="Over 24 COPYs a day with under 64 files per COPY or files under 10 MB",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={
        "min_copies": 24,
        "min_avg_files": 64,
        "min_avg_file_mb": 10,
        "advisor_min_file_mb": 2,
    },
)


def _advisor_reason(group: RsCopyGroup, nodes: int | None, slices: int | None) -> str:
    """Redshift Advisor's first reason, in its order of priority ("" when none applies)."""
    if not slices or group.split_copies >= group.copies:
        return ""
    if nodes and group.max_files < nodes:
        return f"fewer files than the cluster's {nodes} nodes"
    if group.max_files < slices:
        return f"fewer files than the cluster's {slices} slices"
    if group.min_files == group.max_files and group.max_files % slices:
        return f"{group.max_files} files, not a multiple of the cluster's {slices} slices"
    return ""


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    opts = ctx.options
    flagged: dict[tuple[str, str, str], list[tuple[RsCopyGroup, list[str]]]] = {}
    for group in workload.copies:
        if group.copies <= float(opts["min_copies"]) or not group.files:
            continue
        signals = []
        if group.avg_files < float(opts["min_avg_files"]) and group.split_copies < group.copies:
            signals.append(f"{group.avg_files:.1f} files per COPY")
        if group.avg_file_mb < float(opts["min_avg_file_mb"]):
            signals.append(f"files of {group.avg_file_mb:.1f} MB on average")
        if not signals:
            continue
        reasons = signals
        if group.avg_file_mb >= float(opts["advisor_min_file_mb"]):
            advisor = _advisor_reason(group, ctx.redshift.nodes, ctx.redshift.slices)
            reasons = [advisor, *signals] if advisor else signals
        flagged.setdefault((group.table, group.bucket, group.file_format), []).append(
            (group, reasons)
        )
    slices = ctx.redshift.slices
    multiple = f"a multiple of the {slices} slices" if slices else "a multiple of the slice count"
    for (table, bucket, file_format), days in flagged.items():
        worst, reasons = max(days, key=lambda day: day[0].copies)
        yield META.finding(
            f"{worst.copies} COPYs into {table} from s3://{bucket} ({file_format or 'text'}) on "
            f"{worst.day}: {'; '.join(reasons)} ({words.count(len(days), 'day')} like this)",
            None,
            object=table,
            evidence=Evidence.of(
                day=worst.day,
                copies=worst.copies,
                avg_files=round(worst.avg_files, 2),
                avg_file_mb=round(worst.avg_file_mb, 2),
                min_files=worst.min_files,
                max_files=worst.max_files,
                split_copies=worst.split_copies,
                nodes=ctx.redshift.nodes,
                slices=slices,
                days=len(days),
                data_source=worst.data_source,
            ),
            fix=Fix.advice(
                f"Write each batch for {table} under {worst.data_source or 's3://' + bucket} as "
                f"files of 1 MB-1 GB after compression, {multiple} in number, and load fewer, "
                "larger batches with one COPY each (a common prefix or a manifest)"
            ),
            anchor=f"copy files {table} {bucket} {file_format}",
        )
