"""## What it does
Flags a Spectrum external table stored in a row format (text, CSV, JSON): its
svv_external_tables `input_format` or `serialization_lib` is a text or JSON reader.

## Why is this bad?
Row formats are read whole: Spectrum cannot skip columns or row groups, so every query scans,
pays for and waits on every byte, where Parquet or ORC read only the columns asked for.

## Example
```sql
SELECT tablename, input_format FROM svv_external_tables;
-- clicks_raw | org.apache.hadoop.mapred.TextInputFormat
```

## Use instead
```sql
UNLOAD ('SELECT * FROM spectrum.clicks_raw') TO 's3://bucket/clicks_parquet/'
IAM_ROLE default FORMAT AS PARQUET;
```

## Evidence
`svv_external_tables.input_format` and `serialization_lib`.

## Known limits
Compressed text is still text; Avro is left alone.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-data-files.html
- https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-performance.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C25",
    name="external-table-row-format",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.MEDIUM,
    summary="A Spectrum external table is stored as text or JSON, not Parquet/ORC",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)

_ROW_FORMATS = ("textinputformat", "lazysimpleserde", "opencsvserde", "jsonserde", "regexserde")


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    for table in snapshot.external_tables:
        reader = f"{table.input_format} {table.serialization_lib}".lower()
        if not any(word in reader for word in _ROW_FORMATS):
            continue
        yield META.finding(
            f"External table {table.qualified_name} is stored in a row format: every query "
            "reads its files whole",
            None,
            object=table.qualified_name,
            evidence=Evidence.of(
                input_format=table.input_format, serialization_lib=table.serialization_lib
            ),
            fix=Fix.advice("Convert the files to Parquet or ORC (UNLOAD ... FORMAT AS PARQUET)"),
            anchor=table.qualified_name,
        )
