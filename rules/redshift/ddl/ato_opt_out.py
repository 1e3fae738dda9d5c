"""## What it does
Flags a CREATE TABLE that fixes its distribution or sort key by hand (`DISTSTYLE EVEN|KEY|ALL`,
`DISTKEY (...)`, `[COMPOUND|INTERLEAVED] SORTKEY (...)`), which opts the table out of Automatic
Table Optimization (ATO).

## Why is this bad?
With `DISTSTYLE AUTO` and `SORTKEY AUTO` (the defaults when nothing is written) Redshift watches
the workload and changes keys as it learns. Hand-picked keys stay as they are even when the
queries change. Keep them only when workload evidence (join and filter columns, skew, EXPLAIN
redistribution steps) backs them.

## Example
```sql
CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, order_date DATE)
DISTSTYLE KEY DISTKEY (customer_id)
COMPOUND SORTKEY (order_date);
```

## Use instead
```sql
CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, order_date DATE);
```
or, for an existing table, `ALTER TABLE sales.orders ALTER DISTSTYLE AUTO;` and
`ALTER TABLE sales.orders ALTER SORTKEY AUTO;` (the current keys are kept at conversion; ATO may
change them later).

## Evidence
The SQL text of the CREATE TABLE: its DISTSTYLE, DISTKEY and SORTKEY clauses, inline or
as table attributes.

## Known limits
Informational: it cannot tell whether the keys were chosen from workload evidence, and says so.
A small lookup table on KEY distribution is left to RS-D25, which says what to do about it.
A run that declares keys for many tables gets one note, on the first of them, naming the
others (its fix lists the ALTERs for all). Temporary
and external tables are skipped (ATO does not manage them).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Creating_tables.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Catalog,
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
from advisor.sql.catalog import sortkey_style
from advisor.sql.context import RuleContext
from advisor.sql.fixsql import spelled, written
from advisor.sql.spans import span_of
from rules.redshift._fixes import DISTSTYLE_AUTO, SORTKEY_AUTO, in_order
from rules.redshift.ddl._ddl import (
    column_defs,
    create_kind,
    created_table,
    distkey_column,
    is_external,
    is_temporary,
    name_sql,
    properties,
    sortkey_names,
    sortkey_property,
)

META = RuleMeta(
    id="RS-D01",
    name="ato-opt-out",
    family="redshift.ddl",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.INFO,
    summary="Explicit distribution or sort key opts the table out of automatic optimization",
    fix_safety=FixSafety.ADVISORY,
    superseded_by=("RS-D25",),
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    mine = _hand_picked(stmt)
    if mine is None:
        return
    # One note per run: hand-picked keys across a project's DDL are one decision, not many.
    statements = ctx.script.statements
    if any(_hand_picked(s) for s in statements[: stmt.index]):
        return
    earlier, elsewhere = _other_files(ctx, stmt.source.path)
    if earlier:
        return
    others = [h for s in statements[stmt.index + 1 :] if (h := _hand_picked(s)) is not None]
    name, parts, alters, span, evidence = mine
    more = ""
    names = [o[0] for o in others] + [n for n, _ in elsewhere]
    if names:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        more = f" (as do {len(names)} more tables of this run: {shown})"
        alters = alters + [a for o in others for a in o[2]] + [a for _, a in elsewhere]
    yield META.finding(
        f"{name} declares {' and '.join(parts)}, which opts it out of automatic table "
        f"optimization{more}; this matters only if the keys were not chosen from workload "
        "evidence (tuned schemas and benchmarks choose them on purpose)",
        stmt.locate(span),
        object=name,
        evidence=Evidence.of(**evidence, tables=1 + len(names)),
        fix=Fix.sql("Let ATO manage the keys", in_order(*alters)),
        anchor=stmt.text,
    )


def _other_files(ctx: RuleContext, path: str) -> tuple[bool, list[tuple[str, str]]]:
    """Whether a file before this one in the run declares hand-picked keys, and the tables of
    the other files that do, each with the ALTER that hands it to ATO (only asked of the first
    such file: the others return early)."""
    hand = _hand_picked_tables(ctx.catalog)
    first = hand[0][0] if hand else None
    if first is not None and first != path:
        return True, []
    return False, [(info.qualified_name, _alters(info)) for where, info in hand if where != path]


def _alters(info: TableInfo) -> str:
    """The ALTERs that hand a declared table's keys to ATO (made only for the one file that
    reports them: rendering them for every table of a large project costs more than a lint)."""
    manual_dist, manual_sort = _manual_keys(info)
    ref = spelled(info.schema, info.name) if info.schema else spelled(info.name)
    alters = [DISTSTYLE_AUTO.render(table=ref)] * manual_dist
    alters += [SORTKEY_AUTO.render(table=ref)] * manual_sort
    return in_order(*alters)


def _manual_keys(info: TableInfo) -> tuple[bool, bool]:
    """Whether a declared table picks its distribution, and its sort key, by hand."""
    manual_dist = info.diststyle not in (None, "AUTO") or info.distkey is not None
    manual_sort = bool(info.sortkey) and info.sortkey_style != "AUTO"
    return manual_dist, manual_sort


# The last catalog scanned and its tables with hand-picked keys: every file of a run asks about
# the same catalog, and scanning it once per file would be quadratic in a large project.
_SCANNED: list[tuple[Catalog, list[tuple[str, TableInfo]]]] = []


def _hand_picked_tables(catalog: Catalog) -> list[tuple[str, TableInfo]]:
    """(path, table) of the declared tables with hand-picked keys, in order."""
    # Read the catalog the same way whether the scan is remembered or not (a cache that notes
    # what a rule reads must see the same reads).
    catalog.tables.values()
    catalog.relation_kinds.keys()
    if _SCANNED and _SCANNED[0][0] is catalog:
        return _SCANNED[0][1]
    found: list[tuple[str, TableInfo]] = []
    for info in catalog:
        if info.external or info.location is None:
            continue
        if catalog.relation_kind(info.schema, info.name) == "TEMPORARY TABLE":
            continue
        if any(_manual_keys(info)):
            found.append((info.location.path, info))
    _SCANNED[:] = [(catalog, found)]
    return found


_HandPicked = tuple[str, list[str], list[str], "tuple[int, int] | None", dict[str, str | None]]


def _hand_picked(stmt: SqlStatement) -> _HandPicked | None:
    """Name, key clauses, ALTERs to AUTO, span and evidence of a CREATE TABLE with hand keys."""
    tree = stmt.tree
    table = created_table(tree)
    if not isinstance(tree, exp.Create) or table is None or create_kind(tree) != "TABLE":
        return None
    if is_external(tree) or is_temporary(tree):
        return None
    style = next((p for p in properties(tree) if isinstance(p, exp.DistStyleProperty)), None)
    diststyle = style.name.upper() if style is not None else None
    distkey = distkey_column(tree)
    if distkey is not None and diststyle is None:
        diststyle = "KEY"
    manual_dist = diststyle is not None and diststyle != "AUTO"
    prop = sortkey_property(tree)
    keys = sortkey_names(tree)
    manual_sort = bool(keys) and (prop is None or sortkey_style(prop) != "AUTO")
    if not manual_dist and not manual_sort:
        return None
    name = name_sql(table)
    alters: list[str] = []
    parts: list[str] = []
    if manual_dist:
        alters.append(DISTSTYLE_AUTO.render(table=written(table)))
        parts.append(f"DISTSTYLE {diststyle}")
    if manual_sort:
        alters.append(SORTKEY_AUTO.render(table=written(table)))
        kind = sortkey_style(prop) if prop is not None else "COMPOUND"
        parts.append(f"{kind} SORTKEY ({', '.join(keys)})")
    inline = next((c for c in column_defs(tree) if c.name in keys), None) if prop is None else None
    spans = (span_of(n) for n in (style, distkey, prop, inline, table) if n is not None)
    evidence = {
        "diststyle": diststyle,
        "distkey": distkey.name if distkey is not None else None,
        "sortkey": ", ".join(keys) or None,
    }
    return name, parts, alters, next((s for s in spans if s is not None), None), evidence
