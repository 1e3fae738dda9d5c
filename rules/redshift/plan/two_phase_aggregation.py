"""## What it does
Flags an `XN HashAggregate` over one table whose statement groups by that table's sort-key
columns and its DISTKEY: either the GROUP BY is already a prefix of the compound sort key
(sortkey1, sortkey1+2, ...) and still aggregates by hash, or it skips a sort-key column
(sortkey1 and 3) and would be a prefix with the skipped columns added.

## Why is this bad?
A GROUP BY made only of sort-key columns, one of them the distribution key, and taken in
sort-key order from the first one, can qualify for one-phase aggregation (`XN
GroupAggregate`): each slice aggregates its sorted rows as they stream by. A hash aggregate
builds a hash table of all groups in memory first, and spills to disk when it does not fit.

## Example
```sql
-- DISTKEY (customer_id) COMPOUND SORTKEY (customer_id, region, ordered_at)
SELECT customer_id, ordered_at, count(*)
FROM rs_demo.orders_by_customer
GROUP BY customer_id, ordered_at;
-- XN HashAggregate  (cost=300.00..302.50 rows=1000 width=20)
--   ->  XN Seq Scan on orders_by_customer  (cost=0.00..200.00 rows=20000 width=20)
```

## Use instead
```sql
SELECT customer_id, ordered_at, count(*)
FROM rs_demo.orders_by_customer
GROUP BY customer_id, region, ordered_at;
-- XN GroupAggregate  (cost=0.00..350.00 rows=1000 width=20)
--   ->  XN Seq Scan on orders_by_customer  (cost=0.00..200.00 rows=20000 width=20)
```

## Evidence
The plan's `HashAggregate` node and the one table scanned under it; the GROUP BY columns of
the statement (the text above a saved plan, or the query text of a plan read from
sys_query_explain/stl_explain), parsed with the Redshift dialect; the table's DISTKEY and
sort-key order from svv_redshift_columns, or from its DDL (`advisor explain --ddl FILE`).
With svv_table_info only (DISTKEY and first sort-key column), only a GROUP BY on sortkey1
alone can be judged.

## Known limits
Silent when the statement is unknown or does not parse, when the aggregate reads more than one
table, when a GROUP BY item is an expression, when the GROUP BY leaves out the first sort-key
column (no prefix without regrouping on it), and when the table's keys are unknown (no catalog,
no DDL) or its sort key is interleaved. The docs say such a GROUP BY "might"
qualify: a plan that still hashes may have reasons the rule cannot see. Adding a skipped
sort-key column to the GROUP BY changes the groups unless that column is determined by the
others, so the rewrite is unsafe.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan, RsSnapshot
from advisor.sql.dialect import parse
from advisor.sql.quoting import identifier
from rules.redshift.plan._plan import finding, side_table

META = RuleMeta(
    id="RS-P10",
    name="two-phase-aggregation",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.INFO,
    summary="A hash aggregate whose GROUP BY could use the sort key for one-phase aggregation",
    fix_safety=FixSafety.UNSAFE,
    live=False,
)

_EXPLAIN = re.compile(r"(?is)(^|;)\s*explain\s+(?:verbose\s+)?")


@dataclass(frozen=True, slots=True)
class TableKeys:
    """A table's DISTKEY and compound sort key, as far as they are known."""

    table: str
    distkey: str | None
    sortkey: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Grouping:
    """One SELECT that groups the rows of a single table by plain columns."""

    table: str
    columns: tuple[str, ...]
    statement: exp.Expr
    index: int  # of the SELECT among the statement's SELECTs, in find_all order


def _strip_style(text: str) -> str:
    """`AUTO(KEY(c))` -> `KEY(c)`, `AUTO(SORTKEY(c))` -> `c`, `AUTO(SORTKEY)` -> ``."""
    text = text.strip()
    if text.upper().startswith("AUTO(") and text.endswith(")"):
        text = text[5:-1]
    if text.upper().startswith("SORTKEY"):
        inner = text[7:].strip()
        return inner[1:-1].strip() if inner.startswith("(") else ""
    return text


def table_keys(snapshot: RsSnapshot, table: str) -> TableKeys | None:
    """Keys from the key columns (svv_redshift_columns or DDL), else from svv_table_info;
    None when unknown, without a DISTKEY, or interleaved."""
    rows = snapshot.keys_of(table)
    if rows:
        if any(c.sortkey < 0 for c in rows):
            return None
        dist = next((c.column for c in rows if c.distkey), None)
        order = tuple(c.column for c in sorted(rows, key=lambda c: c.sortkey) if c.sortkey > 0)
        if dist is None or not order:
            return None
        return TableKeys(rows[0].qualified_name, dist, order, "key columns")
    stats = snapshot.table(table)
    if stats is None:
        return None
    style = _strip_style(stats.diststyle)
    first = _strip_style(stats.sortkey1)
    if not style.upper().startswith("KEY(") or not first or "INTERLEAVED" in first.upper():
        return None
    dist = style[4:].split(")")[0].strip()
    return TableKeys(stats.qualified_name, dist, (first,), "svv_table_info")


