"""## What it does
Flags a cluster without short query acceleration: stv_wlm_service_class_config has no row for
service class 14 (the SQA queue).

## Why is this bad?
Without SQA, a query that runs in a second waits in the same queue as long ETL and reporting
queries; with it, Redshift predicts short queries and runs them in a dedicated space.

## Example
```sql
SELECT count(*) FROM stv_wlm_service_class_config WHERE service_class = 14;
-- 0
```

## Use instead
```text
wlm_json_configuration = [..., {"short_query_queue": true}]   -- in the parameter group
```
Leave the maximum run time dynamic, or fix it between 1 and 20 seconds.

## Evidence
The service classes read from `stv_wlm_service_class_config`. Sources: AWS Advisor ("Enable
short query acceleration"), the SQA guide.

## Known limits
Silent when the view was not read (Serverless). Only SELECT and CTAS queries are accelerated.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/wlm-short-query-acceleration.html
- https://docs.aws.amazon.com/redshift/latest/dg/advisor-recommendations.html
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_redshift import RsContext, RsSnapshot

META = RuleMeta(
    id="RS-C31",
    name="short-query-acceleration-off",
    family="redshift.catalog",
    target=TargetKind.CLUSTER,
    severity=Severity.LOW,
    summary="Short query acceleration is off (no WLM service class 14)",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def check(snapshot: RsSnapshot, ctx: RsContext) -> Iterator[Finding]:
    classes = sorted(q.service_class for q in snapshot.wlm_queues)
    if not classes or 14 in classes:
        return
    yield META.finding(
        "Short query acceleration is off: short queries wait behind long ones in their queue",
        None,
        object="wlm",
        evidence=Evidence.of(service_classes=" ".join(str(c) for c in classes)),
        fix=Fix.setting(
            "Enable short query acceleration in the parameter group",
            'wlm_json_configuration: add {"short_query_queue": true}',
        ),
        anchor="wlm",
    )
