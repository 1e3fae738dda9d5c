"""## What it does
Flags VARCHAR columns declared far wider than data usually needs: `VARCHAR(MAX)`,
`VARCHAR(65535)`, or `VARCHAR(n)` with n above a threshold (1000 by default).

## Why is this bad?
Storage is compressed, but intermediate results of queries (hash tables, sorts, redistribution)
are held uncompressed at the declared width. Wide declarations inflate memory use and cause
spills to disk. AWS's operational review flags tables whose widest VARCHAR exceeds 1000.

## Example
```sql
CREATE TABLE web.sessions (session_id VARCHAR(MAX), user_agent VARCHAR(65535));
```

## Use instead
```sql
CREATE TABLE web.sessions (session_id VARCHAR(64), user_agent VARCHAR(512));
```
For an existing table, measure the data first (`SELECT MAX(OCTET_LENGTH(c)) FROM t;`), add a
margin (the AWS encoding utility uses 20%), then `ALTER TABLE t ALTER COLUMN c TYPE VARCHAR(n);`.

## Evidence
The SQL text of the CREATE TABLE: each VARCHAR column's declared length. Option
`max_varchar` (default 1000) sets the threshold.

## Known limits
Some columns really hold long text (JSON documents, free text, query text): a column whose
name says so (`querytxt`, `review_body`, `payload_json`, `description`) gets an `info` note
that says the width may be needed, not a `low` finding. `ALTER COLUMN ... TYPE` is not
allowed on BYTEDICT/RUNLENGTH/TEXT255/TEXT32K columns, below the longest stored value, on
columns with defaults or key constraints, or inside a transaction block.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-smallest-column-size.html
- https://github.com/awslabs/mcp/blob/main/src/redshift-mcp-server/awslabs/redshift_mcp_server/review/review_queries.py
- https://github.com/awslabs/amazon-redshift-utils/blob/master/src/ColumnEncodingUtility/analyze-schema-compression.py
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

import re
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
from advisor.sql.fixsql import Template, written
from advisor.sql.spans import span_of
from rules.redshift._fixes import in_order
from rules.redshift.ddl._ddl import column_defs, created_table, name_sql

_MEASURE = Template("SELECT MAX(OCTET_LENGTH({column:ident})) FROM {table}")
# A sketch: the user puts the width in.
_WIDEN = Template(
    "ALTER TABLE {table} ALTER COLUMN {column:ident} TYPE VARCHAR(<longest value + 20%>)",
    sketch=True,
)

META = RuleMeta(
    id="RS-D10",
    name="oversized-varchar",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="VARCHAR declared much wider than data usually needs",
    fix_safety=FixSafety.ADVISORY,
    options={"max_varchar": 1000},
)

_VARCHAR = {exp.DataType.Type.VARCHAR, exp.DataType.Type.NVARCHAR}


# Names of columns that hold documents or free text (`querytxt`, `review_body`, `payload_json`).
_LONG_TEXT = re.compile(
    r"(text|txt|body|json|xml|html|sql|payload|document|content|message|description|comment)s?$"
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None:
        return
    limit = int(ctx.option("max_varchar", 1000))
    name = name_sql(table)
    for col in column_defs(tree):
        width = _declared_width(col)
        if width is None or (width != "MAX" and int(width) <= limit):
            continue
        column = name_sql(col.this)
        long_text = _LONG_TEXT.search(col.name.lower()) is not None
        why = (
            "; its name says it holds long text, for which the width may be needed"
            if long_text
            else ""
        )
        measure = _MEASURE.render(table=written(table), column=written(col.this))
        alter = _WIDEN.render(table=written(table), column=written(col.this))
        yield META.finding(
            f"column {column} of {name} is VARCHAR({width}); intermediate results are held at "
            f"the declared width, so size it to the data (threshold {limit}){why}",
            stmt.locate(span_of(col)),
            object=name,
            evidence=Evidence.of(column=col.name, declared_width=width, max_varchar=limit),
            fix=Fix.sql(
                f"Measure {column} and declare it a little wider than its longest value",
                in_order(measure, alter),
            ),
            anchor=stmt.text,
            severity=Severity.INFO if long_text else None,
        )


def _declared_width(col: exp.ColumnDef) -> str | None:
    """`MAX` or the number written in VARCHAR(n); None for other types and bare VARCHAR."""
    kind = col.args.get("kind")
    if not isinstance(kind, exp.DataType) or kind.this not in _VARCHAR or not kind.expressions:
        return None
    param = kind.expressions[0]
    value = param.this if isinstance(param, exp.DataTypeParam) else param
    if isinstance(value, exp.Var) and value.name.upper() == "MAX":
        return "MAX"
    if isinstance(value, exp.Literal) and value.name.isdigit():
        return value.name
    return None
