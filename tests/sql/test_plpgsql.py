"""Statements inside PL/pgSQL procedure bodies: found, located in the file, and linted."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import Config
from advisor.engine import Engine
from advisor.model import SourceText
from advisor.sql.plpgsql import PieceKind, body_statements

try:
    from advisor.sql.dialect import parse_one
    from advisor.sql.parse import parse_source
except ImportError as error:  # compiled sqlglot (sqlglotc): the dialect cannot be built
    pytest.skip(str(error), allow_module_level=True)

PROCEDURE = """\
-- nightly load
CREATE OR REPLACE PROCEDURE etl.nightly(run_date DATE, INOUT loaded INT)
AS $body$
DECLARE
    v_rows INTEGER := 0;
    r RECORD;
    tbl VARCHAR(128);
BEGIN
    DELETE FROM staging;
    INSERT INTO staging (id, event_date)
        SELECT id, event_date FROM raw.events WHERE event_date = run_date;
    SELECT COUNT(*) INTO v_rows FROM staging;
    IF v_rows = 0 THEN
        RAISE INFO 'nothing to load for %', run_date;
        RETURN;
    ELSIF v_rows > (SELECT COUNT(*) FROM etl.limits WHERE kind = 'THEN') THEN
        RAISE WARNING 'large load: % rows', v_rows;
    ELSE
        v_rows := v_rows + 0;
    END IF;
    FOR r IN SELECT table_name FROM etl.targets WHERE active LOOP
        tbl := r.table_name;
        EXECUTE 'DELETE FROM ' || quote_ident(tbl) || ' WHERE load_date = ''' || run_date || '''';
    END LOOP;
    WHILE v_rows > 0 LOOP
        v_rows := v_rows - 1000;
        EXIT WHEN v_rows < 0;
    END LOOP;
    CASE WHEN v_rows < 0 THEN
        TRUNCATE etl.errors;
    ELSE
        NULL;
    END CASE;
    <<inner>>
    DECLARE
        n INT;
    BEGIN
        UPDATE sales.orders SET status = 'loaded' WHERE order_date = run_date;
        COMMIT;
    EXCEPTION
        WHEN division_by_zero OR unique_violation THEN
            RAISE INFO 'update failed: %', SQLERRM;
            ROLLBACK;
    END inner;
    loaded := v_rows;
END;
$body$ LANGUAGE plpgsql;
DELETE FROM sales.orders WHERE order_date < '2020-01-01';
"""


def _statements(text: str) -> list[tuple[int, str]]:
    """(line, first words) of every statement of the file, bodies included, in order."""
    source = SourceText.of("proc.sql", text)
    parsed = parse_source(source, parse_one, "redshift")
    out = []
    for stmt in parsed.statements:
        for s in (stmt, *stmt.body):
            out.append((s.location.line, " ".join(s.text.split()[:2])))
    return out


def test_a_realistic_procedure_yields_its_sql_statements_at_their_lines() -> None:
    assert _statements(PROCEDURE) == [
        (2, "CREATE OR"),
        (9, "DELETE FROM"),
        (10, "INSERT INTO"),
        (12, "SELECT COUNT(*)"),
        (21, "SELECT table_name"),
        (23, "EXECUTE 'DELETE"),
        (30, "TRUNCATE etl.errors"),
        (38, "UPDATE sales.orders"),
        (39, "COMMIT"),
        (43, "ROLLBACK"),
        (48, "DELETE FROM"),
    ]


def test_body_statements_keep_kind_procedure_and_parse() -> None:
    source = SourceText.of("proc.sql", PROCEDURE)
    [create, _] = parse_source(source, parse_one, "redshift").statements
    assert all(s.procedure == "etl.nightly" for s in create.body)
    assert [s.dynamic for s in create.body].count(True) == 1
    assert all(s.error is None for s in create.body)
    assert all(s.tree is not None for s in create.body if not s.dynamic)
    # SELECT ... INTO a variable fills the variable; it is not SELECT INTO a new table.
    select_into = create.body[2]
    assert select_into.tree is not None and select_into.tree.args.get("into") is None


def test_lint_finds_a_delete_without_where_inside_the_procedure(tmp_path: Path) -> None:
    path = tmp_path / "proc.sql"
    path.write_text(PROCEDURE, encoding="utf-8")
    report = Engine(Config(root=tmp_path), lint=True).lint_paths([path])
    found = {(f.rule_id, f.location.line) for f in report.findings if f.location}
    assert ("RS-Q12", 9) in found
    assert ("AD-005", 23) in found
    assert not [f for f in report.findings if f.rule_id in ("AD-001", "AD-004")]
    # The dynamic DELETE is not guessed at, and the top-level DELETE has a WHERE.
    assert [line for rule, line in found if rule == "RS-Q12"] == [9]
    [dynamic] = [f for f in report.findings if f.rule_id == "AD-005"]
    assert dynamic.location is not None and dynamic.location.column == 9


def test_dollar_tags_plain_bodies_and_noqa_inside_a_body() -> None:
    text = (
        "CREATE PROCEDURE p() AS $$\n"
        "BEGIN\n"
        "  DELETE FROM a; -- noqa: RS-Q12\n"
        "  DELETE FROM b;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql;\n"
    )
    parsed = parse_source(SourceText.of("p.sql", text), parse_one, "redshift")
    [create] = parsed.statements
    assert [(s.location.line, s.location.column) for s in create.body] == [(3, 3), (4, 3)]
    [noqa] = create.body[0].suppressions
    assert (noqa.line, noqa.column, noqa.rules) == (3, 18, frozenset({"RS-Q12"}))


def test_noqa_inside_a_body_silences_the_rule_there(tmp_path: Path) -> None:
    path = tmp_path / "p.sql"
    path.write_text(
        "CREATE PROCEDURE p() AS $$\nBEGIN\n  DELETE FROM a; -- noqa: RS-Q12\n"
        "  DELETE FROM b;\nEND;\n$$ LANGUAGE plpgsql;\n",
        encoding="utf-8",
    )
    report = Engine(Config(root=tmp_path), lint=True).lint_paths([path])
    assert [(f.rule_id, f.location.line) for f in report.findings if f.location] == [("RS-Q12", 4)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("BEGIN NULL; END;", []),
        ("BEGIN x := 1; y.z = 2; arr[1] := 3; END", []),
        ("BEGIN RAISE EXCEPTION 'bad'; RETURN; END", []),
        ("BEGIN IF a THEN DELETE FROM t; END IF; END", [("DELETE FROM t", PieceKind.SQL)]),
        (
            "BEGIN FOR r IN EXECUTE 'select 1' LOOP NULL; END LOOP; END",
            [("EXECUTE 'select 1'", PieceKind.DYNAMIC)],
        ),
        ("BEGIN FOR i IN 1..10 LOOP NULL; END LOOP; END", []),
        (
            "DECLARE c CURSOR FOR SELECT 1; BEGIN OPEN c; FETCH c INTO x; CLOSE c; END",
            [],
        ),
        (
            "BEGIN IF CASE WHEN a THEN 1 END = 1 THEN COMMIT; END IF; END",
            [("COMMIT", PieceKind.SQL)],
        ),
        ("BEGIN CALL other(1); END", [("CALL other(1)", PieceKind.SQL)]),
    ],
)
def test_control_statements_are_skipped(body: str, expected: list[tuple[str, PieceKind]]) -> None:
    source = SourceText.of("b.sql", body)
    assert [(body[s.start : s.end + 1], s.kind) for s in body_statements(source)] == expected


def test_a_syntax_error_in_a_body_statement_is_a_parse_error_at_its_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sql"
    path.write_text(
        "CREATE PROCEDURE p() AS $$\nBEGIN\n  SELECT a FROM t WHERE (a = 1;\nEND;\n"
        "$$ LANGUAGE plpgsql;\n",
        encoding="utf-8",
    )
    report = Engine(Config(root=tmp_path), lint=True).lint_paths([path])
    assert [(f.rule_id, f.location.line) for f in report.findings if f.location] == [("AD-001", 3)]


@pytest.mark.parametrize(
    "select",
    [
        "SELECT COUNT(*) INTO v_rows FROM staging",
        "SELECT INTO min_val MIN(id) FROM tmp_tbl",
        "SELECT INTO STRICT a, r.b MIN(id), MAX(id) FROM tmp_tbl",
        "SELECT MIN(id), MAX(id) INTO a, b FROM tmp_tbl WHERE id IN (SELECT id FROM u)",
    ],
)
def test_select_into_variables_is_a_query_not_a_new_table(select: str) -> None:
    text = f"CREATE PROCEDURE p() AS $$\nBEGIN\n  {select};\nEND;\n$$ LANGUAGE plpgsql;\n"
    [create] = parse_source(SourceText.of("p.sql", text), parse_one, "redshift").statements
    [inner] = create.body
    assert inner.error is None, inner.error
    assert inner.tree is not None and inner.tree.args.get("into") is None
    assert inner.text == select
