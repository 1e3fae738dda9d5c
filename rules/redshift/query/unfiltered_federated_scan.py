"""## What it does
Flags a query that reads a table of a federated schema (`CREATE EXTERNAL SCHEMA ... FROM
POSTGRES` or `FROM MYSQL`) with no WHERE predicate on that table.

## Why is this bad?
A federated query sends only predicates to the remote database; without one, the remote
database returns the whole table, the rows cross the network into Redshift, and are then
redistributed across the cluster before any join or aggregation. The remote database bears the
full scan too. Federated queries also do not run on concurrency scaling clusters.

## Example
```sql
CREATE EXTERNAL SCHEMA app FROM POSTGRES DATABASE 'app' URI 'db.example.com'
IAM_ROLE 'arn:aws:iam::123456789012:role/fed'
SECRET_ARN 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app';

SELECT c.customer_id, c.email FROM app.customers c;
```

## Use instead
```sql
SELECT c.customer_id, c.email FROM app.customers c
WHERE c.updated_at >= '2024-05-01';
```

## Evidence
The catalog's external schemas, recorded from CREATE EXTERNAL SCHEMA statements in the lint
run; the query's WHERE and JOIN ON predicates.

## Known limits
Fires only when the CREATE EXTERNAL SCHEMA is in the lint run. Any predicate on the table
alone counts, selective or not, and an unqualified column is taken to be the table's; a join
condition does not count, since it is not pushed down. A query in a CTE or subquery is left
alone when the outer query may push its predicates down (it has no aggregation of its own).

## References
- https://docs.aws.amazon.com/redshift/latest/dg/federated-overview.html
- https://docs.aws.amazon.com/redshift/latest/dg/federated-limitations.html
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
from advisor.sql.context import RuleContext
from advisor.sql.query import sources
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    conjuncts,
    is_aggregate_select,
    is_nested,
    qualifiers,
    table_display,
    where_of,
)

META = RuleMeta(
    id="RS-Q28",
    name="unfiltered-federated-scan",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Federated (Postgres/MySQL) table read with no predicate to push down",
    fix_safety=FixSafety.ADVISORY,
)

_FEDERATED = frozenset({"POSTGRES", "MYSQL"})


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    schemas = ctx.catalog.external_schemas
    tree = stmt.tree
    if tree is None or not any(kind in _FEDERATED for kind in schemas.values()):
        return
    for select in stmt.nodes(exp.Select):
        for source in sources(select):
            if not isinstance(source, exp.Table) or not source.db:
                continue
            kind = schemas.get(source.db.lower())
            if kind not in _FEDERATED:
                continue
            if _has_own_predicate(select, source.alias_or_name.lower()):
                continue
            if is_nested(select) and not is_aggregate_select(select):
                continue
            name = table_display(source)
            yield META.finding(
                f"{name} is read from the federated {kind} schema {source.db} with no "
                "predicate; the remote database returns every row",
                stmt.locate(span_of(source)),
                object=name,
                evidence=Evidence.of(table=name, source=kind),
                fix=Fix.advice(
                    f"Add selective WHERE predicates on {name} (only predicates are pushed to "
                    f"{kind.title()})"
                ),
                anchor=stmt.text,
            )


def _has_own_predicate(select: exp.Select, alias: str) -> bool:
    """A WHERE or ON term on this table alone (join conditions are not pushed down)."""
    clauses = [where_of(select)]
    clauses.extend(j.args.get("on") for j in select.args.get("joins") or ())
    for clause in clauses:
        for term in conjuncts(clause):
            names = qualifiers(term)
            if names and names <= {alias, ""}:
                return True
    return False
