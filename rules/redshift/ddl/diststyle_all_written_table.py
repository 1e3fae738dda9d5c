"""## What it does
Flags a table created with `DISTSTYLE ALL` when the statements of the same lint run write to it
with INSERT, UPDATE, DELETE or MERGE.

## Why is this bad?
`DISTSTYLE ALL` keeps a full copy of the table on every node: storage grows with the node count,
and every load, update and delete is applied once per node. AWS recommends ALL only for
slow-moving tables; a table the pipeline keeps writing to pays that cost on every run, and
small dimension tables gain little from ALL anyway.

## Example
```sql
CREATE TABLE dim.customer (customer_id BIGINT, segment VARCHAR(16)) DISTSTYLE ALL;
UPDATE dim.customer SET segment = 'gold' WHERE customer_id = 42;
```

## Use instead
```sql
CREATE TABLE dim.customer (customer_id BIGINT, segment VARCHAR(16)) DISTSTYLE AUTO;
UPDATE dim.customer SET segment = 'gold' WHERE customer_id = 42;
```

## Evidence
The SQL text of the whole lint run: the CREATE TABLE's DISTSTYLE, and the INSERT, UPDATE,
DELETE and MERGE statements naming the table (an unqualified name matches any schema).
Option `min_dml_statements` (default 1) sets how many writes count as frequent.

## Known limits
The files show which statements exist, not how often they run; writes from procedures'
dynamic SQL and from other repositories are not seen. When several files each create a table of
that name (independent scripts that each set up their own copy), only the writes in the file of
the CREATE are counted; a table declared once counts the writes of every file. Below
`frequent_dml_statements` (10) writing statements in the run the finding is an `info` note
saying so: a dimension upserted once per batch is what ALL is for. At that many or more it
keeps its default severity.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor import words
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
from advisor.sql.catalog import display_name
from advisor.sql.context import RuleContext
from advisor.sql.fixsql import written
from advisor.sql.spans import span_of
from rules.redshift._fixes import DISTSTYLE_AUTO
from rules.redshift.ddl._ddl import create_kind, created_table, name_sql, properties

META = RuleMeta(
    id="RS-D13",
    name="diststyle-all-written-table",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="DISTSTYLE ALL on a table the repository keeps writing to",
    fix_safety=FixSafety.UNSAFE,
    options={"min_dml_statements": 1, "frequent_dml_statements": 10},
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return
    style = next((p for p in properties(tree) if isinstance(p, exp.DistStyleProperty)), None)
    if style is None or style.name.upper() != "ALL":
        return
    writes = _writes(ctx, table, stmt.source.path)
    threshold = int(ctx.option("min_dml_statements", 1))
    if writes < threshold:
        return
    name = name_sql(table)
    frequent = writes >= int(ctx.option("frequent_dml_statements", 10))
    why = (
        ""
        if frequent
        else "; this matters only if they run often (a dimension changed once per batch is "
        "what ALL is for)"
    )
    yield META.finding(
        f"{name} is DISTSTYLE ALL but {words.count(writes, 'statement')} in this run "
        f"{'writes' if writes == 1 else 'write'} to it; every "
        f"write is applied on every node{why}",
        stmt.locate(span_of(style) or span_of(table)),
        object=name,
        evidence=Evidence.of(diststyle="ALL", dml_statements=writes),
        fix=Fix.sql(
            "Let Redshift choose the distribution (or use EVEN/KEY)",
            DISTSTYLE_AUTO.render(table=written(table)),
            FixSafety.UNSAFE,
        ),
        anchor=stmt.text,
        severity=None if frequent else Severity.INFO,
    )


def _writes(ctx: RuleContext, table: exp.Table, path: str) -> int:
    """Writes to the table: in this file alone when other files create a table of that name."""
    key = display_name(table).lower()
    if len(ctx.catalog.created_in.get(key, ())) > 1:
        return ctx.catalog.dml_writes_in.get(key, {}).get(path, 0)
    return ctx.catalog.dml_writes.get(key, 0)
