"""## What it does
Flags a Redshift Spectrum plan whose `Filter:` sits under `XN S3 Query Scan` (evaluated in
Redshift) rather than under `S3 Seq Scan` (pushed down to the Spectrum layer).

## Why is this bad?
A predicate the Spectrum layer cannot evaluate is applied after every row has been read from
S3 and shipped into the cluster: the query pays for the whole scan and its transfer.

## Example
```text
XN S3 Query Scan sales  (cost=0.00..8.00 rows=100 width=8)
  Filter: (upper((region)::text) = 'EU'::text)
  ->  S3 Seq Scan spectrum.sales location:"s3://b" format:PARQUET  (cost=0.00..5.00 rows=9 width=8)
```

## Use instead
```sql
SELECT ... FROM spectrum.sales WHERE region = 'EU';  -- a plain comparison is pushed down
```

## Evidence
The plan: the detail lines of `S3 Query Scan` and `S3 Seq Scan` nodes.

## Known limits
Which expressions Spectrum can evaluate is not listed exhaustively; the rule reports where the
filter ended up, not why.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import finding, side_table

META = RuleMeta(
    id="RS-P12",
    name="spectrum-filter-in-redshift",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A Spectrum predicate is evaluated in Redshift instead of the Spectrum layer",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for node in plan.nodes():
        if node.operator != "S3 Query Scan":
            continue
        condition = node.detail("Filter")
        if condition is None:
            continue
        table = side_table(node) or node.relation
        yield finding(
            META,
            plan,
            node,
            f"Filter {condition} on {table or 'an external table'} runs in Redshift, after "
            "the whole scan left S3",
            object=table,
            evidence=Evidence.of(filter=condition, operator=node.label),
            fix=Fix.advice("Rewrite the predicate as a plain comparison on the column"),
        )
