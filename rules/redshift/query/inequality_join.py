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
    FixKind,
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
    if tree is None:
        return
    for join in stmt.nodes(exp.Join):
        on = join.args.get("on")
        if on is not None:
            terms = list(conjuncts(on)) if has_column(on) else []
        else:
            terms = _comma_join_terms(join)
        if not terms or any(_equi(t) for t in terms):
            continue
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
            fix=Fix(
                f"Add an equality between {name} and the other side (e.g. a bucket or range id) "
                "and keep the inequality as a refinement",
                FixSafety.ADVISORY,
                FixKind.TEXT,
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
        if alias in names and len(names) > 1 and "" not in names:
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
