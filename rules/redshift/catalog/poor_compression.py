"""## What it does
Flags a large table that stores columns uncompressed: it has unencoded (RAW) columns outside
the sort key, and fewer than 80% of its columns are encoded, on a table of over 5,000,000
rows.

## Why is this bad?
An uncompressed column takes several times the disk of an AZ64 or ZSTD one: every scan reads
more blocks, fewer blocks fit in memory, and the cluster fills sooner. Only the leading
sort-key column gains from staying RAW (range-restricted scans decode less); every other
column should be compressed.

## Example
```sql
CREATE TABLE rs_demo.readings_raw (reading_id BIGINT ENCODE raw,
    sensor_id INTEGER ENCODE raw, reading DOUBLE PRECISION ENCODE raw,
    note VARCHAR(64) ENCODE raw, read_at TIMESTAMP ENCODE raw)
SORTKEY (read_at);  -- 0 of 5 columns encoded
```

## Use instead
```sql
ALTER TABLE rs_demo.readings_raw ALTER ENCODE AUTO;
```
Redshift then picks and changes the encodings itself (or set them by hand:
`ALTER TABLE ... ALTER COLUMN c ENCODE az64;`).

## Evidence
`svv_redshift_columns.encoding` per column (`none` or `raw` is unencoded, as
`pg_attribute.attencodingtype` 0 or 128) and `sortkey`, counted per table on the server, and
`svv_table_info.tbl_rows`. Options `max_encoded_pct` (80) and `min_rows` (5,000,000) from the
MCP review rule REC_004.

## Known limits
Counts columns, not bytes: a wide RAW VARCHAR weighs more than a RAW BOOLEAN. The older
Advisor rule on uncompressed storage (over 15% of the total) needs per-column block counts
and is not read. Columns without a DDL encoding get Redshift's defaults; BOOLEAN, REAL and
DOUBLE PRECISION default to RAW.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html
- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_COLUMNS.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsTableStats
from rules.redshift._fixes import ENCODE_AUTO
from rules.redshift.catalog._catalog import (
    table_evidence,
    table_finding,
    table_ref,
)
from rules.redshift.catalog._storage import encoding_of

_FIX = ENCODE_AUTO

META = RuleMeta(
    id="RS-C13",
    name="poor-compression",
    family="redshift.catalog",
    target=TargetKind.TABLE,
    severity=Severity.MEDIUM,
    summary="A large table keeps columns outside its sort key uncompressed",
    fix_safety=FixSafety.ADVISORY,
    live=True,
    options={"max_encoded_pct": 80.0, "min_rows": 5_000_000},
)


def check(table: RsTableStats, ctx: RsContext) -> Iterator[Finding]:
    if table.tbl_rows <= ctx.number("min_rows"):
        return
    encoding = encoding_of(table, ctx.redshift)
    if encoding is None or not encoding.raw_columns:
        return
    if encoding.encoded_pct >= ctx.number("max_encoded_pct"):
        return
    raw = encoding.raw_columns
    shown = ", ".join(raw[:5]) + (f" and {len(raw) - 5} more" if len(raw) > 5 else "")
    yield table_finding(
        META,
        table,
        f"{table.qualified_name} compresses {encoding.encoded_columns} of its "
        f"{encoding.columns} columns ({encoding.encoded_pct:.0f}%); {shown} "
        f"{'is' if len(raw) == 1 else 'are'} stored RAW outside the sort key",
        table_evidence(
            table,
            columns=encoding.columns,
            encoded_columns=encoding.encoded_columns,
            encoded_column_pct=round(encoding.encoded_pct, 1),
            raw_columns=" ".join(raw),
        ),
        Fix.sql(
            f"Let Redshift choose and maintain the encodings of {table.qualified_name}",
            _FIX.render(table=table_ref(table)),
        ),
    )
