"""One fixed report for the format tests: two files, every severity, a run-level finding."""

from __future__ import annotations

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
    SourceText,
    TargetKind,
)

SQL_PATH = "warehouse/orders.sql"
DSL_PATH = "search/products.json"

SQL_TEXT = """-- nightly load
SELECT * FROM sales.orders WHERE note = '<script>alert(1)</script>';

BEGIN;
VACUUM sales.orders;
COMMIT;

CREATE TABLE sales.events (
    id BIGINT,
    created_at TIMESTAMP
)
INTERLEAVED SORTKEY (created_at);
"""

DSL_TEXT = """{
  "query": {
    "wildcard": {"name": {"value": "*phone"}}
  },
  "size": 10000
}
"""

DOCS = {
    "RS-Q01": "## What it does\nFlags `SELECT *` over a stored table.\n\n"
    "## Why is this bad?\nColumnar storage reads every column.\n\n"
    "## References\n- https://docs.aws.amazon.com/redshift/latest/dg/c_designing-queries-best-practices.html",
    "OS-101": "## What it does\nFlags a wildcard query with a leading `*`.\n",
}


def _meta(
    rule_id: str, name: str, family: str, severity: Severity, summary: str, target: TargetKind
) -> RuleMeta:
    return RuleMeta(rule_id, name, family, target, severity, summary, FixSafety.ADVISORY)


RULES = {
    m.id: m
    for m in (
        _meta(
            "AD-002",
            "unreadable-file",
            "advisor",
            Severity.INFO,
            "File cannot be read",
            TargetKind.SQL_SCRIPT,
        ),
        _meta(
            "OS-101",
            "leading-wildcard",
            "opensearch.dsl",
            Severity.MEDIUM,
            "Leading wildcard scans every term",
            TargetKind.DSL_REQUEST,
        ),
        _meta(
            "OS-104",
            "deep-paging",
            "opensearch.dsl",
            Severity.INFO,
            "Large size or from+size pages deeply",
            TargetKind.DSL_REQUEST,
        ),
        _meta(
            "RS-D02",
            "interleaved-monotonic-sortkey",
            "redshift.ddl",
            Severity.HIGH,
            "Interleaved sort key on a monotonic column",
            TargetKind.SQL_STATEMENT,
        ),
        _meta(
            "RS-Q01",
            "select-star",
            "redshift.query",
            Severity.LOW,
            "SELECT * reads every column of a columnar table",
            TargetKind.SQL_STATEMENT,
        ),
        _meta(
            "RS-Q02",
            "cartesian-join",
            "redshift.query",
            Severity.HIGH,
            "Join without a join condition",
            TargetKind.SQL_STATEMENT,
        ),
        _meta(
            "RS-Q14",
            "vacuum-in-transaction",
            "redshift.query",
            Severity.ERROR,
            "VACUUM cannot run inside a transaction block",
            TargetKind.SQL_STATEMENT,
        ),
    )
}


def build_findings(shift: int = 0) -> list[Finding]:
    """The sample findings; `shift` moves every line down, as an edit above them would."""

    def loc(path: str, line: int, col: int, end_line: int, end_col: int) -> Location:
        return Location(path, line + shift, col, end_line + shift, end_col)

    select = "SELECT * FROM sales.orders WHERE note = '<script>alert(1)</script>';"
    return [
        RULES["RS-Q01"].finding(
            "`*` reads every column of sales.orders <script>alert('x')</script>",
            loc(SQL_PATH, 2, 8, 2, 8),
            object="sales.orders",
            evidence=Evidence.of(tables="sales.orders", columns_read=12),
            fix=Fix(
                "Select only the columns the query needs",
                FixSafety.UNSAFE,
                FixKind.SQL,
                "SELECT order_id, total FROM sales.orders WHERE note = '<script>';",
            ),
            anchor=select,
        ),
        RULES["RS-Q14"].finding(
            "VACUUM inside the transaction block opened on line 4",
            loc(SQL_PATH, 5, 1, 5, 19),
            object="sales.orders",
            evidence=Evidence.of(transaction_opened_at_line=4),
            fix=Fix(
                "Move the VACUUM after COMMIT", FixSafety.SAFE, FixKind.SQL, "VACUUM sales.orders;"
            ),
            anchor="VACUUM sales.orders;",
        ),
        RULES["RS-D02"].finding(
            "Interleaved sort key on created_at, which only grows: every load re-sorts the table",
            loc(SQL_PATH, 8, 1, 12, 32),
            object="sales.events",
            evidence=Evidence.of(column="created_at", monotonic=True),
            fix=Fix("Use a compound sort key", FixSafety.ADVISORY, FixKind.TEXT),
            anchor="CREATE TABLE sales.events",
        ),
        RULES["OS-101"].finding(
            "Leading wildcard in `*phone` scans every term of the field name",
            loc(DSL_PATH, 3, 18, 3, 44),
            object="products",
            evidence=Evidence.of(field="name", pattern="*phone"),
            fix=Fix(
                "Index the reversed name and match its prefix",
                FixSafety.UNSAFE,
                FixKind.DSL,
                '{"query": {"prefix": {"name.reversed": "enohp"}}}',
            ),
            anchor="wildcard name *phone",
        ),
        RULES["OS-104"].finding(
            "size 10000 pages deeply: 100% of hits, costs: heap, time\nuse search_after",
            loc(DSL_PATH, 5, 3, 5, 15),
            object="products",
            evidence=Evidence.of(size=10000, ratio=1.0),
            anchor="size 10000",
        ),
        RULES["AD-002"].finding(
            "Snapshot had no cluster section; live rules were skipped",
            None,
            anchor="snapshot",
        ),
    ]


def build_report(shift: int = 0) -> Report:
    return Report(
        findings=build_findings(shift),
        files=2,
        statements=5,
        timings={"read_parse": 0.0, "rules": 0.0},
        rules_run=tuple(RULES),
        rules=dict(RULES),
    )


def build_sources() -> dict[str, SourceText]:
    return {
        SQL_PATH: SourceText.of(SQL_PATH, SQL_TEXT),
        DSL_PATH: SourceText.of(DSL_PATH, DSL_TEXT),
    }
