"""## What it does
Flags a COPY into a table created earlier in the same script without any column ENCODE, when
the COPY does not say `COMPUPDATE OFF`.

## Why is this bad?
When COPY loads an empty table whose columns have no encoding, it first runs compression
analysis: it samples rows (COMPROWS, 100,000 rows per slice by default), tries encodings,
and rewrites the table's encodings before loading. For a staging table created and loaded by
every run of a job, that analysis is repeated every time. Redshift Advisor recommends skipping
it: declare ENCODE in the DDL, or add `COMPUPDATE OFF`.

## Example
```sql
CREATE TEMP TABLE stage_orders (order_id BIGINT, total DECIMAL(12,2));
COPY stage_orders FROM 's3://bucket/orders/' IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV;
```

## Use instead
```sql
CREATE TEMP TABLE stage_orders (order_id BIGINT, total DECIMAL(12,2));
COPY stage_orders FROM 's3://bucket/orders/' IAM_ROLE 'arn:aws:iam::123456789012:role/load' CSV
COMPUPDATE OFF;
```

## Evidence
The script index of tables created in the file (built once before rules run), the CREATE
TABLE's column encodings, and the COPY's COMPUPDATE option.

## Known limits
Only a CREATE TABLE with a column list in the same file is considered; `CREATE TABLE IF NOT
EXISTS` is skipped, since the table may already hold rows. Only staging tables are flagged: a
temporary table, a table whose schema or name says so (`stage`, `staging`, `stg`, `tmp`,
`temp`, `landing`), or one that the script later reads into another table, truncates or drops.
The initial load of a permanent table (a benchmark's or a new mart's DDL followed by its COPY)
is left alone: there the analysis runs once and is what chooses its encodings.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
- https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html
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
from advisor.sql.catalog import table_info
from advisor.sql.context import RuleContext, table_key
from advisor.sql.dialect import option
from rules.redshift.query._shared import (
    flag_value,
    sql,
    staging_name,
    table_display,
    with_option,
)

META = RuleMeta(
    id="RS-Q21",
    name="compression-analysis-on-staging-load",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="COPY into a table just created without ENCODE runs compression analysis",
    fix_safety=FixSafety.SAFE,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Copy):
        return
    if flag_value(option(tree, "COMPUPDATE")) in ("OFF", "FALSE"):
        return
    key = table_key(tree.this)
    created_at = ctx.script.created.get(key) if key else None
    if created_at is None or created_at > stmt.index:
        return
    create = ctx.script.statements[created_at]
    if not isinstance(create.tree, exp.Create) or create.tree.args.get("expression"):
        return
    if create.tree.args.get("exists"):
        return  # IF NOT EXISTS: the table may already hold rows, and then COPY skips analysis
    info = table_info(create.tree)
    if info is None or not info.columns or any(c.encoding for c in info.columns):
        return
    if key is None or not _staging(create, key, stmt, ctx):
        return  # an initial load of a permanent table: the analysis runs once and is wanted
    name = table_display(tree.this)
    yield META.finding(
        f"{name} was created on line {create.location.line} without ENCODE, so this COPY runs "
        "compression analysis before loading; add COMPUPDATE OFF or declare encodings",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, created_at_line=create.location.line),
        fix=Fix.sql(
            "Skip compression analysis with COMPUPDATE OFF",
            sql(with_option(tree, "COMPUPDATE", exp.var("OFF"))) + ";",
            FixSafety.SAFE,
        ),
        anchor=stmt.text,
    )


def _staging(create: SqlStatement, key: str, copy: SqlStatement, ctx: RuleContext) -> bool:
    """A table loaded to be moved on: temporary, named as staging, or read into another table,
    truncated or dropped later in the script."""
    assert isinstance(create.tree, exp.Create)
    props = create.tree.args.get("properties")
    if isinstance(props, exp.Properties) and any(
        isinstance(p, exp.TemporaryProperty) for p in props.expressions
    ):
        return True
    if staging_name(key):
        return True
    for later in ctx.script.statements[copy.index + 1 :]:
        tree = later.tree
        if isinstance(tree, exp.Drop | exp.TruncateTable):
            if any(table_key(t) == key for t in tree.find_all(exp.Table)):
                return True
        elif isinstance(tree, exp.Insert | exp.Merge | exp.Update | exp.Delete):
            target = table_key(tree.this)
            read = {table_key(t) for t in tree.find_all(exp.Table)} - {target}
            if target != key and key in read:
                return True
    return False
