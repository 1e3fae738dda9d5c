"""## What it does
Flags `CREATE [OR REPLACE] FUNCTION ... LANGUAGE plpythonu`: a Python scalar UDF.

## Why is this bad?
AWS is retiring Python UDFs: creating new ones stops from 1 November 2025 (Patch 198) and
existing ones stop running after 30 June 2026, so the statement will fail and the queries that
call the function with it. Until then Python UDFs are limited to a quarter of the cluster's
concurrency, while SQL UDFs have no such limit.

## Example
```sql
CREATE OR REPLACE FUNCTION f_net(price FLOAT, tax FLOAT) RETURNS FLOAT IMMUTABLE AS $$
    return price * (1 - tax)
$$ LANGUAGE plpythonu;
```

## Use instead
```sql
CREATE OR REPLACE FUNCTION f_net(FLOAT, FLOAT) RETURNS FLOAT IMMUTABLE AS $$
    SELECT $1 * (1 - $2)
$$ LANGUAGE sql;
```
or a Lambda UDF (`CREATE EXTERNAL FUNCTION ... LAMBDA '...'`) for logic SQL cannot express.

## Evidence
The SQL text of the CREATE FUNCTION: its LANGUAGE clause and signature.

## Known limits
The fix is a template: the body must be rewritten by hand in SQL (arguments become `$1`, `$2`
...), or moved to AWS Lambda.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
- https://aws.amazon.com/blogs/big-data/amazon-redshift-python-user-defined-functions-will-reach-end-of-support-after-june-30-2026/
- https://docs.aws.amazon.com/redshift/latest/dg/udf-constraints.html
- https://docs.aws.amazon.com/redshift/latest/dg/user-defined-functions.html
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
from advisor.sql.dialect import DIALECT
from advisor.sql.spans import span_of
from rules.redshift.ddl._ddl import create_kind, name_sql, properties

META = RuleMeta(
    id="RS-D20",
    name="python-udf",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.HIGH,
    summary="Python UDF: creation ends 1 Nov 2025 and execution after 30 Jun 2026",
    fix_safety=FixSafety.ADVISORY,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Create) or create_kind(tree) != "FUNCTION":
        return
    language = next((p for p in properties(tree) if isinstance(p, exp.LanguageProperty)), None)
    if language is None or language.name.lower() != "plpythonu":
        return
    udf = tree.this
    target = udf.this if isinstance(udf, exp.UserDefinedFunction) else udf
    name = name_sql(target) if isinstance(target, exp.Expr) else "function"
    yield META.finding(
        f"{name} is a Python UDF: new Python UDFs cannot be created from 1 Nov 2025 and existing "
        "ones stop running after 30 Jun 2026; rewrite it as a SQL or Lambda UDF",
        stmt.locate(span_of(language) or span_of(target) if isinstance(target, exp.Expr) else None),
        object=name,
        evidence=Evidence.of(language="plpythonu"),
        fix=Fix.sql(
            "Rewrite the body in SQL (arguments become $1, $2 ...) or as a Lambda UDF",
            _sql_udf_template(tree, name),
        ),
        anchor=stmt.text,
    )


def _sql_udf_template(tree: exp.Create, name: str) -> str:
    udf = tree.this
    args = udf.expressions if isinstance(udf, exp.UserDefinedFunction) else []
    # Arguments are `name TYPE` (ColumnDef) or, in Redshift's positional form, a bare type.
    kinds = [a.args.get("kind") if isinstance(a, exp.ColumnDef) else a for a in args]
    types = [k.sql(dialect=DIALECT) for k in kinds if isinstance(k, exp.DataType)]
    returns = next((p for p in properties(tree) if isinstance(p, exp.ReturnsProperty)), None)
    volatility = next((p for p in properties(tree) if isinstance(p, exp.StabilityProperty)), None)
    head = f"CREATE OR REPLACE FUNCTION {name}({', '.join(types)})"
    if returns is not None:
        head += f" {returns.sql(dialect=DIALECT)}"
    if volatility is not None:
        head += f" {volatility.name.upper()}"
    placeholders = ", ".join(f"${i}" for i in range(1, len(types) + 1)) or "no arguments"
    return f"{head} AS $$\n    SELECT <expression of {placeholders}>\n$$ LANGUAGE sql;"
