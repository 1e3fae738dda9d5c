"""## What it does
Flags INSERT ... SELECT statements that copy rows between tables with different distribution
keys: a query that wrote a table (stl_insert) and scanned another user table (stl_scan), where
the two tables' DISTKEYs differ or only one of them has one.

## Why is this bad?
Each row lands on the slice its target DISTKEY hashes to. When the source is distributed on
another column (or EVEN or ALL), every inserted row is sent across the network to its new
slice before it is written; aligned keys let each slice write the rows it already holds.

## Example
```sql
-- rs_demo.visits_nosortkey DISTKEY(user_id), rs_demo.visits_all DISTSTYLE ALL
INSERT INTO rs_demo.visits_nosortkey SELECT * FROM rs_demo.visits_all;
```

## Use instead
```sql
ALTER TABLE rs_demo.visits_all ALTER DISTSTYLE KEY DISTKEY user_id;
INSERT INTO rs_demo.visits_nosortkey SELECT * FROM rs_demo.visits_all;
```

## Evidence
`stl_insert` (target table per query) joined with `stl_scan` (user tables the same query read,
no internal worktables), summed per target and source on the server; `svv_table_info`
(`diststyle`) for both tables' names and keys. No options.

## Known limits
The fix assumes the key column has the same name in both tables (as in a staging copy); when
it does not, distribute on the column the SELECT maps to the target's key. Two tables that both
lack a DISTKEY are not flagged: there is no key to align. A query that reads several tables
pairs the target with each of them. STL views only: not on Serverless or Multi-AZ clusters.

## References
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/AdminScripts/insert_into_table_dk_mismatch.sql
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsInsertSource, RsWorkload
from rules.redshift.plan._plan import key_sql
from rules.redshift.workload._steps import distkey

META = RuleMeta(
    id="RS-W24",
    name="insert-distkey-mismatch",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="INSERT ... SELECT copies rows between tables with different DISTKEYs",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def _style(diststyle: str) -> str:
    key = distkey(diststyle)
    return f"DISTKEY {key}" if key else f"DISTSTYLE {diststyle or 'unknown'}, no DISTKEY"


def _finding(pair: RsInsertSource, target: str, source: str) -> Finding:
    target_key, source_key = distkey(pair.target_diststyle), distkey(pair.source_diststyle)
    if target_key:
        fix = Fix.sql(
            f"Distribute {source} on {target_key}, the DISTKEY of {target}",
            key_sql(source, target_key),
        )
    else:
        fix = Fix.sql(
            f"Distribute {target} on {source_key}, the DISTKEY of {source} (if it has that column)",
            key_sql(target, str(source_key)),
        )
    return META.finding(
        f"INSERT ... SELECT into {target} ({_style(pair.target_diststyle)}) from {source} "
        f"({_style(pair.source_diststyle)}): {pair.queries} queries, {pair.rows:,} rows "
        "redistributed on insert",
        None,
        object=target,
        evidence=Evidence.of(
            target=target,
            target_diststyle=pair.target_diststyle,
            source=source,
            source_diststyle=pair.source_diststyle,
            queries=pair.queries,
            rows=pair.rows,
            sample_query_id=pair.sample_query_id,
        ),
        fix=fix,
        anchor=f"insert {target} from {source}",
    )


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for pair in workload.insert_sources:
        if pair.target is None or pair.source is None:
            continue
        target_key, source_key = distkey(pair.target_diststyle), distkey(pair.source_diststyle)
        if target_key == source_key or not (target_key or source_key):
            continue
        yield _finding(pair, pair.target, pair.source)
