"""## What it does
Flags a large table with an interleaved sort key: svv_table_info `sortkey1` says
`INTERLEAVED` on a table of over 5,000,000 rows.

## Why is this bad?
Interleaved sorting makes loads and VACUUM much slower (VACUUM REINDEX rewrites the table),
degrades as new key values arrive (RS-C16), and is not used by automatic table optimisation.
A compound key on the most-filtered column, or materialized views for the other filters,
usually serve the same queries at a fraction of the maintenance.

## Example
```sql
CREATE TABLE rs_demo.visits_interleaved (visit_id BIGINT, user_id INTEGER,
  visited_at TIMESTAMP) DISTSTYLE KEY DISTKEY (user_id) INTERLEAVED SORTKEY (user_id, visited_at);
```

## Use instead
```sql
ALTER TABLE rs_demo.visits_interleaved ALTER COMPOUND SORTKEY (visited_at);
```

## Evidence
`svv_table_info.sortkey1`, `tbl_rows`, and the key's columns from `svv_redshift_columns` (their
order in the interleaved key). Option `min_rows` (5,000,000, MCP REC_014).

## Known limits
The fix keeps the key's columns in their declared order: put the column most queries filter on
(or range-filter, such as a date) first, and drop the ones that are rarely filtered. Without
`svv_redshift_columns` it names the table only. Interleaved keys stay right for highly
selective filters on several columns of equal weight.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data-interleaved.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import COMPOUND_SORTKEY
from rules.redshift.catalog._catalog import table_evidence, table_finding, table_ref

_COMPOUND = COMPOUND_SORTKEY

META = RuleMeta(
    id="RS-C15",
    name="interleaved-table",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.LOW,
    summary="A table of over 5,000,000 rows has an interleaved sort key",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if "INTERLEAVED" not in table.sortkey1.upper() or table.tbl_rows <= ctx.number("min_rows"):
        return
    # Sort-key columns in key order; an interleaved key alternates signs (1, -2, 3, ...).
    keyed = [c for c in ctx.redshift.keys_of(table.qualified_name) if c.sortkey]
    columns = [c.column for c in sorted(keyed, key=lambda c: abs(c.sortkey))]
    if columns:
        fix = Fix.sql(
            "Replace the interleaved key by a compound key on its columns, the most-filtered first",
            _COMPOUND.render(table=table_ref(table), columns=columns),
        )
    else:
        fix = Fix.advice(
            "Replace the interleaved key by a compound key on the most-filtered column: "
            + _COMPOUND.render(table=table_ref(table), columns=["c"])
        )
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has {table.tbl_rows:,} rows and an interleaved sort key: "
        "slow to load and vacuum, out of automatic optimisation",
        table_evidence(table),
        fix,
    )
