"""Reports built directly from the model, so the TUI tests do not depend on any rule."""

from __future__ import annotations

from pathlib import Path

from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Location,
    Report,
    RuleMeta,
    Severity,
    TargetKind,
)

SQL = """\
-- nightly export
SELECT *
FROM sales.orders
WHERE order_date > '2024-01-01';

VACUUM sales.orders;
"""

DSL = '{"query": {"wildcard": {"name": {"value": "*phone"}}}}\n'

META = {
    "XX-Q01": RuleMeta(
        "XX-Q01", "star-select", "query", TargetKind.SQL_STATEMENT, Severity.LOW, "Reads columns"
    ),
    "XX-Q02": RuleMeta(
        "XX-Q02", "vacuum-inline", "query", TargetKind.SQL_STATEMENT, Severity.ERROR, "Vacuum"
    ),
    "XX-O01": RuleMeta(
        "XX-O01", "leading-wildcard", "dsl", TargetKind.DSL_REQUEST, Severity.HIGH, "Wildcard"
    ),
    "XX-I01": RuleMeta("XX-I01", "note", "misc", TargetKind.TABLE, Severity.INFO, "A note"),
}

DOCS = {
    "XX-Q01": "## What it does\n\nFlags `SELECT *`.\n",
    "XX-Q02": "## What it does\n\nFlags VACUUM in a transaction.\n",
}


def docs(rule_id: str) -> str:
    return DOCS.get(rule_id, "")


def write_sources(root: Path) -> None:
    (root / "queries").mkdir(parents=True, exist_ok=True)
    (root / "queries" / "export.sql").write_text(SQL, encoding="utf-8")
    (root / "search.json").write_text(DSL, encoding="utf-8")


def sample_report() -> Report:
    """Five findings over two files and four rules, every severity but medium."""
    star = Finding(
        "XX-Q01",
        Severity.LOW,
        "`*` reads every column of sales.orders",
        Location("queries/export.sql", 2, 8, 2, 8),
        object="sales.orders",
        evidence=Evidence.of(columns=42, table="sales.orders"),
        fix=Fix("List the columns", FixSafety.UNSAFE, FixKind.SQL, "SELECT id, total"),
    )
    vacuum = Finding(
        "XX-Q02",
        Severity.ERROR,
        "VACUUM cannot run inside a transaction",
        Location("queries/export.sql", 6, 1, 6, 19),
        object="sales.orders",
        fix=Fix("Move it after COMMIT", FixSafety.ADVISORY, FixKind.SQL, "VACUUM sales.orders;"),
    )
    wildcard = Finding(
        "XX-O01",
        Severity.HIGH,
        "leading wildcard on products.name scans every term",
        Location("search.json", 1, 24, 1, 50),
        object="products",
        fix=Fix(
            "Use an ngram field", FixSafety.ADVISORY, FixKind.DSL, '{"match": {"name.ngram": "p"}}'
        ),
    )
    star_again = Finding(
        "XX-Q01",
        Severity.LOW,
        "`*` reads every column of web.events",
        Location("queries/export.sql", 3, 1, 3, 17),
        object="web.events",
    )
    note = Finding("XX-I01", Severity.INFO, "table has no comment", None, object="web.pages")
    findings = [star, vacuum, wildcard, star_again, note]
    return Report(findings=findings, files=2, statements=3, rules=dict(META))


def many_findings(count: int) -> Report:
    """`count` synthetic findings over 100 files and 20 rules, for timing."""
    severities = list(Severity)
    findings = [
        Finding(
            f"XX-R{i % 20:02d}",
            severities[i % len(severities)],
            f"synthetic finding number {i} about table t{i % 500}",
            Location(f"models/file_{i % 100:03d}.sql", i % 300 + 1, 1, i % 300 + 1, 10),
            object=f"schema.t{i % 500}",
            evidence=Evidence.of(rows=i * 10),
        )
        for i in range(count)
    ]
    return Report(findings=findings, files=100, statements=count)
