"""## What it does
Flags federated queries that pull a remote table without a predicate: the SQL pushed to the
remote database (svl_federated_query.querytext) has no WHERE and returns over 1,000,000 rows.

## Why is this bad?
Only predicates are pushed down: without one, the remote database scans and sends the whole
table, the rows cross the network into Redshift and are redistributed before any join.

## Example
```sql
SELECT querytext, num_rows FROM svl_federated_query;
-- SELECT "id", "email", "created_at" FROM "public"."accounts" | 12000000
```

## Use instead
```sql
SELECT id, email FROM apg.accounts WHERE created_at >= '2026-11-01';
-- or materialise the table locally and refresh it incrementally
```

## Evidence
`svl_federated_query` aggregated per pushed-down statement (runs, `num_rows`, `num_bytes`).
Option `min_rows` (1,000,000 rows per run).

## Known limits
The remote SQL is matched for `WHERE` as text; a predicate hidden in a join is not seen.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_FEDERATED_QUERY.html
- https://docs.aws.amazon.com/redshift/latest/dg/federated-overview.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsWorkload

META = RuleMeta(
    id="RS-W23",
    name="heavy-federated-pull",
    family="redshift.workload",
    target=TargetKind.WORKLOAD,
    severity=Severity.LOW,
    summary="A federated query pulls a whole remote table (no WHERE pushed down)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"min_rows": 1_000_000},
)

_WHERE = re.compile(r"\bwhere\b", re.I)
_FROM = re.compile(r"\bfrom\s+(\S+)", re.I)


def check(workload: RsWorkload, ctx: RsContext) -> Iterator[Finding]:
    for query in workload.federated:
        per_run = query.num_rows / max(query.runs, 1)
        if _WHERE.search(query.query_text) or per_run <= float(ctx.options["min_rows"]):
            continue
        source = _FROM.search(query.query_text)
        table = source.group(1).replace('"', "") if source else None
        yield META.finding(
            f"Federated query pulls {per_run:,.0f} rows per run from {table or 'a remote table'}"
            f" with no predicate ({query.runs} runs)",
            None,
            object=table,
            evidence=Evidence.of(
                runs=query.runs,
                rows_per_run=round(per_run),
                mb_per_run=round(query.num_bytes / max(query.runs, 1) / 1024**2, 1),
                source_type=query.source_type,
            ),
            fix=Fix.advice("Add a selective predicate on the remote table, or materialise it"),
            anchor=query.query_text,
        )
