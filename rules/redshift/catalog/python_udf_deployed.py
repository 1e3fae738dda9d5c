"""## What it does
Lists the Python scalar UDFs still defined in the database: pg_proc rows whose language
(pg_language) is `plpythonu`.

## Why is this bad?
AWS is retiring Python UDFs: no new ones can be created since Patch 198 (1 November 2025), and
the existing ones stop running after 30 June 2026, so every query that calls one will fail.
Until then they run at most a quarter of the cluster's concurrency.

## Example
```sql
SELECT n.nspname, p.proname FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE l.lanname = 'plpythonu';  -- rs_demo | f_url_host
```

## Use instead
```sql
CREATE OR REPLACE FUNCTION rs_demo.f_url_host_sql(VARCHAR) RETURNS VARCHAR IMMUTABLE AS $$
    SELECT split_part($1, '/', 3)
$$ LANGUAGE sql;
```
or a Lambda UDF (`CREATE EXTERNAL FUNCTION ... LAMBDA '...'`); point the callers at it, then
drop the Python one.

## Evidence
pg_proc joined to pg_language and pg_namespace (schema, name, argument and return types).
Source: the AWS retirement notice; see RS-D20 for the same check on DDL files.

## Known limits
Callers are not listed: search the query history and views for the function's name before
dropping it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/udf-python-language-support.html
- https://aws.amazon.com/blogs/big-data/amazon-redshift-python-user-defined-functions-will-reach-end-of-support-after-june-30-2026/
- https://docs.aws.amazon.com/redshift/latest/dg/user-defined-functions.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot
from rules.redshift.catalog._catalog import qualified

META = RuleMeta(
    id="RS-C26",
    name="python-udf-deployed",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.HIGH,
    summary="A Python UDF (plpythonu) is still defined; they stop running after 30 June 2026",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for udf in snapshot.python_udfs:
        if udf.language.lower() != "plpythonu":
            continue
        signature = f"{qualified(udf.schema, udf.name)}({udf.arguments})"
        yield META.finding(
            f"Python UDF {signature} is still defined: Python UDFs stop running after 30 June 2026",
            None,
            object=udf.qualified_name,
            evidence=Evidence.of(
                language=udf.language, arguments=udf.arguments or None, returns=udf.returns
            ),
            fix=Fix.advice(
                f"Rewrite {signature} as a SQL or Lambda UDF, move its callers, then "
                f"DROP FUNCTION {signature};"
            ),
            anchor=f"udf {udf.qualified_name}",
        )
