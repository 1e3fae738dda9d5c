"""## What it does
Flags pattern matching that costs more than needed: `SIMILAR TO`, the POSIX operators
`~ ~* !~ !~*`, and `LIKE` / `ILIKE` with a constant pattern that has no wildcard.

## Why is this bad?
AWS ranks the operators by cost: a plain comparison is cheapest, then LIKE, and SIMILAR TO and
POSIX regular expressions are the most expensive, evaluated row by row over the whole column.
A LIKE without `%` or `_` is an equality written the slow way.

## Example
```sql
SELECT id FROM web.pages WHERE url SIMILAR TO '%/checkout%' AND status LIKE 'OK';
```

## Use instead
```sql
SELECT id FROM web.pages WHERE url LIKE '%/checkout%' AND status = 'OK';
```

## Fix safety
Safe for `LIKE` without wildcards: `--fix` writes `=` (and `<>` for `NOT LIKE`) over the predicate
alone, which matches the same rows. `SIMILAR TO`, regular expressions and `ILIKE` stay advice. A
predicate with a comment inside gets no edit.

## Evidence
The SQL text: the operator and, for LIKE, the constant pattern.

## Known limits
Whether a regular expression can be expressed with LIKE is not judged; the rule only names the
cheaper operator to try. `LIKE` with a pattern built at run time (a column, a parameter) is not
checked. The exact rewrite is produced only for a wildcard-free `LIKE` (→ `=`); ILIKE keeps its
case folding, so it gets advice.
Statements that read only system tables and views (STL, STV, SVL, SVV, SYS, the pg_ catalog)
are admin queries over small or virtual tables and are not flagged.

## References
- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html
- https://docs.aws.amazon.com/redshift/latest/dg/pattern-matching-conditions.html
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
from advisor.sql.edits import node_edit
from advisor.sql.spans import span_of
from rules.redshift.query._shared import (
    reads_only_system_relations,
    replaced,
    sql,
)

META = RuleMeta(
    id="RS-Q05",
    name="expensive-match-operator",
    family="redshift.query",
    target=TargetKind.SQL_STATEMENT,
    severity=Severity.LOW,
    summary="SIMILAR TO, POSIX regex, or a LIKE with no wildcard where a cheaper operator works",
    fix_safety=FixSafety.SAFE,
)

_REGEX = (exp.SimilarTo, exp.RegexpLike, exp.RegexpILike)


def check(stmt: SqlStatement, ctx: RuleContext) -> Iterator[Finding]:
    tree = stmt.tree
    if tree is None or reads_only_system_relations(tree):
        return
    for node in stmt.nodes(*_REGEX, exp.Like, exp.ILike):
        if isinstance(node, _REGEX):
            op = "SIMILAR TO" if isinstance(node, exp.SimilarTo) else "a POSIX regex"
            message = f"`{sql(node)}` uses {op}, the costliest match; use LIKE or = if it can"
            fix = Fix.advice("Use LIKE or a comparison if the pattern allows")
        else:
            pattern = node.expression
            if node.args.get("escape") or not isinstance(pattern, exp.Literal):
                continue
            if not pattern.is_string or "%" in pattern.this or "_" in pattern.this:
                continue
            op = "LIKE" if isinstance(node, exp.Like) else "ILIKE"
            message = f"`{sql(node)}` has no wildcard; it is an equality written as {op}"
            fix = _equality_fix(stmt, node)
        yield META.finding(
            message,
            stmt.locate(span_of(node)),
            object=sql(node.this),
            evidence=Evidence.of(operator=op, predicate=sql(node)),
            fix=fix,
            anchor=stmt.text,
        )


def _equality_fix(stmt: SqlStatement, node: exp.Expr) -> Fix:
    if not isinstance(node, exp.Like) or stmt.tree is None:
        return Fix.advice("Compare with = on LOWER(...) or keep ILIKE")
    # `x NOT LIKE 'abc'` is a negated LIKE node: its equality is `<>`, not `=`.
    compare = exp.NEQ if node.args.get("negate") else exp.EQ
    equality = compare(this=node.this.copy(), expression=node.expression.copy())
    statement = replaced(stmt.tree, node, equality)
    edit = node_edit(stmt, node, equality)
    return Fix.sql(
        "Use <> instead of NOT LIKE" if node.args.get("negate") else "Use = instead of LIKE",
        sql(statement) + ";",
        FixSafety.SAFE,
        edits=(edit,) if edit is not None else (),
    )
