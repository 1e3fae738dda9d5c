"""## What it does
Flags COPYs that spent time on automatic compression analysis: transactions that hold, beside
the COPY, the statements Redshift runs for it (`COPY ANALYZE <table>`, `analyze compression
phase 1`, `... phase 2`), grouped per target table.

## Why is this bad?
When COPY loads an empty table whose columns have no encoding (or COMPUPDATE is on), it first
samples rows on every slice, tries encodings and rewrites the table's encodings, and only then
loads. For a staging table recreated and loaded by every run of a job, that analysis is paid
every time. Redshift Advisor recommends skipping it: declare encodings in the DDL or add
COMPUPDATE OFF.

## Example
```sql
CREATE TABLE rs_demo.visits_stage (visit_id BIGINT, user_id INTEGER, visited_at TIMESTAMP);
COPY rs_demo.visits_stage FROM 's3://acme-visits/nosortkey/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP;
```

## Use instead
```sql
COPY rs_demo.visits_stage FROM 's3://acme-visits/nosortkey/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV GZIP COMPUPDATE OFF;
-- or: CREATE TABLE ... (visit_id BIGINT ENCODE az64, ...) / ENCODE AUTO
```

## Evidence
`sys_query_history` (`transaction_id`, `query_text`, `elapsed_time`, `user_id > 1`), or
`stl_query` (`xid`, `querytxt`) where the SYS view is missing: the transactions holding
analysis statements, with their COPY and the time the analysis took, summed per transaction
on the server. Option `min_transactions` (1).

## Known limits
The table is read from the COPY's text; a transaction whose COPY text is missing is named by
its id. On a table with DISTSTYLE AUTO, COPY runs `COPY ANALYZE` to choose the distribution
even with COMPUPDATE OFF: when the COPY already says COMPUPDATE OFF the fix is an explicit
DISTSTYLE. The SQL-text rule RS-Q21 (compression-analysis-on-staging-load) catches the
pattern in scripts that create and load a staging table.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY.html
- https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html
- https://repost.aws/knowledge-center/redshift-fix-copy-analyze-statupdate-off
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor import words
from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsCompressionAnalysis, RsContext, RsWorkload
from advisor.sql.dialect import option
from rules.redshift.query._shared import flag_value
from rules.redshift.workload._loads import copy_target, copy_with, parse_copy

META = RuleMeta(
    id="RS-W19",
    name="copy-compression-analysis",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="COPY ran compression analysis (COPY ANALYZE) in its transaction",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_transactions": 1},
)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    by_target: dict[str, list[RsCompressionAnalysis]] = {}
    trees: dict[str, exp.Copy] = {}
    for analysis in workload.compression_analyses:
        if analysis.statements <= 0:
            continue
        tree = parse_copy(analysis.copy_text)
        target = copy_target(tree) or f"transaction {analysis.xid}"
        by_target.setdefault(target, []).append(analysis)
        if tree is not None:
            trees.setdefault(target, tree)
    ranked = sorted(by_target.items(), key=lambda item: -sum(a.analysis_us for a in item[1]))
    for target, found in ranked:
        if len(found) < float(ctx.options["min_transactions"]):
            continue
        seconds = sum(a.analysis_us for a in found) / 1e6
        tree = trees.get(target)
        if tree is not None and flag_value(option(tree, "COMPUPDATE")) in ("OFF", "FALSE"):
            fix = Fix.advice(
                f"The COPY already says COMPUPDATE OFF: COPY ANALYZE chooses the distribution of "
                f"a DISTSTYLE AUTO table; give {target} an explicit DISTSTYLE"
            )
        elif tree is not None:
            fix = Fix.sql(
                f"Declare ENCODE for the columns of {target} in its DDL (or ENCODE AUTO), or "
                "skip the analysis with COMPUPDATE OFF",
                copy_with(tree, "COMPUPDATE", exp.var("OFF")),
            )
        else:
            fix = Fix.advice(
                "Declare ENCODE in the loaded table's DDL, or add COMPUPDATE OFF to its COPY"
            )
        yield META.finding(
            f"{words.count(len(found), 'COPY transaction')} into {target} ran compression "
            f"analysis: "
            f"{sum(a.statements for a in found)} COPY ANALYZE / analyze compression statements, "
            f"{seconds:,.1f} s",
            None,
            object=target,
            evidence=Evidence.of(
                transactions=len(found),
                statements=sum(a.statements for a in found),
                analysis_us=sum(a.analysis_us for a in found),
                elapsed_us=sum(a.elapsed_us for a in found),
                sample_xid=found[0].xid,
            ),
            fix=fix,
            anchor=f"copy analysis {target}",
        )
