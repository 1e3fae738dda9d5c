"""## What it does
Proposes DISTKEYs (and sort keys) from the workload's joins: the query history is parsed into
equi-join pairs, weighted by how often they run and how much data a non-collocated join moves,
and keys are chosen greedily so the heaviest joins become collocated. Reports every table
whose proposed key differs from today's, with the share of join weight collocated before and
after.

## Why is this bad?
A join whose tables are not distributed on its columns redistributes or broadcasts rows on
every run; choosing keys one table at a time misses that one DISTKEY serves several joins.

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
row counts, skew and current distribution styles from svv_table_info. Options: `max_skew`
(4.0: today's DISTKEY of a table this skewed is never proposed again), `all_max_rows`
(5,000,000: a small table left without a collocated join becomes ALL), `sortkey_min_rows`
(5,000,000: smaller tables get no sort key).

## Known limits
A greedy approximation of the Join Multi-Graph method (Parchas et al., VLDB 2020): weights
use table size, not the bytes each join actually moved; columns are not screened for low
cardinality or NULLs beyond the skew guard. `advisor whatif --distkey s.t=c` scores other
choices on the same graph.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html
- https://assets.amazon.science/92/a6/0805c07140a393c4569dc79676af/fast-and-effective-distribution-key-recommendation-for-amazon-redshift.pdf
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import (
    Evidence,
    Finding,
    FixSafety,
    RsContext,
    RsSnapshot,
    RuleMeta,
    Severity,
    TargetKind,
)
from rules.redshift.catalog._catalog import qualified
from rules.redshift.plan._plan import name
from rules.redshift.workload._alerts import sql_fix
from rules.redshift.workload._keys import (
    ALL,
    apply_choices,
    current_keys,
    join_graph,
    read_workload,
    recommend,
    satisfied,
)

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
    choices = recommend(
        snapshot,
        max_skew=float(ctx.options["max_skew"]),
        all_max_rows=int(ctx.options["all_max_rows"]),
        sortkey_min_rows=int(ctx.options["sortkey_min_rows"]),
    )
    today = current_keys(snapshot)
    graph = join_graph(read_workload(snapshot.workload.queries, snapshot).edges)
    before, total = satisfied(graph, today)
    after, _ = satisfied(graph, apply_choices(today, choices))
    if total <= 0 or after <= before:
        return
    for choice in choices:
        stats = snapshot.table(choice.table)
        if stats is None or today.get(choice.table) == choice.distkey or choice.distkey is None:
            continue
        table = qualified(stats.schema, stats.table)
        if choice.distkey == ALL:
            ddl = f"ALTER TABLE {table} ALTER DISTSTYLE ALL;"
        else:
            ddl = f"ALTER TABLE {table} ALTER DISTSTYLE KEY DISTKEY {name(choice.distkey)};"
        if choice.sortkey:
            ddl += f"\nALTER TABLE {table} ALTER COMPOUND SORTKEY ({name(choice.sortkey)});"
        yield META.finding(
            f"{choice.table} ({stats.diststyle}) should be "
            f"{'ALL' if choice.distkey == ALL else f'KEY({choice.distkey})'}: {choice.reason}; "
            f"collocated join weight {before / total:.0%} -> {after / total:.0%}",
            None,
            object=choice.table,
            evidence=Evidence.of(
                current=stats.diststyle,
                proposed=choice.distkey,
                sortkey=choice.sortkey,
                collocated_before=round(before / total, 3),
                collocated_after=round(after / total, 3),
            ),
            fix=sql_fix(f"Redistribute {choice.table}", ddl),
            anchor=choice.table,
        )
