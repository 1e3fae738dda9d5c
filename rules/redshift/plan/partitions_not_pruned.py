"""## What it does
Flags a Redshift Spectrum scan of a partitioned external table that prunes no partition: the
table has partition columns (svv_external_columns.part_key > 0), yet the plan has no
`Seq Scan PartitionInfo` step for it, or that step has no `Filter:` line.

## Why is this bad?
Spectrum bills and waits for every byte it reads from S3. A predicate on the partition columns
lets Redshift list only the matching partitions (the `Filter:` under `Seq Scan PartitionInfo`)
and skip the other folders unread; without one, every partition is scanned.

## Example
```text
XN Partition Loop  (cost=45.00..90.00 rows=1000 width=8)
  ->  XN Seq Scan PartitionInfo of spectrum.sales_by_month  (cost=0.00..15.00 rows=1000 width=4)
  ->  XN S3 Query Scan sales_by_month  (cost=45.00..55.00 rows=1000 width=8)
        ->  S3 Seq Scan spectrum.sales_by_month location:"s3://b/s" format:PARQUET  (...)
```

## Use instead
```text
XN Partition Loop  (cost=45.00..90.00 rows=1000 width=8)
  ->  XN Seq Scan PartitionInfo of spectrum.sales_by_month  (cost=0.00..15.00 rows=1 width=4)
        Filter: ((sale_month)::text >= '2026-01'::text)
  ->  XN S3 Query Scan sales_by_month  (cost=45.00..55.00 rows=1000 width=8)
        ->  S3 Seq Scan spectrum.sales_by_month location:"s3://b/s" format:PARQUET  (...)
```

## Evidence
The plan's `S3 Seq Scan` and `Seq Scan PartitionInfo` steps and the latter's `Filter:` line;
the external table's partition columns from svv_external_columns (a live read, `advisor
explain --snapshot FILE`, or `advisor explain --ddl FILE` with its `CREATE EXTERNAL TABLE
... PARTITIONED BY`).

## Known limits
Silent when the table's partition columns are unknown (no svv_external_columns, no DDL). Any
`Filter:` on the PartitionInfo step counts as pruning, even one that keeps most partitions;
how many partitions qualified at run time is in svl_s3partition (RS-W20).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-tables.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_EXTERNAL_COLUMNS.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsExternalColumn, RsPlan, RsPlanNode
from rules.redshift.plan._plan import finding

META = RuleMeta(
    id="RS-P14",
    name="partitions-not-pruned",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A partitioned external table is scanned with no predicate on its partition columns",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)


def partition_columns(ctx: RsContext, table: str) -> list[RsExternalColumn]:
    """The partition columns of an external table, by qualified name or unique bare name."""
    key = table.lower()
    columns = ctx.redshift.partition_columns
    exact = [c for c in columns if c.qualified_name.lower() == key]
    if exact or "." in key:
        return sorted(exact, key=lambda c: c.part_key)
    owners = {c.qualified_name.lower() for c in columns if c.table.lower() == key}
    if len(owners) != 1:
        return []
    return sorted((c for c in columns if c.table.lower() == key), key=lambda c: c.part_key)


def _same(a: str, b: str) -> bool:
    """Same table: equal names, or equal bare names when one side is not qualified."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if "." in a and "." in b:
        return False
    return a.rsplit(".", 1)[-1] == b.rsplit(".", 1)[-1]


def _partition_info(plan: RsPlan, table: str) -> RsPlanNode | None:
    for node in plan.nodes():
        if node.operator == "Seq Scan PartitionInfo" and _same(node.relation or "", table):
            return node
    return None


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    if not ctx.redshift.partition_columns:
        return
    seen: set[str] = set()
    for node in plan.nodes():
        if node.operator != "S3 Seq Scan" or node.relation is None:
            continue
        table = node.relation
        columns = partition_columns(ctx, table)
        if not columns or table.lower() in seen:
            continue
        seen.add(table.lower())
        info = _partition_info(plan, table)
        if info is not None and info.detail("Filter"):
            continue
        names = [c.column for c in columns]
        listed = ", ".join(names)
        qualified = columns[0].qualified_name
        step = "no partition step" if info is None else "a PartitionInfo step with no filter"
        yield finding(
            META,
            plan,
            info or node,
            f"Spectrum scan of {qualified} reads every partition: {step}, no predicate on its "
            f"partition column{'s' if len(names) > 1 else ''} {listed}",
            object=qualified,
            evidence=Evidence.of(
                table=qualified,
                partition_columns=listed,
                partition_step=info.label if info else None,
                s3_rows=node.rows,
            ),
            fix=Fix.advice(
                f"Add a WHERE on {listed} (the partition column{'s' if len(names) > 1 else ''} "
                f"of {qualified}) so only the partitions needed are read"
            ),
        )
