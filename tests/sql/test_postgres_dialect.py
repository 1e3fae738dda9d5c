"""`--dialect postgres`: PostgreSQL's parser decides validity, sqlglot's postgres dialect builds
the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.cli import cli
from advisor.config import Config
from advisor.engine import Engine
from advisor.model import SourceText
from advisor.sql import postgres
from advisor.sql.split import split_statements

POSTGRES_ONLY = """\
CREATE INDEX CONCURRENTLY orders_customer_idx ON sales.orders (customer_id);
INSERT INTO sales.totals (customer_id, total) VALUES (1, 10)
    ON CONFLICT (customer_id) DO UPDATE SET total = sales.totals.total + EXCLUDED.total;
SELECT c.id, last.total
FROM sales.customers AS c
CROSS JOIN LATERAL (
    SELECT o.total FROM sales.orders AS o WHERE o.customer_id = c.id
    ORDER BY o.order_date DESC LIMIT 1
) AS last;
SELECT COUNT(*) FILTER (WHERE status = 'open') AS open_orders FROM sales.orders;
SELECT 'C:\\' AS path, E'tab\\tand quote\\'' AS escaped;
LISTEN order_events;
DISCARD ALL;
CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN i IS NULL THEN 0 ELSE i + 1 END;
END;
"""


def _lint(tmp_path: Path, text: str, dialect: str) -> list[tuple[str, int]]:
    path = tmp_path / "q.sql"
    path.write_text(text, encoding="utf-8")
    report = Engine(Config(dialect=dialect, root=tmp_path), lint=True).lint_paths([path])
    return [(f.rule_id, f.location.line) for f in report.findings if f.location]


def test_postgres_only_syntax_lints_without_a_parse_error(tmp_path: Path) -> None:
    found = _lint(tmp_path, POSTGRES_ONLY, "postgres")
    assert not [hit for hit in found if hit[0] == "AD-001"], found
    # The Redshift parser does not know all of it (the point of the Postgres path).
    assert [hit for hit in _lint(tmp_path, POSTGRES_ONLY, "redshift") if hit[0] == "AD-001"]


def test_the_cli_takes_the_postgres_path(tmp_path: Path) -> None:
    path = tmp_path / "q.sql"
    path.write_text(POSTGRES_ONLY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(path), "--dialect", "postgres", "-q"])
    assert "AD-001" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code in (0, 1)
    assert "8 statements" in result.output


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("CREATE INDEX CONCURRENTLY i ON t (a)", exp.Create),
        ("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a", exp.Insert),
        ("SELECT * FROM t CROSS JOIN LATERAL (SELECT 1) AS s", exp.Select),
        ("SELECT COUNT(*) FILTER (WHERE a > 1) FROM t", exp.Select),
        ("LISTEN ch", exp.Command),
    ],
)
def test_trees(sql: str, kind: type[exp.Expr]) -> None:
    assert isinstance(postgres.parse_one(sql), kind)


def test_postgres_rejections_carry_the_position_postgres_names(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as raised:
        postgres.parse_one("SELECT a\nFROM t WHERE x = = 1")
    assert raised.value.errors[0]["line"] == 2
    assert raised.value.errors[0]["col"] == 18
    path = tmp_path / "bad.sql"
    path.write_text("SELECT 1;\nSELECT a\nFROM t WHERE x = = 1;\n", encoding="utf-8")
    report = Engine(Config(dialect="postgres", root=tmp_path), lint=True).lint_paths([path])
    [error] = [f for f in report.findings if f.rule_id == "AD-001"]
    assert error.location is not None
    assert (error.location.line, error.location.column) == (3, 18)
    assert 'syntax error at or near "="' in error.message


def test_postgres_splitting_rules() -> None:
    text = "SELECT 'C:\\';\nSELECT E'\\'';\nCREATE FUNCTION f() RETURNS int LANGUAGE sql\n"
    text += "BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\nSELECT 3;\n"
    spans, error = split_statements(SourceText.of("x.sql", text), postgres=True)
    assert error is None
    pieces = [text[s.start : s.end + 1].split()[0:2] for s in spans]
    assert pieces == [
        ["SELECT", "'C:\\'"],
        ["SELECT", "E'\\''"],
        ["CREATE", "FUNCTION"],
        ["SELECT", "3"],
    ]
    # Redshift reads a backslash as an escape everywhere, as before.
    _, redshift_error = split_statements(SourceText.of("x.sql", "SELECT 'C:\\';\n"))
    assert redshift_error is not None


def test_statements_to_explain_are_split_even_when_one_is_invalid(tmp_path: Path) -> None:
    from advisor.live import explain_requests

    path = tmp_path / "q.sql"
    path.write_text(
        "SELECT 1;\n-- broken\nSELECT a FROM t WHERE (a = 1;\nSELECT 'C:\\';\n", encoding="utf-8"
    )
    requests = explain_requests([path])
    assert [(r.line, r.statement) for r in requests] == [
        (1, "SELECT 1"),
        (3, "SELECT a FROM t WHERE (a = 1"),
        (4, "SELECT 'C:\\'"),
    ]


CORPORA = Path(__file__).parents[2] / ".." / "shared" / "corpora" / "sqlfluff"


@pytest.mark.parametrize(
    ("corpus", "dialect", "most"),
    # Parse errors measured when the PostgreSQL path and the alias fix landed (50 and 13; the
    # remaining ones are psql meta-commands, psql variables and text PostgreSQL rejects).
    [("postgres", "postgres", 50), ("redshift", "redshift", 13)],
)
def test_parse_errors_on_sqlfluff_inputs_do_not_grow(corpus: str, dialect: str, most: int) -> None:
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"SQLFluff {corpus} corpus not found at {folder}")
    config = Config(dialect=dialect, select=("AD-001", "AD-004"), root=folder)
    report = Engine(config, lint=True).lint_paths([folder])
    assert not [f for f in report.findings if f.rule_id == "AD-004"]
    errors = [f for f in report.findings if f.rule_id == "AD-001"]
    assert len(errors) <= most, [str(f.location) for f in errors]
