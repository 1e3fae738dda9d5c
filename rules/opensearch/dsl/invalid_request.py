"""## What it does
Reports a request body that is not valid JSON, at the position where reading stopped, and, in a
console file, text before the first request line that is not one (a misspelt method such as
`GETT`, or no request at all). The other requests of the same file are still read and checked.

## Why is this bad?
OpenSearch rejects the request with a parse error, and no other rule can check a body the
advisor cannot read. Typical causes: a missing comma, `...` left from documentation, an
unquoted placeholder such as `<model-id>`.

## Example
```json
GET logs-*/_search
{
  "query": { "match": { "message": "timeout" } }
  "size": 10
}
```

## Use instead
```json
GET logs-*/_search
{
  "query": { "match": { "message": "timeout" } },
  "size": 10
}
```

## Evidence
The request text only: the reader's message and position.

## Known limits
Console bodies may use `//` and `#` comments and triple-quoted strings as Dev Tools allows;
strict JSON files may too. A `.json` file that is broken and does not look like a search body
is skipped rather than reported, since it is probably not a request at all.

## References
- https://docs.opensearch.org/latest/dashboards/dev-tools/run-queries/
- https://www.rfc-editor.org/rfc/rfc8259
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext
from advisor.model import Evidence, Finding, FixSafety, RuleMeta, Severity, TargetKind

META = RuleMeta(
    id="OS-E01",
    name="invalid-request",
    family="opensearch.dsl",
    target=TargetKind.DSL_REQUEST,
    severity=Severity.ERROR,
    summary="Request body is not valid JSON",
    fix_safety=FixSafety.ADVISORY,
)


def check(request: DslRequest, ctx: DslContext) -> Iterator[Finding]:
    if request.error is None:
        return
    offset = request.error_offset if request.error_offset is not None else request.start
    yield META.finding(
        f"cannot read request{' body' if request.method else ''}: {request.error}",
        request.source.location(offset, offset),
        object=",".join(request.indices) or None,
        evidence=Evidence.of(reader_message=request.error, request=request.request_line),
        anchor=f"{request.request_line} {request.text}",
    )
