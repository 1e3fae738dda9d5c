"""## What it does
Flags a `range` on a `date` field whose bounds do not match the field's mapped `format` (by
default `strict_date_optional_time||epoch_millis`) and carry no `format` of their own; and a
range with date-like bounds on a field mapped as `keyword` or `text`.

## Why is this bad?
A bound in another format fails to parse and the request is rejected; on a string field, dates
compare as strings, so `"2024-9-1"` sorts after `"2024-10-01"` and ranges return wrong
documents.

## Example
```json
GET logs-*/_search
{ "query": { "range": { "@timestamp": { "gte": "01/06/2024" } } } }
```

## Use instead
```json
GET logs-*/_search
{ "query": { "range": { "@timestamp": { "gte": "2024-06-01" } } } }
```
or add `"format": "dd/MM/yyyy"` to the range; map dates as `date`.

## Evidence
The index mapping (type and `format`) and the request body.

## Known limits
Java date patterns are checked by shape (digit counts and separators), named formats for the
common ISO and epoch forms only; unknown named formats are not checked. Date math (`now-1d`,
`2024-01-01||+1M`) is accepted.

## References
- https://docs.opensearch.org/latest/mappings/supported-field-types/date/
- https://docs.opensearch.org/latest/query-dsl/term/range/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.dsl.mapping import STRING_TYPES
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext, advice, queries, report
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-M14",
    name="date-format-mismatch",
    family="opensearch.mapping",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.MEDIUM,
    summary="Range bound that does not match the date field's format",
    fix_safety=FixSafety.ADVISORY,
)

_ISO = (
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}([.,]\d{1,9})?)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?"
)
_NAMED = {
    "strict_date_optional_time": _ISO,
    "date_optional_time": _ISO,
    "strict_date_optional_time_nanos": _ISO,
    "epoch_millis": r"-?\d+(\.\d+)?",
    "epoch_second": r"-?\d+(\.\d+)?",
    "strict_date": r"\d{4}-\d{2}-\d{2}",
    "date": r"\d{4}-\d{2}-\d{2}",
    "year_month_day": r"\d{4}-\d{2}-\d{2}",
    "strict_year_month_day": r"\d{4}-\d{2}-\d{2}",
    "basic_date": r"\d{8}",
}
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _pattern(fmt: str) -> str | None:
    parts = []
    for item in fmt.split("||"):
        item = item.strip()
        if item in _NAMED:
            parts.append(_NAMED[item])
        elif re.fullmatch(r"[yMdHhmsSZXa'T :/.,\-+]+", item):
            java = re.sub(r"'([^']*)'", lambda m: re.escape(m.group(1)), item)
            parts.append(re.sub(r"[yMdHhmsS]+", lambda m: rf"\d{{1,{len(m.group(0))}}}", java))
        else:
            return None
    return "|".join(f"(?:{p})" for p in parts)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if ctx.mapping is None:
        return
    for visit in queries(request, "range"):
        query = visit.query
        info = ctx.field(query.field)
        bounds = query.value if isinstance(query.value, dict) else {}
        if info is None or "format" in query.params:
            continue
        values = [v for v in bounds.values() if isinstance(v, str)]
        if info.type in STRING_TYPES:
            bad = [v for v in values if _DATE_LIKE.match(v)]
            if bad:
                yield _finding(
                    request, query.pointer, query.field, bad[0], f"a `{info.type}` field"
                )
            continue
        if info.type not in ("date", "date_nanos"):
            continue
        fmt = str(info.params.get("format", "strict_date_optional_time||epoch_millis"))
        pattern = _pattern(fmt)
        if pattern is None:
            continue
        for value in values:
            base = value.split("||", 1)[0].strip()
            if base.startswith("now") or re.fullmatch(pattern, base):
                continue
            yield _finding(request, query.pointer, query.field, value, f"format `{fmt}`")
            break


def _finding(
    request: DslRequest, pointer: str, field: str | None, value: str, what: str
) -> Finding:
    return report(
        META,
        request,
        pointer,
        f"range bound `{value}` on `{field}` does not match {what}",
        evidence=Evidence.of(field=field, value=value),
        fix=advice('Send ISO-8601 dates, or add `"format"` to the range; map dates as `date`'),
    )
