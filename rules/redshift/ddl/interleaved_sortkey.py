"""## What it does
Flags every `INTERLEAVED SORTKEY`.

## Why is this bad?
Interleaved keys need `VACUUM REINDEX`, which is slower than `VACUUM FULL`, and lose their
benefit as unsorted rows pile up. Amazon Redshift Advisor proposes converting them to compound
keys, migration to Serverless converts interleaved tables with KEY distribution to compound,
and AWS's operational review notes that such tables cannot use concurrency scaling or data
sharing. A compound key, or a materialized view per access path, usually serves better.

## Example
```sql
CREATE TABLE sales.orders (region VARCHAR(16), segment VARCHAR(16), total DECIMAL(12, 2))
INTERLEAVED SORTKEY (region, segment);
```

## Use instead
```sql
CREATE TABLE sales.orders (region VARCHAR(16), segment VARCHAR(16), total DECIMAL(12, 2))
COMPOUND SORTKEY (region, segment);
```

## Evidence
The SQL text of the CREATE TABLE: its sort key style.

## Known limits
Interleaved keys can win for tables filtered on several unrelated columns with equal weight;
the SQL text cannot tell. RS-D02, RS-D03 and RS-D04 report the sharper cases; where one of them
fires on a table, this rule stays silent on it.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import COMPOUND_SORTKEY
from rules.redshift.ddl._ddl import created_table, interleaved_key, name_sql

META = RuleMeta(
    id="RS-D05",
    name="interleaved-sortkey",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="Interleaved sort key: prefer compound keys or a materialized view per access path",
    fix_safety=FixSafety.UNSAFE,
    superseded_by=("RS-D02", "RS-D03", "RS-D04"),
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    key = interleaved_key(tree)
    if key is None:
        return
    prop, columns = key
    name = name_sql(table)
    listed = ", ".join(name_sql(c) for c in columns)
    yield META.finding(
        f"{name} uses an interleaved sort key ({listed}); it needs VACUUM REINDEX and blocks "
        "concurrency scaling and data sharing",
        stmt.locate(span_of(prop)),
        object=name,
        evidence=Evidence.of(sortkey=listed, columns=len(columns)),
        fix=Fix.sql(
            "Convert to a compound sort key",
            COMPOUND_SORTKEY.render(table=written(table), columns=[written(c) for c in columns]),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
    )
