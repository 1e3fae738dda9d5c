"""## What it does
Flags a table with an interleaved sort key that needs `VACUUM REINDEX`: the skew of one of its
interleaved sort-key columns in `svv_interleaved_columns` is over 1.4, or was never measured
(the key has not been analysed since the table was loaded).

## Why is this bad?
An interleaved key gives each of its columns an equal share of the zone maps only while the
value ranges it was built from still hold. As new values arrive (dates above all) the
interleaved order decays, blocks overlap, and the range-restricted scans the key was chosen
for read more and more of the table. A plain VACUUM does not rebuild the key; only
`VACUUM REINDEX` re-analyses the value distribution.

## Example
```sql
SELECT tbl, col, interleaved_skew, last_reindex FROM svv_interleaved_columns;
-- visits_interleaved | 1 | 3.65 | (never)
```

## Use instead
```sql
VACUUM REINDEX rs_demo.visits_interleaved;
```
Or replace the interleaved key by a compound one (RS-C15), which needs no reindex.

## Evidence
`svv_interleaved_columns.interleaved_skew` and `last_reindex`, summed per table on the
server; `svv_table_info` for the name. Option `max_skew` (1.4, the `min_interleaved_skew` of
amazon-redshift-utils' Analyze & Vacuum utility; the docs reindex when skew is large).

## Known limits
`last_reindex` is NULL both for a table never reindexed and once `stl_vacuum` has rotated
(about 7 days), so it is reported, not judged. Tables first loaded by INSERT rather than COPY
also want a reindex; history does not say which load came first. `VACUUM REINDEX` is
slower than a full vacuum: run it at low load.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_vacuum-decide-whether-to-reindex.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_INTERLEAVED_COLUMNS.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from advisor.sql.fixsql import Template
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)
from rules.redshift.catalog._storage import interleaved_of

_FIX = Template("VACUUM REINDEX {table}")

META = RuleMeta(
    id="RS-C16",
    name="interleaved-index-out-of-date",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="An interleaved sort key is skewed or was never reindexed",
    fix_safety=FixSafety.SAFE,
    live=True,
    options={"max_skew": 1.4},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    skew = interleaved_of(table, ctx.redshift)
    if skew is None or skew.columns == 0:
        return
    if skew.max_skew is not None and skew.max_skew <= ctx.number("max_skew"):
        return
    reindexed = f"last reindexed {skew.last_reindex}" if skew.last_reindex else "no reindex logged"
    if skew.max_skew is None:
        what = "whose skew was never measured (never reindexed)"
    else:
        what = f"with skew {skew.max_skew:g} (over {ctx.number('max_skew'):g})"
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} has an interleaved sort key {what}; {reindexed}",
        table_evidence(
            table,
            interleaved_columns=skew.columns,
            interleaved_skew=skew.max_skew,
            last_reindex=skew.last_reindex,
        ),
        Fix.sql(
            f"Rebuild the interleaved sort key of {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
            FixSafety.SAFE,
        ),
    )
