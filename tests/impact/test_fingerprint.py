"""Fingerprints match a statement of a file to the text a history kept of it."""

from __future__ import annotations

import pytest

from advisor.fingerprint import (
    dsl_fingerprint,
    may_be_truncated,
    normalised_tokens,
    prefix_of,
    sql_fingerprint,
)

SAME = [
    (
        "SELECT * FROM spectrum.clicks_raw WHERE event_day = :day",
        "select *\n  from Spectrum.Clicks_Raw where event_day = '2024-06-01';",
    ),
    ("SELECT a FROM t WHERE id IN (1, 2, 3)", "SELECT a FROM t WHERE id IN (%(ids)s)"),
    ("SELECT a FROM t WHERE d = %(day)s AND n > 5", "SELECT a FROM t WHERE d = $1 AND n > $2"),
    ("SELECT a FROM t WHERE d = ?", "SELECT a -- one column\nFROM t WHERE d = 'x'"),
    (
        "select count(*) from sales where flag = true",
        "SELECT COUNT(*) FROM sales WHERE flag = FALSE",
    ),
]

DIFFERENT = [
    ("SELECT a FROM t", "SELECT b FROM t"),
    ("SELECT a FROM t WHERE x = 1", "SELECT a FROM t WHERE y = 1"),
    ("SELECT a FROM s.t", "SELECT a FROM t"),
    ('SELECT "A" FROM t', "SELECT a FROM u"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_literals_placeholders_case_and_comments_are_erased(a: str, b: str) -> None:
    assert sql_fingerprint(a) == sql_fingerprint(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_names_and_shape_still_tell_statements_apart(a: str, b: str) -> None:
    assert sql_fingerprint(a) != sql_fingerprint(b)


def test_postgres_uses_pglast_and_matches_pg_stat_statements_text() -> None:
    stored = "SELECT * FROM shop.orders WHERE customer_id = $1"
    written = "SELECT * FROM shop.orders WHERE customer_id = 42;"
    assert sql_fingerprint(stored, "postgres") == sql_fingerprint(written, "postgres")
    assert sql_fingerprint(written, "postgres").startswith("pg:")


def test_a_history_text_cut_at_its_limit_matches_the_start_of_the_statement() -> None:
    columns = ", ".join(f"column_{i}" for i in range(600))
    statement = f"SELECT {columns} FROM wide.table_x WHERE day = :day"
    history = statement.replace(":day", "'2024-01-01'")[:4000]
    assert may_be_truncated(history)
    assert prefix_of(history, statement)
    assert not prefix_of(history, statement.replace("column_1,", "other_1,"))
    assert not prefix_of("SELECT a", "SELECT a FROM t")  # too short to trust


def test_tokens_read_text_the_tokenizer_rejects() -> None:
    assert normalised_tokens("SELECT 'unterminated") != ()


def test_request_bodies_match_by_shape() -> None:
    a = {"query": {"term": {"user": "kimchy"}}, "size": 10}
    b = '{"size": 50, "query": {"term": {"user": "someone else"}}}'
    c = {"query": {"match": {"user": "kimchy"}}, "size": 10}
    assert dsl_fingerprint(a) == dsl_fingerprint(b)
    assert dsl_fingerprint(a) != dsl_fingerprint(c)
    lists = [{"terms": {"tag": ["a", "b", "c"]}}, {"terms": {"tag": ["d"]}}]
    assert dsl_fingerprint(lists[0]) == dsl_fingerprint(lists[1])


def test_postgres_text_is_read_by_the_postgres_tokenizer() -> None:
    # Text pglast rejects falls back to these tokens; they erase literals as for Redshift.
    assert normalised_tokens("select a from t where x = 1", "postgres") == (
        "SELECT",
        "a",
        "FROM",
        "t",
        "WHERE",
        "x",
        "=",
        "?",
    )
