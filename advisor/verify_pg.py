"""`--verify-fixes` on PostgreSQL: each index a finding recommends is tried as a hypothetical
index (HypoPG) on the live database, and the finding says what it would gain.

Which findings: every live PostgreSQL finding whose fix is exactly one `CREATE INDEX`
(today PG-C09 unindexed-foreign-key, PG-P01 filtering-seq-scan and PG-P07
function-on-indexed-column; a new rule with an index fix is checked with no change here).
Advice without an index definition (PG-C06, PG-P03, PG-W02) names no index to try.

Which statements each index is tried on (at most `per_index`, in this order):

1. the statement of the plan the finding came from (an `--explain` file's statement);
2. for a foreign key, the lookup PostgreSQL runs on the referencing table for every row
   deleted from (or key updated in) the referenced table:
   `SELECT 1 FROM ONLY child x WHERE col = $1 FOR KEY SHARE OF x`;
3. the top statements of pg_stat_statements (the order the snapshot holds them in, by total
   time) that read or write the index's table, with their `$n` parameters.

What the finding then says (the session is in `connectors.postgres_whatif`): the planner's
total cost of those statements, summed, without and with the hypothetical index, and their
ratio: "hypothetical index: cost 1,693 -> 8.3, 204x". An index is a **gain** when at least one
statement uses it and becomes at least `MIN_RATIO` times cheaper; otherwise the finding stays,
with its severity, marked **no gain**: a plan cost covers only the statements tried, and an
index can still matter where EXPLAIN does not look (the locks a foreign key check holds, a
statement the history did not keep). When nothing could be tried (no statement, hypopg not
installed and not allowed, a failed connection) the finding says **not checked** and why. The
evidence holds `whatif` (gain / no gain / not checked), the index tried, both costs, the
ratio and the cost of each statement.

The verified messages replace the findings' messages after the baseline has been applied, so
a baseline written with or without `--verify-fixes` matches the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from advisor.model import Evidence, EvidenceValue, Finding, FixKind, Report
from advisor.model_postgres import (
    PgSnapshot,
    PgTable,
    WhatIfIndex,
    WhatIfResult,
    WhatIfRun,
    WhatIfStatement,
)
from advisor.sql.quoting import quote_ident

MIN_RATIO = 1.1  # at least this many times cheaper, on a statement that uses the index
MAX_INDEXES = 20  # index recommendations tried in one run
PER_INDEX = 5  # statements each index is tried on
EXTENSIONS = ("hypopg",)  # what --allow-extension accepts

GAIN, NO_GAIN, NOT_CHECKED = "gain", "no gain", "not checked"


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """How far a run may go: create the extension for the session, how many indexes and
    statements to try."""

    allow_extension: bool = False
    max_indexes: int = MAX_INDEXES
    per_index: int = PER_INDEX


@dataclass(frozen=True, slots=True)
class IndexTarget:
    """The index a fix recommends: the `CREATE INDEX` to try and the table it is on."""

    sql: str
    schema: str | None
    table: str


def recommended_index(finding: Finding) -> IndexTarget | None:
    """The one `CREATE INDEX` of a live PostgreSQL finding's fix (CONCURRENTLY dropped: a
    hypothetical index is built by no one), or None when the fix is not one."""
    fix = finding.fix
    if fix is None or fix.kind is not FixKind.SQL or not finding.rule_id.startswith("PG-"):
        return None
    from pglast import ast, parse_sql
    from pglast.parser import ParseError
    from pglast.stream import RawStream

    try:
        statements = parse_sql(fix.content)
    except ParseError:
        return None
    if len(statements) != 1 or not isinstance(statements[0].stmt, ast.IndexStmt):
        return None
    index = statements[0].stmt
    relation = index.relation
    if relation is None or not relation.relname:
        return None
    index.concurrent = False
    return IndexTarget(RawStream()(index), relation.schemaname, str(relation.relname))


def _tables_read(text: str) -> set[tuple[str | None, str]] | None:
    """The tables a SELECT, INSERT, UPDATE or DELETE reads (an INSERT's target is written,
    not read: only its query counts), or None for anything else (other statements, several
    statements, text PostgreSQL does not parse)."""
    from pglast import ast, parse_sql
    from pglast.parser import ParseError
    from pglast.visitors import Visitor

    try:
        statements = parse_sql(text)
    except ParseError:
        return None
    kinds = (ast.SelectStmt, ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt)
    if len(statements) != 1 or not isinstance(statements[0].stmt, kinds):
        return None
    found: set[tuple[str | None, str]] = set()

    class Tables(Visitor):
        def visit_RangeVar(self, _ancestors: object, node: ast.RangeVar) -> None:
            if node.relname:
                found.add((node.schemaname, str(node.relname)))

    root = statements[0].stmt
    if isinstance(root, ast.InsertStmt):
        for part in (root.withClause, root.selectStmt):
            if part is not None:
                Tables()(part)
    else:
        Tables()(root)
    return found


def _names_table(tables: set[tuple[str | None, str]], target: IndexTarget) -> bool:
    return any(
        name == target.table and (schema is None or target.schema in (None, schema))
        for schema, name in tables
    )


def _foreign_key_lookup(finding: Finding, table: PgTable | None) -> WhatIfStatement | None:
    """The lookup a delete on the referenced table runs on the referencing one, per row."""
    constraint = finding.evidence.as_dict().get("constraint")
    if table is None or not isinstance(constraint, str):
        return None
    fk = next((k for k in table.foreign_keys if k.name == constraint), None)
    if fk is None or not fk.columns:
        return None
    where = " AND ".join(
        f"{quote_ident(c, 'postgres')} = ${n}" for n, c in enumerate(fk.columns, 1)
    )
    relation = f"{quote_ident(table.schema, 'postgres')}.{quote_ident(table.name, 'postgres')}"
    text = f"SELECT 1 FROM ONLY {relation} x WHERE {where} FOR KEY SHARE OF x"
    return WhatIfStatement(f"lookup of foreign key {fk.name}", text)


def affected_statements(
    finding: Finding, target: IndexTarget, snapshot: PgSnapshot, limit: int = PER_INDEX
) -> tuple[WhatIfStatement, ...]:
    """The statements an index should help, most specific first, at most `limit`."""
    out: list[WhatIfStatement] = []
    for plan in snapshot.plans:
        if plan.statement == finding.anchor:
            label = f"{plan.path}:{plan.line}" if plan.path else "the plan's statement"
            out.append(WhatIfStatement(label, plan.statement))
            break
    if target.schema is not None:
        table = snapshot.table(f"{target.schema}.{target.table}")
        lookup = _foreign_key_lookup(finding, table)
        if lookup is not None:
            out.append(lookup)
    statements = snapshot.workload.statements if snapshot.workload else ()
    for statement in statements:
        if len(out) >= limit:
            break
        tables = _tables_read(statement.query)
        if tables is None or not _names_table(tables, target):
            continue
        if any(s.text == statement.query for s in out):
            continue
        out.append(WhatIfStatement(f"queryid {statement.queryid}", statement.query))
    return tuple(out[:limit])


def _cost(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _ratio(value: float) -> str:
    if value >= 10:
        return f"{value:,.0f}x"
    return f"{value:.1f}x" if value >= 2 else f"{value:.2f}x"


def judged(finding: Finding, index: IndexTarget, result: WhatIfResult | None, why: str) -> Finding:
    """The finding with what the hypothetical index showed (`why`: the reason it was not
    checked when there is no result)."""
    facts: dict[str, EvidenceValue] = {"whatif_index": index.sql}
    planned = (
        [c for c in result.costs if c.before is not None and c.after is not None] if result else []
    )
    if result is not None and result.error:
        why = result.error
    elif result is not None and not planned:
        errors = [f"{c.label}: {c.error}" for c in result.costs if c.error]
        why = "; ".join(errors) if errors else why
    if result is None or result.error or not planned:
        facts = {"whatif": NOT_CHECKED, **facts, "whatif_note": why}
        return _with(finding, f"hypothetical index not checked: {why}", facts)
    # The costs of the statements whose plans use the index (of all, when none does): a
    # statement the index cannot serve would only dilute the ratio.
    using = [c for c in planned if c.uses_index]
    counted = using or planned
    before = sum(c.before or 0.0 for c in counted)
    after = sum(c.after or 0.0 for c in counted)
    ratio = before / after if after > 0 else float("inf")
    gain = any((c.before or 0.0) >= MIN_RATIO * (c.after or 0.0) for c in using)
    shown_ratio = _ratio(ratio) if after > 0 else "no cost left"
    over = f" over {len(counted)} statements" if len(counted) > 1 else ""
    text = f"hypothetical index: cost {_cost(before)} -> {_cost(after)}{over}, "
    if gain:
        text += shown_ratio
    elif using:
        text += f"no gain ({shown_ratio})"
    else:
        text += "no gain (the planner does not use it)"
    if using and len(using) < len(planned):
        text += f" (used by {len(using)} of the {len(planned)} statements planned)"
    facts = {
        "whatif": GAIN if gain else NO_GAIN,
        **facts,
        "cost_before": round(before, 2),
        "cost_after": round(after, 2),
        "cost_ratio": round(ratio, 2) if after > 0 else None,
        "statements_planned": len(planned),
        "statements_using_index": len(using),
        "whatif_plans": "; ".join(
            _plan_line(c.label, c.before, c.after, c.uses_index, c.error) for c in result.costs
        ),
    }
    return _with(finding, text, facts)


def _plan_line(
    label: str, before: float | None, after: float | None, uses: bool, error: str | None
) -> str:
    if error is not None or before is None or after is None:
        return f"{label}: {error or 'not planned'}"
    return f"{label}: {_cost(before)} -> {_cost(after)}{' (uses the index)' if uses else ''}"


def _with(finding: Finding, text: str, facts: dict[str, EvidenceValue]) -> Finding:
    evidence = Evidence((*finding.evidence.items, *facts.items()))
    return replace(finding, message=f"{finding.message}; {text}", evidence=evidence)


Check = Callable[[Sequence[WhatIfIndex]], WhatIfRun]


def verify_findings(
    findings: Iterable[Finding],
    snapshot: PgSnapshot | None,
    check: Check | None,
    options: VerifyOptions = VerifyOptions(),
    why_not: str = "",
) -> tuple[list[Finding], str]:
    """The findings, those recommending an index judged by `check` (a what-if session on the
    live database; None with `why_not` when there is none), and a one-line summary ("" when no
    finding recommends an index)."""
    out = list(findings)
    wanted: list[tuple[int, IndexTarget, WhatIfIndex]] = []
    skipped: list[int] = []
    for place, finding in enumerate(out):
        target = recommended_index(finding)
        if target is None:
            continue
        if len(wanted) >= options.max_indexes:
            skipped.append(place)
            continue
        statements = (
            affected_statements(finding, target, snapshot, options.per_index) if snapshot else ()
        )
        wanted.append((place, target, WhatIfIndex(str(place), target.sql, statements)))
    if not wanted:
        return out, ""
    run: WhatIfRun | None = None
    askable = [w for _, _, w in wanted if w.statements]
    if check is not None and askable:
        run = check(askable)
    results = {r.key: r for r in run.results} if run else {}
    for place, target, request in wanted:
        if not request.statements:
            why = why_not or "no statement in the plans or the history read touches the table"
        else:
            why = why_not or (run.error if run and run.error else "") or "not tried"
        out[place] = judged(out[place], target, results.get(request.key), why)
    for place in skipped:
        why = f"only the first {options.max_indexes} index recommendations are checked"
        out[place] = judged(
            out[place], recommended_index(out[place]) or IndexTarget("", None, ""), None, why
        )
    verdicts = [f.evidence.as_dict().get("whatif") for f in out]
    counts = {v: verdicts.count(v) for v in (GAIN, NO_GAIN, NOT_CHECKED) if verdicts.count(v)}
    total = len(wanted) + len(skipped)
    summary = f"hypothetical indexes: {total} index recommendation{'s' if total != 1 else ''} ("
    summary += ", ".join(f"{n} {v}" for v, n in counts.items()) + ")"
    if run is not None:
        summary += (
            f"; hypopg {run.extension}, {run.statements_sent} statements in a rolled-back session"
        )
        if run.error:
            summary += f"; {run.error}"
    elif why_not:
        summary += f"; {why_not}"
    return out, summary


def verify_report(
    report: Report,
    snapshot: PgSnapshot | None,
    check: Check | None,
    options: VerifyOptions = VerifyOptions(),
    why_not: str = "",
) -> tuple[Report, str]:
    """The report with its index recommendations judged (see `verify_findings`)."""
    findings, summary = verify_findings(report.findings, snapshot, check, options, why_not)
    return replace(report, findings=findings), summary
