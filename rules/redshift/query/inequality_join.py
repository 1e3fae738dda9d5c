"""## What it does
Flags a join whose ON condition has no equality between the two sides: only `<`, `>`,
`BETWEEN`, `LIKE`, `<>` comparisons, or terms combined with OR. A comma join whose WHERE
predicates relate it to the other relations only by such terms is flagged too.

## Why is this bad?
Redshift can hash or merge join only on equality. A join with inequality terms alone runs as a
Nested Loop, which the query plan documentation says is "used mainly for cross-joins ... and
some inequality joins": every row of one side is compared with every row of the other.

## Example
```sql
SELECT e.event_id, b.bucket_name
FROM web.events e
JOIN ref.price_buckets b ON e.price BETWEEN b.low AND b.high;
```

## Use instead
```sql
-- Give both sides an equality key (here a precomputed bucket id), then refine.
SELECT e.event_id, b.bucket_name
FROM web.events e
JOIN ref.price_buckets b
  ON b.bucket_id = FLOOR(e.price / 100)
 AND e.price BETWEEN b.low AND b.high;
```

## Evidence
The SQL text of the ON condition, or of the WHERE terms that relate a comma-joined relation
to the others (judged from column qualifiers).

## Known limits
A small dimension joined by range (a date-range calendar) may be cheap enough; the rule cannot
see row counts. An equality hidden inside a function on both sides (`ON UPPER(a.x) =
UPPER(b.x)`) counts as an equality. `ON TRUE` and `ON 1 = 1` are left to RS-Q02.
A comma-joined relation that has an equality to another relation anywhere in the WHERE clause
is hash-joined on it, and its other terms are residual filters, so it is not flagged; an
unqualified column in that equality is taken as belonging to another relation. A term shared
by two relations is reported once. Queries that read only system tables and views (STL, STV,
SVL, SVV, SYS, the pg_ catalog) are admin queries over small or virtual tables and are skipped.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
- https://docs.aws.amazon.com/redshift/latest/dg/query-performance-improvement-opportunities.html
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
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    conjuncts,
    has_column,
    qualifiers,
    reads_only_system_relations,
    sql,
    table_display,
    where_of,
)

META = RuleMeta(
    id="RS-Q03",
    name="inequality-join",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.MEDIUM,
    summary="Join condition without an equality runs as a Nested Loop",
    fix_safety=FixSafety.ADVISORY,
)

_INEQUALITY = (
    exp.LT,
    exp.LTE,
    exp.GT,
    exp.GTE,
    exp.NEQ,
    exp.Between,
    exp.Like,
    exp.ILike,
    exp.Or,
)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or reads_only_system_relations(tree):
        return
    reported: set[int] = set()
    for join in stmt.nodes(exp.Join):
        on = join.args.get("on")
        if on is not None:
            terms = list(conjuncts(on)) if has_column(on) else []
        else:
            terms = _comma_join_terms(join)
        if not terms or any(_equi(t) for t in terms):
            continue
        # Two relations of a comma join that share one residual filter: one finding.
        if all(id(t) in reported for t in terms):
            continue
        reported.update(id(t) for t in terms)
        kinds = sorted({_kind(t) for t in terms if isinstance(t, _INEQUALITY)})
        if not kinds:
            continue
        name = table_display(join.this)
        condition = exp.and_(*terms) if len(terms) > 1 else terms[0]
        yield META.finding(
            f"join to {name} has no equality ({', '.join(kinds)} only); it will run as a "
            "Nested Loop",
            stmt.locate(span_of(on if on is not None else terms[0])),
            object=name,
            evidence=Evidence.of(
                relation=name, condition=sql(condition), operators=", ".join(kinds)
            ),
            fix=Fix.advice(
                f"Add an equality between {name} and the other side (e.g. a bucket or range id) "
                "and keep the inequality as a refinement"
            ),
            anchor=stmt.text,
        )


def _comma_join_terms(join: exp.Join) -> list[exp.Expr]:
    """WHERE terms relating a comma-joined relation to the other relations of its SELECT."""
    select = join.parent
    right = join.this
    if not isinstance(select, exp.Select) or not isinstance(right, exp.Table | exp.Subquery):
        return []
    if join.args.get("kind") or join.side or join.args.get("using") or join.args.get("method"):
        return []
    alias = right.alias_or_name.lower()
    terms = []
    for term in conjuncts(where_of(select)):
        names = qualifiers(term)
        if alias not in names or len(names) < 2:
            continue
        if _equi(term):
            # Joined by an equality (maybe to an unqualified column): a hash join, and any
            # inequality on the same relation is a residual filter.
            return []
        if "" not in names:
            terms.append(term)
    return terms


def _equi(term: exp.Expr) -> bool:
    return isinstance(term, exp.EQ) and has_column(term.left) and has_column(term.right)


def _kind(term: exp.Expr) -> str:
    names: dict[type[exp.Expr], str] = {
        exp.NEQ: "<>",
        exp.LT: "<",
        exp.LTE: "<=",
        exp.GT: ">",
        exp.GTE: ">=",
    }
    return names.get(type(term), type(term).__name__.upper())
