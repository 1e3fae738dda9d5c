"""## What it does
Flags COPYs that read uncompressed objects from Amazon S3: the COPY's GET requests in
stl_s3client moved exactly as many bytes as the data held (`sum(transfer_size) =
sum(data_size)`), 5 MB or more, grouped per target table.

## Why is this bad?
Text files shrink several times under gzip, zstd, bzip2 or lzop. Uncompressed input makes the
load spend its time moving bytes from S3 to the slices, and the objects cost more to store
and to transfer. Redshift Advisor recommends compressing the objects COPY loads.

## Example
```sql
COPY rs_demo.orders FROM 's3://acme-orders/stale/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV;  -- 64 MB moved, 64 MB of data
```

## Use instead
```sql
-- after writing the objects gzip-compressed:
COPY rs_demo.orders FROM 's3://acme-orders/stale/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Evidence
`stl_s3client` rows with `http_method = 'GET'` (`user_id > 1`) summed per COPY on the server,
keeping COPYs whose transferred bytes equal their data bytes, ranked by size; the COPY's text
from `stl_query` for its target table. Option `min_mb` (5).

## Known limits
stl_s3client is an STL view: Serverless and Multi-AZ clusters have no equivalent, so the rule
stays silent there. COPYs of Parquet or ORC (compressed inside the file) are skipped. Without
the COPY text the finding names the S3 prefix instead of the table. The SQL-text rule RS-Q20
(uncompressed-load-files) flags the same COPY in scripts; this rule confirms it from what
the cluster actually read.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-compress-data-files.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_S3CLIENT.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsUncompressedCopy, RsWorkload
from advisor.sql.dialect import option
from rules.redshift.query._shared import flag_value
from rules.redshift.workload._loads import copy_target, copy_with, mb, parse_copy

META = RuleMeta(
    id="RS-W18",
    name="uncompressed-copy-input",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="COPY read uncompressed S3 objects: bytes transferred equal the data bytes",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_mb": 5},
)

_COLUMNAR = ("PARQUET", "ORC")


def _prefix(copy: RsUncompressedCopy) -> str:
    folder = copy.key.rsplit("/", 1)[0] + "/" if "/" in copy.key else ""
    return f"s3://{copy.bucket}/{folder}"


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    floor = float(ctx.options["min_mb"])
    by_target: dict[str, list[RsUncompressedCopy]] = {}
    statements: dict[str, exp.Copy] = {}
    for copy in workload.uncompressed_copies:
        if copy.transfer_bytes != copy.data_bytes or mb(copy.transfer_bytes) < floor:
            continue
        tree = parse_copy(copy.query_text)
        if tree is not None and flag_value(option(tree, "FORMAT")) in _COLUMNAR:
            continue
        target = copy_target(tree) or _prefix(copy)
        by_target.setdefault(target, []).append(copy)
        if tree is not None:
            statements.setdefault(target, tree)
    ranked = sorted(by_target.items(), key=lambda item: -sum(c.transfer_bytes for c in item[1]))
    for target, copies in ranked:
        size = mb(sum(c.transfer_bytes for c in copies))
        prefix = _prefix(copies[0])
        tree = statements.get(target)
        title = (
            f"Write the objects under {prefix} gzip- or zstd-compressed (1-128 MB each) and "
            "add the codec to the COPY"
        )
        fix = Fix.advice(title)
        if tree is not None:
            fix = Fix.sql(title, copy_with(tree, "GZIP", None))
        yield META.finding(
            f"{words.count(len(copies), 'COPY command')} into {target} read {size:,.1f} MB of "
            f"uncompressed objects "
            f"from {prefix} (bytes transferred = data bytes)",
            None,
            object=target,
            evidence=Evidence.of(
                copies=len(copies),
                transfer_mb=round(size, 1),
                files=sum(c.files for c in copies),
                prefix=prefix,
                sample_query_id=copies[0].query_id,
            ),
            fix=fix,
            anchor=f"uncompressed copy {target}",
        )
