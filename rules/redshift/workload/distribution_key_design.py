"""## What it does
Proposes DISTKEYs (and sort keys) from the workload's joins: the query history is parsed into
equi-join pairs, weighted by how often they run and how much data a non-collocated join moves,
and keys are chosen greedily so the heaviest joins become collocated. Small tables that join
large ones become ALL; a candidate column whose values would skew the slices is set aside.
Reports every table whose proposed key differs from today's, with the joins the change
collocates, the data it stops redistributing, the skew of the new key and the candidates it
rejected.

Before proposing, it reads what AWS's own tuning decided, and does not undo it:
- a table Redshift sorts itself (svv_table_info.sortkey1 `AUTO(SORTKEY)`, `AUTO(SORTKEY(c))`,
  or `padb_internal_mddl_key_col`, a multidimensional data layout built from the workload's
  repeated predicates) gets no sort-key proposal, and the finding says so and why (a compound
  key would replace the layout and stop automatic sort-key tuning);
- a table whose distribution Redshift chooses (diststyle `AUTO(ALL)`, `AUTO(EVEN)`,
  `AUTO(KEY(c))`) keeps it: the design takes its key as given, may key other tables to join
  it, and proposes no change to it (its automatic tuning would end with a manual key);
- a recommendation of Redshift's own advisor for the table (svv_alter_table_recommendations)
  is named in the finding: that it recommends the same, or, when it differs, its DDL (it
  measures the data each join moved; the estimate here uses table sizes). The proposal is
  still made; RS-C17 proposes applying the recommendations Redshift will not apply itself.

## Why is this bad?
A join whose tables are not distributed on its columns redistributes or broadcasts rows on
every run; choosing keys one table at a time misses that one DISTKEY serves several joins, and
a DISTKEY on a column with few or lopsided values piles rows onto one slice.

## Example
```sql
-- sales_even is KEY(sale_id) but the workload joins it on seller_id:
SELECT * FROM rs_demo.events_sorted e JOIN rs_demo.sales_even s ON s.seller_id = e.user_id;
```

## Use instead
```sql
ALTER TABLE rs_demo.sales_even ALTER DISTSTYLE KEY DISTKEY seller_id;
```

## Evidence
Query texts and run counts from sys_query_history (grouped by query hash), table sizes,
row counts, skew and current distribution styles from svv_table_info, the slice count from
stv_slices, and for every join column one aggregate run on the cluster (rows, distinct values,
rows of the commonest value). svv_table_info's diststyle and sortkey1 tell which keys
Redshift chooses itself, and svv_alter_table_recommendations what its advisor recommends;
`aws_tuning` in the evidence says what was left to Redshift and how its advisor's
recommendation compares. The evidence names the joins collocated (with their runs), the
data no longer redistributed (`redistributed_mb_saved`: per join collocated, the runs of the
queries joining that way times the smaller table's size), the estimated skew of the proposed
DISTKEY and the columns rejected. Options: `max_skew` (4.0: a column whose estimated skew, or
today's DISTKEY whose measured skew_rows, reaches it is never proposed), `all_max_rows`
(5,000,000: a small table joined to a larger one, or left without a collocated join, becomes
ALL), `sortkey_min_rows` (5,000,000: smaller tables get no sort key). The sort key is the
column filtered most by a date or time range, then by any range, then by anything.

## Known limits
A greedy approximation of the Join Multi-Graph method (Parchas et al., VLDB 2020): weights
use table size, not the bytes each join actually moved (SYS_QUERY_DETAIL is not read), so the
data saved is an estimate. The skew estimate knows the commonest value and the count of
values, not Redshift's hash: it assumes the other values spread at random. Columns written
without a table or alias in a query with several tables are not attributed (the history keeps
no catalog to resolve them). `advisor whatif --distkey s.t=c` scores other choices on the same
graph.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
- https://assets.amazon.science/92/a6/0805c07140a393c4569dc79676af/fast-and-effective-distribution-key-recommendation-for-amazon-redshift.pdf
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_mutidimensional-sort-key.html
- https://docs.aws.amazon.com/redshift/latest/dg/t_Creating_tables.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALTER_TABLE_RECOMMENDATIONS.html
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.model import (
    Evidence,
    EvidenceValue,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    TargetKind,
)
from advisor.model_redshift import RsContext, RsSnapshot
from advisor.redshift_keys import (
    ALL,
    DEFAULT_SLICES,
    JoinEdge,
    apply_choices,
    collocated,
    current_keys,
    join_graph,
    read_workload,
    recommend,
    rejected_columns,
    satisfied,
)
from advisor.sql.fixsql import name
from rules.redshift._fixes import COMPOUND_SORTKEY, DISTSTYLE_ALL, DISTSTYLE_AUTO, DISTSTYLE_KEY

_ALL = DISTSTYLE_ALL
_AUTO = DISTSTYLE_AUTO
_KEY = DISTSTYLE_KEY
_SORTKEY = COMPOUND_SORTKEY

META = RuleMeta(
    id="RS-W30",
    name="distribution-key-design",
    family="redshift.workload",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="The workload's joins call for other DISTKEYs (join-graph key recommendation)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_skew": 4.0, "all_max_rows": 5_000_000, "sortkey_min_rows": 5_000_000},
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    if snapshot.workload is None or not snapshot.tables:
        return
    max_skew = float(ctx.options["max_skew"])
    choices = recommend(
        snapshot,
        max_skew=max_skew,
        all_max_rows=int(ctx.options["all_max_rows"]),
        sortkey_min_rows=int(ctx.options["sortkey_min_rows"]),
    )
    today = current_keys(snapshot)
    banned = rejected_columns(snapshot, max_skew=max_skew)
    edges = read_workload(snapshot.workload.queries, snapshot).edges
    graph = join_graph(edges)
    tomorrow = apply_choices(today, choices)
    before, total = satisfied(graph, today)
    after, _ = satisfied(graph, tomorrow)
    if total <= 0 or after <= before:
        return
    gained = [e for e in edges if collocated(e, tomorrow) and not collocated(e, today)]
    slices = snapshot.slices or DEFAULT_SLICES
    for choice in choices:
        stats = snapshot.table(choice.table)
        if stats is None or today.get(choice.table) == choice.distkey:
            continue
        current = today.get(choice.table)
        if choice.distkey is None and (choice.table, current) not in banned:
            continue  # no better key; today's is not known to be harmful
        table = name(stats.schema, stats.table)
        if choice.distkey == ALL:
            ddl, proposed = _ALL.render(table=table), "ALL"
        elif choice.distkey is None:
            ddl, proposed = _AUTO.render(table=table), "AUTO"
        else:
            ddl = _KEY.render(table=table, column=choice.distkey)
            proposed = f"KEY({choice.distkey})"
        if choice.sortkey:
            ddl += "\n" + _SORTKEY.render(table=table, columns=[choice.sortkey])
        mine = [e for e in gained if _credited(e, choice.table, tomorrow)]
        joins: dict[str, int] = {}
        for e in mine:
            joins[e.describe()] = joins.get(e.describe(), 0) + e.runs
        moved_mb = round(sum(e.weight for e in mine))
        skew = None
        if choice.distkey not in (None, ALL):
            values = snapshot.values(choice.table, choice.distkey)
            estimate = values.skew_estimate(slices) if values else None
            skew = round(estimate, 2) if estimate is not None else None
        rejected = dict(choice.rejected)
        if choice.distkey is None and current:
            rejected.setdefault(current, banned[(choice.table, current)])
        why = choice.reason
        if joins:
            why = f"collocates {len(joins)} join{'s' if len(joins) > 1 else ''} "
            why += f"({', '.join(joins)}), about {moved_mb:,} MB less data redistributed "
            why += "over the history read"
        elif choice.distkey is None and current:
            why = f"DISTKEY {current} {rejected[current]}, and no join needs it"
        if rejected and choice.distkey is not None:
            why += "; not " + "; not ".join(f"{c}: {r}" for c, r in sorted(rejected.items()))
        aws = "".join(f"; {note}" for note in choice.aws)
        # What was left to AWS's own tuning, or how its advisor's recommendation compares.
        extra: dict[str, EvidenceValue] = {"aws_tuning": "; ".join(choice.aws)} if aws else {}
        yield META.finding(
            f"{choice.table} ({stats.diststyle}) should be {proposed}: {why}; "
            f"collocated join weight {before / total:.0%} -> {after / total:.0%}{aws}",
            None,
            object=choice.table,
            evidence=Evidence.of(
                current=stats.diststyle,
                proposed=choice.distkey,
                sortkey=choice.sortkey,
                collocated_before=round(before / total, 3),
                collocated_after=round(after / total, 3),
                joins_collocated="; ".join(f"{j} ({n} runs)" for j, n in joins.items()),
                redistributed_mb_saved=moved_mb,
                redistributed_estimate="runs x the smaller table's size, per join collocated",
                distkey_skew_estimate=skew,
                slices=slices,
                rejected="; ".join(f"{c}: {r}" for c, r in sorted(rejected.items())),
                **extra,
            ),
            fix=Fix.sql(f"Redistribute {choice.table}", ddl),
            anchor=choice.table,
        )


def _credited(edge: JoinEdge, table: str, keys: Mapping[str, str | None]) -> bool:
    """Whether a join that becomes collocated is owed to this table's new key: to the ALL
    side(s) when a side is ALL, else to both sides of a KEY-to-KEY match."""
    if table not in (edge.left, edge.right):
        return False
    if ALL in (keys.get(edge.left), keys.get(edge.right)):
        return keys.get(table) == ALL
    return True
