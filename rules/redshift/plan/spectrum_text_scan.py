"""## What it does
Flags a Redshift Spectrum scan of text files: `S3 Seq Scan ... format:TEXT` in a plan.

## Why is this bad?
Text files are read whole: Spectrum cannot skip columns or row groups, so every query pays for
(and waits on) every byte of the files, where Parquet or ORC read only the columns asked for.

## Example
```text
S3 Seq Scan spectrum.sales location:"s3://b/sales" format:TEXT  (cost=0.00..40.00 rows=400 width=16)
```

## Use instead
```sql
UNLOAD ('SELECT * FROM spectrum.sales') TO 's3://bucket/sales_parquet/'
IAM_ROLE default FORMAT AS PARQUET;
```

## Evidence
The plan: the `format:` attribute of `S3 Seq Scan` lines.

## Known limits
Compressed text is still text; the rule does not see file sizes (RS-W21 does, from history).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-data-files.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsPlan
from rules.redshift.plan._plan import finding

META = RuleMeta(
    id="RS-P13",
    name="spectrum-text-scan",
    family="redshift.plan",
    target=TargetKind.PLAN,
    severity=Severity.LOW,
    summary="A Spectrum scan reads text files (format:TEXT)",
    fix_safety=FixSafety.ADVISORY,
    live=False,
)

_FORMAT = re.compile(r"\bformat:(?P<format>\w+)", re.I)


def check(plan: RsPlan, ctx: RsContext) -> Iterator[Finding]:
    for node in plan.nodes():
        match = _FORMAT.search(node.label)
        if node.operator != "S3 Seq Scan" or match is None:
            continue
        if match.group("format").upper() != "TEXT":
            continue
        yield finding(
            META,
            plan,
            node,
            f"Spectrum scans {node.relation or 'an external table'} as text files",
            object=node.relation,
            evidence=Evidence.of(format="TEXT", rows=node.rows, operator=node.label),
            fix=Fix.advice("Convert the files to Parquet or ORC (UNLOAD ... FORMAT AS PARQUET)"),
        )
