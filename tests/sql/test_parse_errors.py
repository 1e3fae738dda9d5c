"""Parse errors say what was expected in SQL terms, never a class name or a token dump."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.model import SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.parse import parse_source


def error_of(sql: str) -> str:
    parsed = parse_source(SourceText.of("q.sql", sql), parse_one, "redshift")
    errors = [s.error for s in parsed.statements if s.error]
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "SELECT a FROM t WHERE;",
            "expected a condition after WHERE, found the end of the statement",
        ),
        ("SELECT FROM WHERE x = 1;", "expected a table name, found `WHERE`"),
        ("DROP TABLE;", "expected a table name, found the end of the statement"),
        ("SELECT a FROM t WHERE (a = 1;", "expected `)`, found the end of the statement"),
        (
            "SELECT * FROM t ORDER BY;",
            "expected an expression after ORDER BY, found the end of the statement",
        ),
        ("SELECT * FROM t LIMIT;", "expected a number after LIMIT, found the end of the statement"),
        (
            "SELECT * FROM t WHERE a = 1 AND;",
            "expected a condition after AND, found the end of the statement",
        ),
        ("SELECT 1 +;", "expected an operand after `+`, found the end of the statement"),
        ("SELECT CASE WHEN a THEN FROM t;", "expected a value after THEN, found `FROM`"),
        ("SELECT CAST(a AS) FROM t;", "expected a type after CAST, found `)`"),
        ("WITH x AS SELECT 1 SELECT * FROM x;", "expected `(`, found `SELECT`"),
        ("SELECT CASE WHEN a THEN 1 FROM t;", "expected END after CASE, found `1`"),
        (
            "WITH x AS (SELECT 1) ;",
            "expected a statement (SELECT, INSERT, ...) after the WITH clause, "
            "found the end of the statement",
        ),
        ("COPY t FROM;", "expected the COPY source, found the end of the statement"),
        (
            "SELECT a b c FROM t;",
            "unexpected `c`: a misspelt keyword, or a missing comma or operator?",
        ),
    ],
)
def test_parse_errors_in_sql_terms(sql: str, message: str) -> None:
    assert error_of(sql) == message


def test_lint_prints_the_plain_message_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sql"
    bad.write_text(
        "-- report\nSELECT a\nFROM t WHERE;\nSELECT FROM WHERE x = 1;\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lint", str(bad), "--format", "concise"])
    lines = result.stdout.splitlines()
    assert (
        f"{bad}:3:12: AD-001 cannot parse statement: "
        "expected a condition after WHERE, found the end of the statement" in lines
    )
    assert (
        f"{bad}:4:13: AD-001 cannot parse statement: expected a table name, found `WHERE`" in lines
    )
    for word in ("Required keyword", "<class", "<Token", "TokenType"):
        assert word not in result.output
