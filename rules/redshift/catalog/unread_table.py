"""## What it does
Flags tables no user query read in the history window: svv_table_info lists them, but
stl_scan has no scan of them (`type = 2`, user queries only, `userid > 1`) since the window
began (sys_query_detail scan steps on Serverless).

## Why is this bad?
An unread table still costs: its blocks fill the cluster's disks (or managed storage), loads
and VACUUM/ANALYZE keep working on it, and backups carry it. Data nobody queries belongs in
cheaper storage.

## Example
```sql
SELECT t."table" FROM svv_table_info t
LEFT JOIN (SELECT DISTINCT tbl FROM stl_scan WHERE userid > 1 AND type = 2) s
  ON s.tbl = t.table_id
WHERE s.tbl IS NULL;  -- sales_2019_archive
```

## Use instead
```sql
UNLOAD ('SELECT * FROM rs_demo.sales_2019_archive')
TO 's3://<bucket>/rs_demo/sales_2019_archive/' IAM_ROLE default FORMAT AS PARQUET;
-- query it through Redshift Spectrum (CREATE EXTERNAL TABLE), then:
DROP TABLE rs_demo.sales_2019_archive;
```

## Evidence
User scans per table in the window, counted on the server (stl_scan grouped by `tbl`, joined to
svv_table_info by table id), with the table's rows and size. Sources: amazon-redshift-utils
`unscanned_table_summary.sql` and `v_get_tbl_scan_frequency.sql`, MCP review REC_006.

## Known limits
The window is what the history keeps (about 7 days of STL history, the connector's
`history_days`): a table read monthly or quarterly looks unread. Tables only written (staging
tables loaded and then unloaded or appended elsewhere) are listed too.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_SCAN.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/unscanned_table_summary.sql
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from advisor.sql.fixsql import Template, name
from rules.redshift._fixes import DROP_TABLE

_SELECT = Template("SELECT * FROM {table}")
_UNLOAD = Template(
    "UNLOAD ({query:str})\nTO {path:str} IAM_ROLE default FORMAT AS PARQUET", composed=True
)
_DROP = DROP_TABLE

META = RuleMeta(
    id="RS-C19",
    name="unread-table",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="No user query read the table in the history window",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    if snapshot.workload is None:
        return
    for reads in snapshot.workload.table_reads:
        if reads.queries > 0:
            continue
        table = name(reads.schema, reads.table)
        stats = snapshot.table(reads.qualified_name)
        size = f" ({stats.tbl_rows:,} rows, {stats.size_mb:,} MB)" if stats else ""
        path = f"s3://<bucket>/{reads.schema}/{reads.table}/"
        yield META.finding(
            f"No user query read {reads.qualified_name}{size} in the history window",
            None,
            object=reads.qualified_name,
            evidence=Evidence.of(
                user_scans=0,
                tbl_rows=stats.tbl_rows if stats else None,
                size_mb=stats.size_mb if stats else None,
            ),
            fix=Fix.sql(
                f"Unload {reads.qualified_name} to S3 (query it with Spectrum) or drop it",
                _UNLOAD.render(query=_SELECT.query(table=table), path=path)
                + "\n"
                + _DROP.render(table=table),
            ),
            anchor=f"unread {reads.qualified_name}",
        )
