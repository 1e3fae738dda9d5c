"""## What it does
Flags a script that runs two or more COPY statements into the same table, once, at the first of
them.

## Why is this bad?
One COPY loads many files in parallel across all slices. Several COPYs into one table run one
after another (concurrent COPYs into a table are serialized), each with its own commit, and
loads that are not in sort-key order leave an unsorted region that needs a VACUUM. AWS
recommends a single COPY over a common prefix or a manifest that lists every file.

## Example
```sql
COPY sales.orders FROM 's3://bucket/orders/2024-05-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' GZIP;
COPY sales.orders FROM 's3://bucket/orders/2024-05-02/'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' GZIP;
```

## Use instead
```sql
COPY sales.orders FROM 's3://bucket/orders/2024-05-0'
IAM_ROLE 'arn:aws:iam::123456789012:role/load' GZIP;
-- or: COPY sales.orders FROM 's3://bucket/orders/load.manifest' ... MANIFEST;
```

## Evidence
The script index of COPY targets (built once per file before rules run) and the FROM strings of
those COPYs.

## Known limits
COPYs in different files of one job are not related. A common prefix may also match objects
that were not loaded before, so the prefix fix is unsafe; when the sources share no useful
prefix (or use different options), the fix is a manifest, described in words.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-single-copy-command.html
- https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixSafety,
    RuleMeta,
    Severity,
    SqlStatement,
    TargetKind,
)
from advisor.sql.context import RuleContext, table_key
from rules.redshift.query._shared import copy_sources, sql, table_display

META = RuleMeta(
    id="RS-Q18",
    name="multiple-copies-into-table",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Several COPY statements load one table; use one COPY over a prefix or manifest",
    fix_safety=FixSafety.UNSAFE,
    options={"min_copies": 2},
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if not isinstance(tree, exp.Copy):
        return
    key = table_key(tree.this)
    indices = ctx.script.copies.get(key, []) if key else []
    if len(indices) < int(ctx.option("min_copies", 2)) or indices[0] != stmt.index:
        return
    copies = [ctx.script.statements[i] for i in indices]
    lines = [c.location.line for c in copies]
    name = table_display(tree.this)
    yield META.finding(
        f"{len(copies)} COPY statements load {name} (lines {', '.join(map(str, lines))}); "
        "one COPY loads all files in parallel",
        stmt.location,
        object=name,
        evidence=Evidence.of(table=name, copies=len(copies), lines=", ".join(map(str, lines))),
        fix=_fix(tree, copies),
        anchor=stmt.text,
    )


def _fix(first: exp.Copy, copies: list[SqlStatement]) -> Fix:
    paths: list[str] = []
    shapes: set[str] = set()
    for stmt in copies:
        tree = stmt.tree
        if isinstance(tree, exp.Copy):
            paths.extend(copy_sources(tree))
            shape = tree.copy()
            shape.set("files", [])
            shapes.add(sql(shape))
    prefix = _common_prefix(paths)
    bucket_end = prefix.find("/", len("s3://"))
    if len(shapes) == 1 and prefix.startswith("s3://") and 0 < bucket_end < len(prefix) - 1:
        merged = first.copy()
        merged.set("files", [exp.Literal.string(prefix)])
        return Fix.sql(
            f"Load every file with one COPY over the common prefix {prefix} (check that it "
            "matches only these files)",
            sql(merged) + ";",
            FixSafety.UNSAFE,
        )
    return Fix.advice("List every file in a manifest and load them with one COPY ... MANIFEST")


def _common_prefix(paths: list[str]) -> str:
    """Longest common leading string: S3 prefixes match characters, not path segments."""
    if not paths:
        return ""
    first, last = min(paths), max(paths)
    end = 0
    while end < min(len(first), len(last)) and first[end] == last[end]:
        end += 1
    return first[:end]
