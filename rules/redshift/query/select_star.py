"""## What it does
Flags `SELECT *` and `t.*` in the select list of a query whose result leaves the statement: a
top-level SELECT, the query of CREATE TABLE AS, INSERT ... SELECT, CREATE MATERIALIZED VIEW
and UNLOAD, when the star expands over a stored table.

## Why is this bad?
Redshift stores each column separately in 1 MB blocks. A query reads only the blocks of the
columns it names, so `SELECT *` on a wide fact table reads, decompresses and ships every
column, including the ones nobody uses. The cost grows silently when columns are added later.

## Example
```sql
SELECT * FROM sales.orders WHERE order_date >= '2024-01-01';
```

## Use instead
```sql
SELECT order_id, customer_id, total FROM sales.orders WHERE order_date >= '2024-01-01';
```

## Fix safety
Unsafe (`--unsafe-fixes`): the star is replaced by the columns the DDL in the lint run declares.
Callers that rely on columns added later, or on the column order of a live table that differs from
the DDL, see a different result. Only a lone star over one table with known columns gets an edit;
comments around it stay.

## Evidence
The SQL text; when the table's DDL is in the same lint run, its column list (to count the
columns read and to spell out the rewrite).

## Known limits
A star over a CTE or subquery that itself names its columns is not flagged: it reads only those
columns. `COUNT(*)` and `EXISTS (SELECT * ...)` are not projections and are never flagged.
`INSERT ... SELECT *` and `CREATE TABLE ... AS SELECT *` of a single table copy whole rows (a
deep copy, a backup, a change set) and need every column; they are not flagged, while a star
over several tables there still is. A star over system tables and views (STL, STV, SVL, SVV,
SYS, the pg_ catalog) is not flagged: they are small or virtual, with no columnar reads to save;
nor is one over a view the run declares as `all_` and a system table's name (such as
`history.all_stl_query`, the live table joined with its stored history); a star over the stored
history table itself (`hist_stl_query`) still is. A star over a temporary table the run creates
(session scratch) is not flagged either: naming the columns saves little. Nor is the query of a
procedure's `FOR rec IN SELECT * ... LOOP`: the record takes whole rows of what is usually a
small list of work.
When the run declares the tables behind the star with fewer than `narrow_columns` (6) columns
in all, the finding is an `info` note saying so: naming five columns saves little today, and
the advice matters only once the table grows.
Nor is a star in a plain CREATE VIEW: the view is expanded into each query that reads it, which
reads only the columns it uses, and the star is fixed to the columns the table had when the view
was created.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_columnar_storage_disk_mem_mgmnt.html
- https://docs.sqlfluff.com/en/stable/reference/rules/ambiguous
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
    TableInfo,
    TargetKind,
)
from advisor.sql.catalog import display_name
from advisor.sql.context import RuleContext
from advisor.sql.dialect import DIALECT
from advisor.sql.edits import node_edit
from advisor.sql.query import branches, cte_map, outermost_queries, sources, star_items
from advisor.sql.spans import span_of
from rules.redshift.query._shared import is_system_relation

META = RuleMeta(
    id="RS-Q01",
    name="select-star",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="SELECT * reads every column of a columnar table",
    fix_safety=FixSafety.UNSAFE,
    options={"narrow_columns": 6},
)

# Views named `all_` + a system table (history.all_stl_query) join the live system table with
# its stored history: they have the system table's columns and its purpose.
_MIRROR_PREFIX = "all_"

_MAX_DEPTH = 20


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or _plain_view(tree) or _record_loop(stmt):
        return
    for query in outermost_queries(tree):
        for select in branches(query):
            for star in star_items(select):
                tables = [t for t in _tables_behind(select, star, 0) if not _exempt(t, ctx)]
                if tables and not _row_copy(tree, select, tables):
                    yield _finding(stmt, ctx, select, star, tables)


def _exempt(table: exp.Table, ctx: RuleContext) -> bool:
    """Stars with no columnar reads worth saving: over system tables and their history views,
    and over session temporary tables."""
    if is_system_relation(table):
        return True
    name = table.name.lower()
    kind = ctx.catalog.relation_kinds.get(display_name(table).lower())
    if kind == "TEMPORARY TABLE":
        return True
    mirrored = name.removeprefix(_MIRROR_PREFIX)
    return kind == "VIEW" and mirrored != name and is_system_relation(exp.table_(mirrored))


_FOR_IN = re.compile(r"\bFOR\s+\w+\s+IN\s*$", re.IGNORECASE)


def _record_loop(stmt: SqlStatement) -> bool:
    """The query of a procedure's `FOR rec IN SELECT * ... LOOP`: the record takes whole rows,
    typically of a small list of work the procedure was given."""
    before = stmt.source.text[max(0, stmt.start - 80) : stmt.start]
    return bool(_FOR_IN.search(before))


def _row_copy(tree: exp.Expr, select: exp.Select, tables: list[exp.Table]) -> bool:
    """INSERT ... SELECT * / CREATE TABLE AS SELECT * of one table: whole rows are copied (a
    deep copy, a backup, a change set), so every column is needed."""
    copying = isinstance(tree, exp.Insert) or (
        isinstance(tree, exp.Create) and str(tree.args.get("kind") or "").upper() == "TABLE"
    )
    return copying and len(select.expressions) == 1 and len(tables) == 1


def _plain_view(tree: exp.Expr) -> bool:
    """CREATE VIEW (not materialized): the view is expanded into each query that reads it,
    which reads only the columns it uses, and `*` is fixed to the columns of the day."""
    if not isinstance(tree, exp.Create) or str(tree.args.get("kind") or "").upper() != "VIEW":
        return False
    props = tree.args.get("properties")
    kinds = props.expressions if isinstance(props, exp.Properties) else []
    return not any(isinstance(p, exp.MaterializedProperty) for p in kinds)


def _tables_behind(select: exp.Select, star: exp.Expr, depth: int) -> list[exp.Table]:
    """Stored tables whose every column the star brings in (through CTEs and subqueries)."""
    if depth > _MAX_DEPTH:
        return []
    qualifier = star.table if isinstance(star, exp.Column) else ""
    ctes = cte_map(select)
    found: list[exp.Table] = []
    for source in sources(select):
        if qualifier and source.alias_or_name.lower() != qualifier.lower():
            continue
        if isinstance(source, exp.Table):
            inner = ctes.get(source.name.lower()) if not source.db else None
            if inner is None:
                found.append(source)
            else:
                found.extend(_through(inner, depth))
        elif isinstance(source, exp.Subquery):
            found.extend(_through(source.this, depth))
    return found


def _through(query: exp.Expr, depth: int) -> list[exp.Table]:
    found: list[exp.Table] = []
    for select in branches(query):
        for star in star_items(select):
            found.extend(_tables_behind(select, star, depth + 1))
    return found


def _finding(
    stmt: SqlStatement,
    ctx: RuleContext,
    select: exp.Select,
    star: exp.Expr,
    tables: list[exp.Table],
) -> Finding:
    names = sorted({display_name(t) for t in tables})
    known = [ctx.table_info(t) for t in tables]
    widths = [len(k.columns) for k in known if k is not None and k.columns]
    width_note = f" ({sum(widths)} columns)" if len(widths) == len(tables) and widths else ""
    message = (
        f"`{star.sql('redshift')}` reads every column of {', '.join(names)}{width_note}; "
        "name the columns the query needs"
    )
    narrow = bool(width_note) and sum(widths) < int(ctx.option("narrow_columns", 6))
    if narrow:
        message += (
            " (why you may not care: with so few columns declared, naming them saves little"
            " unless columns are added later)"
        )
    return META.finding(
        message,
        stmt.locate(span_of(star)),
        severity=Severity.INFO if narrow else None,
        object=names[0] if len(names) == 1 else ", ".join(names),
        evidence=Evidence.of(
            tables=", ".join(names),
            columns_read=sum(widths) if width_note else None,
        ),
        fix=_fix(stmt, select, star, tables, known),
        anchor=stmt.text,
    )


def _fix(
    stmt: SqlStatement,
    select: exp.Select,
    star: exp.Expr,
    tables: list[exp.Table],
    known: list[TableInfo | None],
) -> Fix:
    title = "Select only the columns the query needs"
    table = known[0] if len(known) == 1 else None
    if table is None or not table.columns or len(select.expressions) != 1:
        return Fix.advice(title)
    # Spell the columns out from the DDL; unsafe because callers may rely on every column.
    qualifier = star.table if isinstance(star, exp.Column) else ""
    columns = [exp.column(c.name, table=qualifier or None) for c in table.columns]
    rewritten = select.copy()
    rewritten.set("expressions", columns)
    edit = node_edit(stmt, star, ", ".join(c.sql(dialect=DIALECT) for c in columns))
    return Fix.sql(
        f"{title} (here, the {len(table.columns)} columns of {table.qualified_name})",
        rewritten.sql("redshift", pretty=True) + ";",
        FixSafety.UNSAFE,
        edits=(edit,) if edit is not None else (),
    )
