"""## What it does
Flags a collocated hash join (`Hash Join DS_DIST_NONE`) whose join columns are the DISTKEYs of
both tables but not their first sort-key columns: with those as sort keys it could be a merge
join.

## Why is this bad?
A hash join builds a hash table of the inner side in memory (spilling when it does not fit);
a merge join of two tables sorted on the join column streams both without one. With the
DISTKEY already on the join column, only the sort key is missing.

## Example
```text
XN Hash Join DS_DIST_NONE  (cost=2399.22..107453.87 rows=172456 width=34)
  Hash Cond: ("outer".listid = "inner".listid)
  ->  XN Seq Scan on listing  (cost=0.00..1924.97 rows=192497 width=14)
  ->  XN Hash  (cost=1724.56..1724.56 rows=172456 width=24)
        ->  XN Seq Scan on sales  (cost=0.00..1724.56 rows=172456 width=24)
```

## Use instead
```sql
ALTER TABLE tickit.listing ALTER COMPOUND SORTKEY (listid);
ALTER TABLE tickit.sales ALTER COMPOUND SORTKEY (listid);
```

## Evidence
The plan's join, its condition and the table on each side; each table's `diststyle` and
`sortkey1` from svv_table_info (a live read, or `advisor explain --snapshot FILE`).

## Known limits
A merge join also needs both tables under 20% unsorted; changing the first sort key gives up
range-restricted scans on the old one (often a date), which may matter more.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan, RsTableStats
from advisor.sql.fixsql import name
from rules.redshift._fixes import COMPOUND_SORTKEY
from rules.redshift.plan._plan import finding, join_evidence, joins_with

_SORTKEY = COMPOUND_SORTKEY

META = RuleMeta(
    id="RS-P09",
    name="hash-join-could-merge",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A collocated hash join could be a merge join with the join column as sort key",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def _distkey(stats: RsTableStats) -> str | None:
    style = stats.diststyle.removeprefix("AUTO(")
    if not style.upper().startswith("KEY("):
        return None
    return style[4:].split(")")[0].strip().lower()


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for join in joins_with(plan, "DS_DIST_NONE"):
        if join.node.operator != "Hash Join" or not (join.outer_column and join.inner_column):
            continue
        if join.outer is None or join.inner is None:
            continue
        sides = [
            (ctx.redshift.table(join.outer), join.outer_column),
            (ctx.redshift.table(join.inner), join.inner_column),
        ]
        if any(s is None or _distkey(s) != c.lower() for s, c in sides):
            continue
        unsorted = [(s, c) for s, c in sides if s and s.sortkey1.lower() != c.lower()]
        if not unsorted:
            continue
        ddl = "\n".join(
            _SORTKEY.render(table=name(s.schema, s.table), columns=[c])
            for s, c in unsorted
            if s is not None
        )
        yield finding(
            META,
            plan,
            join.node,
            f"Hash join of {join.outer} and {join.inner} on their DISTKEY could be a merge "
            "join if the join column were also their first sort key",
            object=join.outer,
            evidence=join_evidence(join),
            fix=Fix.sql("Sort both tables on the join column", ddl),
        )