def _statements(text: str) -> list[exp.Expr]:
    try:
        return [s for s in parse(_EXPLAIN.sub(r"\1 ", text)) if s is not None]
    except ParseError:  # text that does not parse gives no GROUP BY to judge
        return []


def _group_column(item: exp.Expr, select: exp.Select) -> str | None:
    """The column a GROUP BY item names: a column, an ordinal, or an output alias."""
    if isinstance(item, exp.Literal) and item.is_int:
        position = int(item.name) - 1
        outputs = select.expressions
        if not 0 <= position < len(outputs):
            return None
        item = outputs[position]
    if isinstance(item, exp.Alias):
        item = item.this
    if isinstance(item, exp.Column):
        return item.name
    return None


def groupings(text: str) -> list[Grouping]:
    """Every SELECT of the statement that groups one table by plain columns."""
    found = []
    for statement in _statements(text):
        for index, select in enumerate(statement.find_all(exp.Select)):
            group = select.args.get("group")
            source = select.args.get("from") or select.args.get("from_")
            if group is None or source is None or select.args.get("joins"):
                continue
            table = source.this
            if not isinstance(table, exp.Table):
                continue
            aliases = {
                a.alias.lower(): a.this for a in select.expressions if isinstance(a, exp.Alias)
            }
            columns = []
            for item in group.expressions:
                if isinstance(item, exp.Column) and not item.table and item.name.lower() in aliases:
                    item = aliases[item.name.lower()]
                name = _group_column(item, select)
                if name is None:
                    break
                columns.append(name)
            else:
                name = f"{table.db}.{table.name}" if table.db else table.name
                found.append(Grouping(name, tuple(columns), statement, index))
    return found


def _match(groups: list[Grouping], relation: str) -> Grouping | None:
    key = relation.lower().rsplit(".", 1)[-1]
    hits = [g for g in groups if g.table.lower().rsplit(".", 1)[-1] == key]
    return hits[0] if len(hits) == 1 else None


def _rewrite(grouping: Grouping, columns: tuple[str, ...]) -> str:
    """The whole statement with that SELECT's GROUP BY replaced by the sort-key prefix."""
    statement = grouping.statement.copy()
    select = list(statement.find_all(exp.Select))[grouping.index]
    select.set("group", exp.Group(expressions=[exp.Column(this=identifier(c)) for c in columns]))
    return statement.sql(dialect="redshift", pretty=True) + ";"


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    if not plan.statement:
        return
    groups: list[Grouping] | None = None
    for node in plan.nodes():
        if node.operator != "HashAggregate":
            continue
        relation = side_table(node)
        if relation is None:
            continue
        if groups is None:
            groups = groupings(plan.statement)
        grouping = _match(groups, relation)
        if grouping is None:
            continue
        keys = table_keys(ctx.redshift, grouping.table)
        if keys is None:
            continue
        wanted = {c.lower() for c in grouping.columns}
        order = [c.lower() for c in keys.sortkey]
        # One-phase needs sort-key columns only, the DISTKEY among them, and sortkey1 first.
        if not wanted <= set(order) or (keys.distkey or "").lower() not in wanted:
            continue
        if order[0] not in wanted:
            continue
        depth = max(order.index(c) for c in wanted) + 1
        prefix = keys.sortkey[:depth]
        listed = ", ".join(grouping.columns)
        evidence = Evidence.of(
            table=keys.table,
            group_by=listed,
            distkey=keys.distkey,
            sortkey=", ".join(keys.sortkey),
            keys_from=keys.source,
            rows=node.rows,
        )
        if len(wanted) == depth:
            yield finding(
                META,
                plan,
                node,
                f"HashAggregate over {keys.table} although its GROUP BY ({listed}) is the "
                f"sort-key prefix with the DISTKEY {keys.distkey}: one-phase aggregation "
                "(XN GroupAggregate) was expected",
                object=keys.table,
                evidence=evidence,
                fix=Fix.advice(
                    f"The GROUP BY already qualifies: check the unsorted region of {keys.table} "
                    "(svv_table_info.unsorted) and compare the plan after sorting it"
                ),
            )
            continue
        skipped = ", ".join(c for c in prefix if c.lower() not in wanted)
        yield finding(
            META,
            plan,
            node,
            f"HashAggregate over {keys.table}: GROUP BY ({listed}) skips sort-key column "
            f"{skipped}; grouping by the prefix ({', '.join(prefix)}) can aggregate in one phase",
            object=keys.table,
            evidence=evidence,
            fix=Fix.sql(
                f"Group by the sort-key prefix ({', '.join(prefix)}) if {skipped} adds no groups",
                _rewrite(grouping, prefix),
                FixSafety.UNSAFE,
            ),
        )
